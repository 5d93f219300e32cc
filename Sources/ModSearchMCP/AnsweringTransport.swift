import struct Foundation.Data
import JSONText
import Logging
import MCP

/// The stdio transport, except that input ending does not end the session before every request
/// read has been answered: the SDK answers each request in a task of its own and stops when input
/// ends, which would drop the answers of `printf … | modsearch mcp`, as a daemon connection whose
/// client closed its sending side does not.
actor AnsweringTransport: Transport {
    /// How long answers are awaited once input has ended.
    static let drainSeconds = 30.0

    private let stdio: StdioTransport
    nonisolated let logger: Logger
    /// Requests read and not yet answered, by id.
    private var unanswered: Set<String> = []

    init(logger: Logger) {
        self.logger = logger
        stdio = StdioTransport(logger: logger)
    }

    func connect() async throws { try await stdio.connect() }

    func disconnect() async { await stdio.disconnect() }

    func send(_ data: Data) async throws {
        try await stdio.send(data)
        for message in Self.messages(in: data) where message["method"] == nil {
            if let id = message["id"].flatMap(Self.key) { unanswered.remove(id) }
        }
    }

    func receive() -> AsyncThrowingStream<Data, Swift.Error> {
        let (stream, continuation) = AsyncThrowingStream<Data, Swift.Error>.makeStream()
        let reading = Task {
            do {
                for try await data in await stdio.receive() {
                    noteRequests(in: data)
                    continuation.yield(data)
                }
                await answersSent()
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in reading.cancel() }
        return stream
    }

    /// Records the requests of a message before the server sees it, so no answer can come first.
    private func noteRequests(in data: Data) {
        for message in Self.messages(in: data) {
            guard case .string(let method)? = message["method"] else { continue }
            if method == "notifications/cancelled", let id = message["params"]?.object?["requestId"].flatMap(Self.key) {
                // A cancelled request gets no answer.
                unanswered.remove(id)
            } else if let id = message["id"].flatMap(Self.key) {
                unanswered.insert(id)
            }
        }
    }

    private func answersSent() async {
        let deadline = ContinuousClock.now + .seconds(Self.drainSeconds)
        while !unanswered.isEmpty, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(5))
        }
    }

    /// The JSON-RPC messages of a line: one object, or a batch of them.
    private static func messages(in data: Data) -> [[String: JSONValue]] {
        switch try? JSONReader.parse(data) {
        case .object(let message)?: [message]
        case .array(let batch)?: batch.compactMap(\.object)
        default: []
        }
    }

    private static func key(_ id: JSONValue) -> String? {
        switch id {
        case .int(let number): "\(number)"
        case .string(let string): "\"" + string
        default: nil
        }
    }
}
