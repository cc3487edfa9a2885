import ArgumentParser
import Foundation
import LieuxSchema
import LieuxStore

/// `lieux historique`: the imports and changes of a source, or of one venue; purging.
struct HistoriqueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "historique",
        abstract: "Liste les opérations d'une source (imports, annulations, écritures par l'API) ou les versions d'un lieu.",
        discussion: """
            Chaque opération garde la version d'avant de chaque lieu qu'elle ajoute, modifie ou retire :
            « lieux annuler » s'en sert pour remettre la source comme avant. Les versions des 10
            dernières opérations de chaque source sont gardées ; le journal des opérations est gardé
            jusqu'à « --purger-avant DATE », qui supprime les opérations (et leurs versions) finies
            avant cette date, sauf la dernière de chaque source.
            """
    )

    @Option(help: "Nom de la source.")
    var source: String?

    @Option(help: "Identifiant d'un lieu de la source : ses versions successives.")
    var id: String?

    @Option(name: .customLong("purger-avant"), help: "Supprime les opérations finies avant cette date (AAAA-MM-JJ).")
    var purgeBefore: String?

    @Option(help: "Format : text ou json.")
    var format: ReportFormat = .text

    @OptionGroup var store: StoreOptions

    func validate() throws {
        if purgeBefore == nil && source == nil {
            throw ValidationError("Indiquez --source NOM (ou --purger-avant DATE pour purger l'historique).")
        }
        if id != nil && source == nil { throw ValidationError("--id demande --source : un identifiant n'est unique que dans sa source.") }
        if let purgeBefore, Self.date(purgeBefore) == nil {
            throw ValidationError("--purger-avant « \(purgeBefore) » n'est pas une date AAAA-MM-JJ.")
        }
    }

    static func date(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Europe/Paris")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.date(from: text)
    }

    func run() throws {
        let store = try store.open()
        do {
            if let purgeBefore, let date = Self.date(purgeBefore) {
                let purged = try store.purgeHistory(before: date)
                print("\(purged) opération\(purged > 1 ? "s" : "") finie\(purged > 1 ? "s" : "") avant le \(purgeBefore) supprimée\(purged > 1 ? "s" : "") de l'historique, avec leurs versions.")
                if source == nil { return }
            }
            guard let source else { return }
            if let id {
                let changes = try store.changes(source: source, id: id)
                switch format {
                case .json: try ReportJSON.write(changes)
                case .text:
                    if changes.isEmpty { print("Aucune version gardée du lieu « \(id) » de la source « \(source) ».") }
                    for change in changes {
                        print("n° \(change.operation) \(change.date) \(change.action.rawValue) (\(change.kind.rawValue))")
                        if let before = change.before {
                            print("  avant : " + before.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ; "))
                        }
                    }
                }
                return
            }
            let operations = try store.journal(source: source)
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
