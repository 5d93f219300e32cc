import Foundation
import Logging
import ModSearchProtocol
import NIOCore

/// Sent to every open connection when the daemon stops: answer what was asked, then close.
struct DrainEvent {}

/// One client connection: newline-framed requests in, responses out in request order.
///
/// Requests are pipelined: each goes to the worker pool as soon as it is read, and responses are
/// written in the order the requests came, whatever order the workers finish in.
final class ConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let server: ServerContext
    private var framer = LineFramer()
    /// Lines read before the peer's uid was checked.
    private var held: [[UInt8]] = []
    private var authorized = false
    private var nextIndex = 0
    private var nextToWrite = 0
    private var ready: [Int: [UInt8]] = [:]
    /// Close once everything asked so far is answered (over-long line, half-close, drain, idle).
    private var closeWhenAnswered = false
    /// The peer is not allowed: nothing it sends is read.
    private var rejected = false

    init(server: ServerContext) {
        self.server = server
    }

    private var pending: Int { nextIndex - nextToWrite }

    func channelActive(context: ChannelHandlerContext) {
        server.activity()
        let channel = context.channel
        guard let provider = channel as? SocketOptionProvider else {
            reject(context: context, "cannot read the peer's credentials")
            return
        }
        let peer: EventLoopFuture<PeerCredentials> = provider.unsafeGetSocketOption(
            level: .socket, name: NIOBSDSocket.Option(rawValue: PeerCredentials.option))
        peer.assumeIsolated().whenComplete { result in
            switch result {
            case .success(let credentials) where credentials.uid == getuid():
                self.authorized = true
                let lines = self.held
                self.held = []
                for line in lines { self.handle(line: line, context: context) }
            case .success(let credentials):
                self.reject(context: context, "connections from uid \(credentials.uid) are not allowed (daemon runs as uid \(getuid()))")
            case .failure(let error):
                self.reject(context: context, "cannot read the peer's credentials: \(error)")
            }
        }
        context.fireChannelActive()
    }

    /// Answers `forbidden` and shuts our side; the client's own requests are read and dropped
    /// until it closes (closing at once would reset the connection and lose the answer).
    private func reject(context: ChannelHandlerContext, _ message: String) {
        server.logger.warning("refused a connection: \(message)")
        rejected = true
        let line = Codec.encode(.failure(ProtocolError(.forbidden, message), id: nil))
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(bytes: line)))
            .assumeIsolated().whenComplete { _ in context.close(mode: .output, promise: nil) }
        context.eventLoop.assumeIsolated().scheduleTask(in: .seconds(2)) { context.close(promise: nil) }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        guard let bytes = buffer.readBytes(length: buffer.readableBytes), !closeWhenAnswered, !rejected else { return }
        server.activity()
        for event in framer.feed(bytes) {
            switch event {
            case .line(let line):
                if authorized { handle(line: line, context: context) } else { held.append(line) }
            case .overflow:
                let index = take()
                closeWhenAnswered = true
                complete(index, .failure(ProtocolError(.tooLarge, "request line is longer than \(Limits.maxLineBytes) bytes; closing the connection"), id: nil), context: context)
                return
            }
        }
    }

    private func take() -> Int {
        defer { nextIndex += 1 }
        return nextIndex
    }

    private func handle(line: [UInt8], context: ChannelHandlerContext) {
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return }
        let index = take()
        let request: Request
        do {
            request = try Codec.decodeRequest(line)
        } catch {
            complete(index, .failure(error, id: Codec.requestID(in: line)), context: context)
            return
        }
        server.countRequest()
        if request.op == .ping {
            complete(index, .success(.pong(server.pong()), id: request.id), context: context)
            return
        }
        let deadline = NIODeadline.now() + server.requestTimeout
        let channel = context.channel
        let answer = server.pool.submit(request, on: context.eventLoop, deadline: deadline) { channel.isActive }
        let timeout = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) {
            let limit = self.server.requestTimeout.nanoseconds / 1_000_000
            self.complete(index, .failure(ProtocolError(.timeout, "no answer within \(limit) ms"), id: request.id),
                          context: context)
        }
        answer.assumeIsolated().whenComplete { result in
            timeout.cancel()
            switch result {
            case .success(let value):
                self.complete(index, .success(self.server.decorate(value), id: request.id, db: request.db), context: context)
            case .failure(let error as ProtocolError): self.complete(index, .failure(error, id: request.id), context: context)
            case .failure(let error): self.complete(index, .failure(ProtocolError(.internalError, "\(error)"), id: request.id), context: context)
            }
        }
    }

    /// Records the answer to request `index` and writes every answer that is now next in order.
    private func complete(_ index: Int, _ response: Response, context: ChannelHandlerContext) {
        guard index >= nextToWrite, ready[index] == nil else { return }  // a late answer after a timeout
        ready[index] = Codec.encode(response)
        var wrote = false
        while let line = ready.removeValue(forKey: nextToWrite) {
            context.write(wrapOutboundOut(context.channel.allocator.buffer(bytes: line)), promise: nil)
            nextToWrite += 1
            wrote = true
        }
        if wrote { context.flush() }
        if closeWhenAnswered, pending == 0 { context.close(promise: nil) }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        switch event {
        case ChannelEvent.inputClosed, is DrainEvent:
            closeWhenAnswered = true
            if pending == 0 || rejected { context.close(promise: nil) }
        case is IdleStateHandler.IdleStateEvent:
            if pending == 0 {
                server.logger.debug("closing an idle connection")
                context.close(promise: nil)
            }
        default:
            context.fireUserInboundEventTriggered(event)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        // A client that went away mid-response: nothing to tell it.
        context.close(promise: nil)
    }
}

/// `struct ucred` as `SO_PEERCRED` fills it (Glibc does not import it into Swift).
struct PeerCredentials: Sendable {
    var pid: Int32
    var uid: UInt32
    var gid: UInt32

    /// `SO_PEERCRED` on Linux.
    static let option: CInt = 17
}
