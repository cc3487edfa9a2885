import Foundation

/// The command line of the benchmark, parsed once.
struct BenchmarkOptions {
    static let usage = """
        Usage: QueryBenchmark --db PATH [--queries 1000] [--runs 5] [--seed 7] [--json OUT.json]
                              [--write BENCHMARKS.md --label "100k"] [--check 100]
                              [--budget 90] [--reference-budget 90] [--only KIND,KIND…]

          --db PATH               a store made by `lieux import FILE --source NAME --db PATH`; the
                                  within query needs `lieux areas import …departements….geojson
                                  --kind departement --db PATH` too (skipped without areas)
          --queries N             random queries of each kind (default 1000)
          --runs N                timed passes over them (default 5); p50 and p99 are the medians
                                  of the passes' percentiles
          --seed N                seed of the query generator (default 7)
          --json FILE             writes the figures as JSON
          --write FILE            writes or replaces the section `queries-LABEL` of a markdown file
          --label LABEL           the section's label (default: the number of venues)
          --check N               queries of each kind whose ids are compared with the
                                  reference's (default 100)
          --budget S              seconds Lieux's passes over one kind may take (default 90): a
                                  slow kind is timed over its first queries only, at least 20
                                  (the report says how many)
          --reference-budget S    the same for the reference's passes (default 90)
          --only KIND,…           only these kinds: \(QueryKind.allCases.map(\.rawValue).joined(separator: ", "))
        """

    var database = ""
    var queries = 1_000
    var runs = 5
    var seed: UInt64 = 7
    var json: String?
    var write: String?
    var label: String?
    var check = 100
    var budget = 90.0
    var referenceBudget = 90.0
    var kinds = QueryKind.allCases

    /// A usage error: what was wrong.
    struct UsageError: Error, CustomStringConvertible {
        var description: String
    }

    init(arguments: [String]) throws(UsageError) {
        var index = 0
        func value(_ name: String) throws(UsageError) -> String {
            index += 1
            guard index < arguments.count else { throw UsageError(description: "\(name) needs a value.") }
            return arguments[index]
        }
        func positive(_ name: String, minimum: Int = 1) throws(UsageError) -> Int {
            let text = try value(name)
            guard let n = Int(text), n >= minimum else {
                throw UsageError(description: "\(name) needs an integer of at least \(minimum), not \"\(text)\".")
            }
            return n
        }
        var database: String?
        while index < arguments.count {
            let argument = arguments[index]
            switch argument {
            case "--db": database = try value(argument)
            case "--queries": queries = try positive(argument)
            case "--runs": runs = try positive(argument)
            case "--seed":
                let text = try value(argument)
                guard let n = UInt64(text) else { throw UsageError(description: "--seed needs a non-negative integer, not \"\(text)\".") }
                seed = n
            case "--json": json = try value(argument)
            case "--write": write = try value(argument)
            case "--label": label = try value(argument)
            case "--check": check = try positive(argument, minimum: 0)
            case "--budget", "--reference-budget":
                let text = try value(argument)
                guard let s = Double(text), s > 0 else {
                    throw UsageError(description: "\(argument) needs a number of seconds, not \"\(text)\".")
                }
                if argument == "--budget" { budget = s } else { referenceBudget = s }
            case "--only":
                let text = try value(argument)
                kinds = []
                for name in text.split(separator: ",") {
                    guard let kind = QueryKind(rawValue: String(name)) else {
                        throw UsageError(description: "--only: unknown kind \"\(name)\".")
                    }
                    kinds.append(kind)
                }
            default:
                throw UsageError(description: "unknown option \"\(argument)\".")
            }
            index += 1
        }
        guard let database else { throw UsageError(description: "--db PATH is required: the store to measure.") }
        self.database = database
    }

    /// The command that reproduces a run, as typed.
    static func command(_ arguments: [String]) -> String {
        (["QueryBenchmark"] + arguments).map { argument in
            argument.allSatisfy({ $0.isLetter || $0.isNumber || "-_./=,:".contains($0) }) && !argument.isEmpty
                ? argument : "'" + argument.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
        }.joined(separator: " ")
    }
}
