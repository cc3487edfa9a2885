import ArgumentParser
import Foundation
import LieuxModel
import LieuxStore

/// `lieux stats`: what the store holds.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Compte les lieux de la base : par source, par département, par service, avec ou sans coordonnées."
    )

    @OptionGroup var store: StoreOptions

    @Option(help: "Format : text ou json.")
    var format: ReportFormat = .text

    func run() throws {
        let statistics: StoreStatistics
        do {
            statistics = try store.open().statistics()
        } catch let error as StoreError {
            printError("Erreur : \(error.message)")
            throw ExitCode(2)
        }
        switch format {
        case .json:
            FileHandle.standardOutput.write(try ReportJSON.encode(statistics))
            FileHandle.standardOutput.write(Data("\n".utf8))
        case .text:
            var out = "\(statistics.lieux) lieux, dont \(statistics.withCoordinates) avec coordonnées et \(statistics.withoutCoordinates) sans.\n"
            out += "\nPar source :\n"
            for s in statistics.sources {
                out += "  \(s.source) : \(s.lieux) lieux (\(s.withCoordinates) avec coordonnées)"
                    + (s.lastImport.map { ", dernier import \($0)" } ?? "") + "\n"
            }
            out += "\nPar département :\n"
            for d in statistics.departements {
                let name = Departement(code: d.key)?.nom ?? "inconnu"
                out += "  \(d.key) \(name) : \(d.lieux)\n"
            }
            out += "\nPar service :\n"
            for s in statistics.services { out += "  \(s.key) : \(s.lieux)\n" }
            print(out, terminator: "")
        }
    }
}
