import ArgumentParser

@main
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "modsearch-bench",
        abstract: "Benchmarks for modsearch; every figure is printed with the baseline it compares against.",
        subcommands: [GenerateCommand.self, ParseBenchmark.self, IndexBenchmark.self, QueryBenchmark.self, LoadBenchmark.self,
                      RelevanceBenchmark.self, SectionDictionaryCommand.self]
    )
}
