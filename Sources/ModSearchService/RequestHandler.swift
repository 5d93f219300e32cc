import ModSearchCore
import ModSearchProtocol

/// Answers a validated wire-protocol request with a `Searcher`: the one place where the protocol
/// meets the engine, for the daemon and for `--no-daemon` alike. `ping` is the daemon's own.
public enum RequestHandler {
    public static func answer(_ request: Request, with searcher: Searcher) throws(ProtocolError) -> Response.Result {
        do {
            switch request.op {
            case .search:
                return .search(SearchResult(try searcher.search(SearchOptions(request))))
            case .explain:
                var options = SearchOptions(request)
                // An explanation is of the ranking; counting every match would only cost time.
                options.facets = false
                return .explain(ExplainResult(try searcher.explain(options)))
            case .matches:
                let batch = try searcher.matches(SearchOptions(request), cursor: request.cursor ?? 0)
                return .matches(MatchesResult(matches: batch.hits.map(Hit.unranked), next: batch.next,
                                              tookMicroseconds: batch.tookMicroseconds,
                                              rewrites: batch.rewrites.map(Rewrite.init),
                                              searchedAsTyped: batch.searchedAsTyped))
            case .get:
                return .passage(Passage(try searcher.passage(id: request.target ?? "")))
            case .related:
                let outcome = try searcher.related(target: request.target ?? "",
                                                   limit: request.limit ?? Limits.defaultLimit)
                return .related(RelatedResult(outcome))
            case .stats:
                return .stats(Stats(try searcher.stats()))
            case .ping:
                throw ProtocolError(.badRequest, "field 'op': ping is answered by the daemon")
            }
        } catch let error as EngineError {
            throw ProtocolError(error)
        } catch let error as ProtocolError {
            throw error
        } catch {
            throw ProtocolError(.internalError, "\(error)")
        }
    }
}

extension SearchOptions {
    /// The search a request asks for; `Codec.validate` has checked its fields.
    init(_ request: Request) {
        self.init(query: request.query ?? "", modalities: request.modality ?? [], sections: request.section ?? [],
                  offset: request.offset ?? 0, limit: request.limit ?? Limits.defaultLimit,
                  grouping: request.collapse.map(PassageGrouping.init), facets: request.facets ?? false,
                  exact: request.exact ?? false)
    }
}

extension PassageGrouping {
    init(_ collapse: Collapse) {
        switch collapse {
        case .modality: self = .modality
        case .section: self = .section
        }
    }
}

extension ProtocolError {
    /// The error code a client acts on, and the engine's message; an option names its request field.
    public init(_ error: EngineError) {
        switch error.kind {
        case .badQuery: self.init(.badQuery, error.message)
        case .badOption(let field): self.init(.badRequest, "field '\(field)': \(error.message)")
        case .notFound: self.init(.notFound, error.message)
        case .unavailable: self.init(.unavailable, error.message)
        case .internalFailure: self.init(.internalError, error.message)
        case .timeout: self.init(.timeout, error.message)
        }
    }
}

extension Passage {
    init(_ record: PassageRecord) {
        self.init(id: record.id, modality: record.modality, title: record.title, section: record.section,
                  heading: record.heading, subheading: record.subheading, ordinal: record.ordinal,
                  source: record.source, line: record.line, text: record.text)
    }
}

extension Hit {
    /// A ranked passage.
    init(_ hit: PassageHit) {
        self.init(rank: hit.rank, score: hit.score, percent: hit.percent, passage: Passage(hit.passage),
                  snippet: hit.snippet, highlights: hit.highlights.map { [$0.lowerBound, $0.upperBound] },
                  collapsed: hit.collapsed, partial: hit.partial)
    }

    /// A passage of a `matches` batch: in index order, so with no rank, score or percent.
    static func unranked(_ hit: PassageHit) -> Hit {
        var unranked = Hit(hit)
        (unranked.rank, unranked.score, unranked.percent) = (nil, nil, nil)
        return unranked
    }
}

extension SearchResult {
    init(_ outcome: SearchOutcome) {
        self.init(total: Total(outcome.total), corrected: outcome.corrected, suggestion: outcome.suggestion,
                  rewrites: outcome.rewrites.map(Rewrite.init), searchedAsTyped: outcome.searchedAsTyped,
                  tookMicroseconds: outcome.tookMicroseconds, hits: outcome.hits.map(Hit.init),
                  facets: outcome.facets.map { Facets(modality: $0.modality, section: $0.section) })
    }
}

extension Rewrite {
    init(_ rewrite: QueryRewrite) {
        self.init(Kind(rawValue: rewrite.kind.rawValue), from: rewrite.from, to: rewrite.to)
    }
}

extension Total {
    init(_ count: MatchCount) {
        self.init(estimate: count.estimate, lower: count.lower, upper: count.upper)
    }
}

extension RelatedResult {
    init(_ outcome: RelatedOutcome) {
        self.init(target: outcome.target, hits: outcome.hits.map(Hit.init), references: outcome.references,
                  referencedBy: outcome.referencedBy, tookMicroseconds: outcome.tookMicroseconds)
    }
}

extension Stats {
    init(_ stats: IndexStats) {
        self.init(documents: stats.documents, passages: stats.passages, modalities: stats.modalities,
                  revision: stats.revision, database: stats.database,
                  shards: stats.shards.isEmpty ? nil : stats.shards.map {
                      Stats.Shard(shard: $0.shard, documents: $0.documents, passages: $0.passages, revision: $0.revision)
                  })
    }
}
