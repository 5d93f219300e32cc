import Foundation
import Logging
import ModSearchProtocol
import NIOCore

/// Sent to every open connection when the daemon stops: answer what was asked, then close.
struct DrainEvent {}

/// One client connection: newline-framed requests in, responses out in request order.
///
/// Nothing is read before the peer's uid is checked and the connection admitted under the cap.
/// Requests are pipelined: each goes to the worker pool as soon as it is read, and responses are
/// written in the order the requests came, whatever order the workers finish in. Reading is by
/// request (auto-read is off) and pauses while `maxPipelined` answers are unwritten or the
/// client leaves too many answer bytes unread, so that a client's backlog waits in its own
/// socket rather than in the daemon's memory.
final class ConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private enum Phase { case checking, serving, refused }
    /// A complete line, or the line that grew too long (the end of the input).
    private enum Incoming { case line([UInt8]), overflow }

    private let server: ServerContext
    private var limits: ConnectionLimits { server.limits }
    private var phase = Phase.checking
    private var framer = LineFramer()
    /// Lines read and not yet taken: at most what one read brought.
    private var incoming = CircularBuffer<Incoming>()
    private var nextIndex = 0
    private var nextToWrite = 0
    private var ready: [Int: [UInt8]] = [:]
    /// Requests taken whose answers are not yet in the socket.
    private var unwritten = 0
    /// Nothing more is read (end of input, over-long or late line, drain): close once answered.
    private var inputDone = false
    private var lineDeadline: Scheduled<Void>?
    /// The daemon is stopping: set by `DrainEvent`, with the close of a client that does not
    /// take its answers (`armDrainCutoff`).
    private var draining = false
    private var drainCutoff: Scheduled<Void>?

    init(server: ServerContext) {
        self.server = server
    }

    func channelActive(context: ChannelHandlerContext) {
        server.activity()
        context.fireChannelActive()
        guard let provider = context.channel as? SocketOptionProvider else {
            refuse(.forbidden, "cannot read the peer's credentials", context: context)
            return
        }
        let peer: EventLoopFuture<PeerCredentials> = provider.unsafeGetSocketOption(
            level: .socket, name: NIOBSDSocket.Option(rawValue: PeerCredentials.option))
        peer.assumeIsolated().whenComplete { result in
            switch result {
            case .success(let credentials) where credentials.uid == getuid():
                self.admit(context: context)
            case .success(let credentials):
                self.refuse(.forbidden, "connections from uid \(credentials.uid) are not allowed (daemon runs as uid \(getuid()))",
                            context: context)
            case .failure(let error):
                self.refuse(.forbidden, "cannot read the peer's credentials: \(error)", context: context)
            }
        }
    }

    /// Only a connection of our own user counts toward the cap, so others cannot fill it.
    private func admit(context: ChannelHandlerContext) {
        guard server.admit(context.channel) else {
            refuse(.unavailable, "too many connections (limit \(limits.maxConnections)); try again later",
                   context: context)
            return
        }
        phase = .serving
        readIfReady(context: context)
    }

    /// Answers `code` and shuts our side; what the client sends is read and dropped until it
    /// closes or about `refusalGrace` passes (closing at once could reset the connection before
    /// the client has read the answer). The grace varies by half either way so that a flood's
    /// refusals are not all closed in one go, holding up the event loop.
    private func refuse(_ code: ErrorCode, _ message: String, context: ChannelHandlerContext) {
        server.noteRefusal(message)
        phase = .refused
        let line = Codec.encode(.failure(ProtocolError(code, message), id: nil))
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(bytes: line)))
            .assumeIsolated().whenComplete { _ in context.close(mode: .output, promise: nil) }
        let grace = limits.refusalGrace.nanoseconds
        context.eventLoop.assumeIsolated().scheduleTask(in: .nanoseconds(.random(in: grace / 2...grace * 3 / 2))) {
            context.close(promise: nil)
        }
        readIfReady(context: context)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        guard phase == .serving, !inputDone, let bytes = buffer.readBytes(length: buffer.readableBytes) else { return }
        server.activity()
        for event in framer.feed(bytes) {
            // A line ended: the partial line after it, if any, is a new one with its own deadline.
            lineDeadline?.cancel()
            lineDeadline = nil
            switch event {
            case .line(let line): incoming.append(.line(line))
            case .overflow:
                incoming.append(.overflow)
                inputDone = true
            }
        }
        dispatch(context: context)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        readIfReady(context: context)
        context.fireChannelReadComplete()
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable {
            dispatch(context: context)
            readIfReady(context: context)
        }
        context.fireChannelWritabilityChanged()
    }

    /// Takes the lines read, in order, while the pipeline has room.
    private func dispatch(context: ChannelHandlerContext) {
        while unwritten < limits.maxPipelined, context.channel.isWritable, let next = incoming.popFirst() {
            switch next {
            case .line(let line):
                handle(line: line, context: context)
            case .overflow:
                complete(take(), .failure(ProtocolError(.tooLarge, "request line is longer than \(Limits.maxLineBytes) bytes; closing the connection"), id: nil),
                         context: context)
            }
        }
        closeIfAnswered(context: context)
        armDrainCutoff(context: context)
    }

    /// While stopping, closes the connection `drainGrace` after its last answer was ready, unless
    /// the client has taken every answer by then (`closeIfAnswered` closes it first): a client
    /// that never reads would otherwise hold the daemon's exit for ever. A request still with a
    /// worker puts the cut-off off until its answer is ready.
    private func armDrainCutoff(context: ChannelHandlerContext) {
        drainCutoff?.cancel()
        drainCutoff = nil
        guard draining, nextToWrite == nextIndex, context.channel.isActive else { return }
        drainCutoff = context.eventLoop.assumeIsolated().scheduleTask(in: limits.drainGrace) {
            context.close(promise: nil)
        }
    }

    /// Asks for more input when there is room for it, and keeps the partial line's deadline
    /// running only meanwhile: time the daemon spends not reading is not the client's.
    /// A refused connection is read (and dropped) until it closes.
    private func readIfReady(context: ChannelHandlerContext) {
        guard context.channel.isActive else { return }
        let reading: Bool = switch phase {
        case .checking: false
        case .refused: true
        case .serving: !inputDone && incoming.isEmpty && unwritten < limits.maxPipelined && context.channel.isWritable
        }
        if reading { context.read() }
        if !(reading && phase == .serving && !framer.remainder.isEmpty) {
            lineDeadline?.cancel()
            lineDeadline = nil
        } else if lineDeadline == nil {
            lineDeadline = context.eventLoop.assumeIsolated().scheduleTask(in: limits.lineTimeout) {
                self.lineTooSlow(context: context)
            }
        }
    }

    /// A client sending a byte now and then would otherwise hold its connection for ever.
    private func lineTooSlow(context: ChannelHandlerContext) {
        lineDeadline = nil
        guard phase == .serving, !inputDone else { return }
        inputDone = true
        let limit = limits.lineTimeout.nanoseconds / 1_000_000
        complete(take(), .failure(ProtocolError(.timeout, "request line not finished within \(limit) ms; closing the connection"), id: nil),
                 context: context)
    }

    private func take() -> Int {
        unwritten += 1
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
        let deadline = NIODeadline.now() + limits.requestTimeout
        let channel = context.channel
        let server = self.server
        let answer = server.pool.submit(request, on: context.eventLoop, deadline: deadline, isWanted: { channel.isActive }) { result in
            switch result {
            case .success(let value): Codec.encode(.success(server.decorate(value), id: request.id, db: request.db))
            case .failure(let error): Codec.encode(.failure(error, id: request.id))
            }
        }
        let timeout = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) {
            let limit = self.limits.requestTimeout.nanoseconds / 1_000_000
            self.complete(index, .failure(ProtocolError(.timeout, "no answer within \(limit) ms"), id: request.id),
                          context: context)
        }
        // The pool answers every request with a line, failures included.
        answer.assumeIsolated().whenSuccess { line in
            timeout.cancel()
            self.complete(index, line: line, context: context)
        }
    }

    /// Records the answer to request `index` and writes every answer that is now next in order.
    private func complete(_ index: Int, _ response: Response, context: ChannelHandlerContext) {
        complete(index, line: Codec.encode(response), context: context)
    }

    /// `complete` for an answer already encoded (by the worker).
    private func complete(_ index: Int, line: [UInt8], context: ChannelHandlerContext) {
        guard index >= nextToWrite, ready[index] == nil else { return }  // a late answer after a timeout
        ready[index] = line
        var wrote = false
        while let line = ready.removeValue(forKey: nextToWrite) {
            nextToWrite += 1
            wrote = true
            let written = context.eventLoop.makePromise(of: Void.self)
            written.futureResult.assumeIsolated().whenComplete { _ in self.answerWritten(context: context) }
            context.write(wrapOutboundOut(context.channel.allocator.buffer(bytes: line)), promise: written)
        }
        if wrote { context.flush() }
        armDrainCutoff(context: context)
    }

    private func answerWritten(context: ChannelHandlerContext) {
        unwritten -= 1
        dispatch(context: context)
        readIfReady(context: context)
    }

    /// Closes once input is done and every answer is in the socket, not merely queued for it.
    private func closeIfAnswered(context: ChannelHandlerContext) {
        if inputDone, incoming.isEmpty, unwritten == 0, context.channel.isActive { context.close(promise: nil) }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        switch event {
        case ChannelEvent.inputClosed, is DrainEvent:
            guard phase == .serving else {
                context.close(promise: nil)
                return
            }
            inputDone = true
            draining = true
            readIfReady(context: context)
            closeIfAnswered(context: context)
            armDrainCutoff(context: context)
        case is IdleStateHandler.IdleStateEvent:
            if nextToWrite == nextIndex {
                server.logger.debug("closing an idle connection")
                context.close(promise: nil)
            }
        default:
            context.fireUserInboundEventTriggered(event)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        lineDeadline?.cancel()
        lineDeadline = nil
        drainCutoff?.cancel()
        drainCutoff = nil
        context.fireChannelInactive()
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
