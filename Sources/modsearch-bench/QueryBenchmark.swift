import ArgumentParser
import Foundation
import ModSearchCore
import ModSearchProtocol

/// `modsearch-bench query DB QUERIES`: in-process latency of the query mix (top 10 with snippets).
struct QueryBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query", abstract: "In-process search latency over a query mix: median and p99 per query and pooled.")

    @Argument(help: "Database path.") var database: String
    @Argument(help: "Query file, one per line (# comments).") var queries: String
    @Option(help: "Timed runs per query.") var runs = 50
    @Option(help: "Untimed warm-up runs per query.") var warmup = 5
    @Option(help: "Passages per search.") var limit = 10
    @Flag(help: "Check for a newer revision before each search, as the daemon's workers do.") var refresh = false
    @Flag(help: "Leave out each query's exact total: untimed, but a profiler would count it.") var noTotal = false

    func run() throws {
        let searcher = try Searcher(databasePath: database)
        var pooled = Latency()
        var perQuery: [[String: Any]] = []
        for query in try readQueries(queries) {
            let request = SearchOptions(query: query, limit: limit)
            var latency = Latency()
            var result = try searcher.search(request)
            for _ in 0..<warmup { result = try searcher.search(request) }
            for _ in 0..<runs {
                let start = now()
                if refresh { searcher.refresh() }
                result = try searcher.search(request)
                latency.record(nanoseconds: now() - start)
            }
            pooled.merge(latency)
            let exactTotal = noTotal ? nil : try searcher.search(SearchOptions(query: query, limit: 0)).total.estimate
            perQuery.append(["query": query, "hits": result.hits.count, "total": exactTotal ?? NSNull(),
                             "top": result.hits.prefix(3).map(\.passage.id)].merging(latency.json) { $1 })
        }
        printJSON(["engine": "modsearch", "queries": perQuery].merging(pooled.json) { $1 })
    }
}
