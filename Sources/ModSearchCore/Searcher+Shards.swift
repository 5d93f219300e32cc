import XapianKit

/// What a stub of shards needs beyond what Xapian does over them: totals summed per shard, the
/// remote shards' spelling data, and errors that name the shard that failed.
extension Searcher {
    /// Statistics; over a stub, each shard opened on its own and the figures summed, since Xapian
    /// reads metadata from the first shard only and has no revision for several.
    public func stats() throws(EngineError) -> IndexStats {
        try withReopenRetry {
            let modalities = try xapianDatabase.allTerms(prefix: Schema.Prefix.modality).count
            guard let stub else {
                return IndexStats(documents: try xapianDatabase.documentCount, passages: try passageCount(),
                                  modalities: modalities, revision: (try? xapianDatabase.revision).map(Int.init) ?? 0,
                                  database: databasePath)
            }
            let shards = try stub.shards.map { shard throws in
                let database = try shard.open()
                return ShardStats(shard: shard.line, documents: try database.documentCount,
                                  passages: Int(try database.metadata(Schema.Metadata.passages)) ?? 0,
                                  revision: (try? database.revision).map(Int.init))
            }
            return IndexStats(documents: shards.reduce(0) { $0 + $1.documents },
                              passages: shards.reduce(0) { $0 + $1.passages }, modalities: modalities,
                              revision: shards.reduce(0) { $0 + ($1.revision ?? 0) }, database: databasePath,
                              shards: shards)
        }
    }

    /// The database whose spelling data queries read.
    var spellingDatabase: Database { spellingCopy?.database ?? xapianDatabase }

    /// Copies the remote shards' spelling data when a shard's has changed (see `SpellingCopy`).
    /// `opened`: the stub's shards, when the caller has just opened them.
    func updateSpellingCopy(from opened: [Database]? = nil) throws(EngineError) {
        guard let stub, stub.hasRemoteShards else { return }
        do {
            let shards = try opened ?? stub.shards.map { shard throws(XapianError) in try shard.open() }
            let sources = try shards.map { shard throws(XapianError) in try shard.metadata(Schema.Metadata.spelling) }
            if sources != spellingCopy?.sources { spellingCopy = try SpellingCopy(sources: sources) }
        } catch let error as XapianError where error.isNetworkError {
            throw Self.shardFailure(error, stub: stub, path: databasePath)
        } catch let error as EngineError {
            throw error
        } catch {
            throw EngineError(.internalFailure, "\(error)")
        }
    }

    /// A remote shard's failure, naming the shard (from the error's context) and what to do.
    static func shardFailure(_ error: XapianError, stub: StubFile?, path: String) -> EngineError {
        let shard = stub?.shard(raising: error)
        let which = shard.map { "shard '\($0.line)' (line \($0.lineNumber) of \(stub?.path ?? path))" }
            ?? (error.context.isEmpty ? "a shard of \(path)" : "shard \(error.context) of \(path)")
        return EngineError(.unavailable, "\(which) is not answering: \(error.kind): \(error.message); "
                           + "start its server (xapian-tcpsrv) or remove its line from the stub")
    }
}
