import ArgumentParser
import Foundation
import LieuxSchema
import LieuxStore

/// `lieux journal`: every operation, with who asked and from where.
struct JournalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "journal",
        abstract: "Journal des écritures : quand, quelle source, quel jeton, quelle adresse, ce qui a changé.")

    @Option(help: "Nom de la source (toutes par défaut).")
    var source: String?

    @Option(help: "Nombre d'opérations listées, les plus récentes d'abord.")
    var limit: Int = 100

    @Option(help: "Format : text ou json.")
    var format: ReportFormat = .text

    @OptionGroup var store: StoreOptions

    func run() throws {
        let store = try store.open()
        do {
            let operations = try store.journal(source: source, limit: limit)
            switch format {
            case .json: try ReportJSON.write(operations)
            case .text: print(JournalText(operations: operations).render(), terminator: "")
            }
        } catch let error as StoreError {
            printError("Erreur : \(error.message)")
            throw ExitCode(2)
        }
    }
}

/// The French text of a list of operations.
struct JournalText {
    let operations: [SourceOperation]

    func render() -> String {
        if operations.isEmpty { return "Aucune opération.\n" }
        var out = ""
        for o in operations {
            var who = o.channel == "http" ? "API" : "ligne de commande"
            if let name = o.tokenName { who += ", jeton n° \(o.tokenID ?? 0) « \(name) »" }
            if let address = o.address { who += ", depuis \(address)" }
            out += "n° \(o.id) \(o.finishedAt) \(o.source) — \(o.kind.rawValue) (\(who)) : \(o.place)\n"
            out += "  \(o.added) ajoutés, \(o.updated) modifiés, \(o.unchanged) inchangés, \(o.removed) retirés, \(o.rejected) rejetés, \(o.kept) conservés"
            if let reverts = o.reverts { out += " ; annule le n° \(reverts)" }
            out += o.versionsKept ? " ; versions gardées\n" : "\n"
        }
        return out
    }
}
