import Foundation

/// A running `modsearch mcp`, spoken to in JSON-RPC lines on its stdin and stdout, for the tests
/// that need a session kept open while something changes around it.
final class MCPServerProcess {
    let process: ChildProcess
    private let input: Int32
    private let output: Int32
    private var buffered: [UInt8] = []
    private var nextID = 1

    /// Starts the server and completes the MCP handshake.
    init(session: Session, options: [String] = []) throws {
        var toServer: [Int32] = [0, 0], fromServer: [Int32] = [0, 0]
        pipe(&toServer)
        pipe(&fromServer)
        for end in toServer + fromServer { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        process = try ChildProcess(Harness.modsearch, ["mcp"] + options, environment: session.environment,
                                   stdin: toServer[0], stdout: fromServer[1], stderr: nil)
        close(toServer[0])
        close(fromServer[1])
        input = toServer[1]
        output = fromServer[0]
        _ = try request("initialize", ["protocolVersion": "2025-11-25", "capabilities": [String: Any](),
                                       "clientInfo": ["name": "modsearch-tests", "version": "1"]])
        try send(["jsonrpc": "2.0", "method": "notifications/initialized"])
    }

    deinit {
        close(input)
        close(output)
        process.signal(SIGTERM)
        process.wait()
    }

    /// The `result` of a request; a JSON-RPC error is thrown.
    func request(_ method: String, _ params: [String: Any]) throws -> [String: Any] {
        let id = nextID
        nextID += 1
        try send(["jsonrpc": "2.0", "id": id, "method": method, "params": params])
        while true {
            let message = try readMessage()
            guard message["id"] as? Int == id else { continue }
            if let error = message["error"] as? [String: Any] { throw Failure("\(method): \(error)") }
            return message["result"] as? [String: Any] ?? [:]
        }
    }

    /// A tool's result: its structured content, or its error text.
    func callTool(_ name: String, _ arguments: [String: Any] = [:]) throws -> (structured: [String: Any], error: String?) {
        let result = try request("tools/call", ["name": name, "arguments": arguments])
        let text = (result["content"] as? [[String: Any]])?.first?["text"] as? String
        return (result["structuredContent"] as? [String: Any] ?? [:], result["isError"] as? Bool == true ? text : nil)
    }

    private func send(_ message: [String: Any]) throws {
        let line = try JSONSerialization.data(withJSONObject: message) + Data([0x0A])
        let written = line.withUnsafeBytes { write(input, $0.baseAddress, $0.count) }
        guard written == line.count else { throw Failure("cannot write to modsearch mcp") }
    }

    /// The next line of stdout as a JSON object, within 30 seconds.
    private func readMessage() throws -> [String: Any] {
        while true {
            if let newline = buffered.firstIndex(of: 0x0A) {
                let line = Data(buffered[..<newline])
                buffered.removeSubrange(...newline)
                guard let object = try JSONSerialization.jsonObject(with: line) as? [String: Any] else {
                    throw Failure("not a JSON object on stdout: \(String(decoding: line, as: UTF8.self))")
                }
                return object
            }
            var ready = pollfd(fd: output, events: Int16(POLLIN), revents: 0)
            guard poll(&ready, 1, 30_000) > 0 else { throw Failure("modsearch mcp did not answer within 30 s") }
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let count = chunk.withUnsafeMutableBytes { read(output, $0.baseAddress, $0.count) }
            guard count > 0 else { throw Failure("modsearch mcp closed its stdout") }
            buffered += chunk[..<count]
        }
    }
}
