import Foundation
import Logging
import NIOCore

/// Out of descriptors (EMFILE, ENFILE) or kernel memory, `accept` fails at once and the listening
/// socket stays readable: retried at once, the event loop would spin. Accepting pauses instead,
/// and one line is logged per episode, not one per attempt.
///
/// NIO's `AcceptBackoffHandler` cannot do this here: after a failed accept the channel keeps its
/// read pending and never asks the pipeline to read again, so the pause is made by turning
/// auto-read off (which stops polling the socket) and on again.
final class AcceptWatch: ChannelInboundHandler {
    typealias InboundIn = Channel
    typealias InboundOut = Channel

    static let pause = TimeAmount.milliseconds(250)

    private let logger: Logger
    /// Accepts that failed since the last one that worked.
    private var failures = 0
    private var resume: Scheduled<Void>?

    init(logger: Logger) {
        self.logger = logger
    }

    private static func isExhaustion(_ error: Error) -> Bool {
        guard let error = error as? IOError else { return false }
        return [EMFILE, ENFILE, ENOBUFS, ENOMEM].contains(error.errnoCode)
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        guard Self.isExhaustion(error) else {
            context.fireErrorCaught(error)
            return
        }
        if failures == 0 {
            logger.error("cannot accept connections: \(error); retrying every \(Self.pause.nanoseconds / 1_000_000) ms until it works again")
        }
        failures += 1
        guard resume == nil, let options = context.channel.syncOptions else { return }
        try? options.setOption(.autoRead, value: false)
        resume = context.eventLoop.assumeIsolated().scheduleTask(in: Self.pause) {
            self.resume = nil
            try? options.setOption(.autoRead, value: true)
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if failures > 0 {
            logger.notice("accepting connections again after \(failures) failed attempts")
            failures = 0
        }
        context.fireChannelRead(data)
    }

    func channelInactive(context: ChannelHandlerContext) {
        resume?.cancel()
        resume = nil
        context.fireChannelInactive()
    }
}
