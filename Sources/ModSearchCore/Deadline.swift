extension Searcher {
    /// Throws `timeout` once `deadline` has passed. Called between sections, matches and hits:
    /// a search nobody waits for any more stops there and frees its thread for the next request.
    func checkDeadline() throws(EngineError) {
        try Self.check(deadline)
    }

    static func check(_ deadline: ContinuousClock.Instant?) throws(EngineError) {
        guard let deadline, ContinuousClock.now >= deadline else { return }
        throw EngineError(.timeout, "the search ran past its deadline and was stopped")
    }
}
