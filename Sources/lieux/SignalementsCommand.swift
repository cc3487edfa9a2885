import ArgumentParser
import Foundation
import LieuxSchema
import LieuxStore

/// `lieux signalements`: what users reported about a source's venues.
struct SignalementsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signalements",
        abstract: "Liste les signalements des utilisateurs sur les lieux d'une source ; en marque un comme traité.",
        discussion: "Un signalement est traité de lui-même quand un import ou une écriture modifie ou retire son lieu."
    )

    @Option(help: "Nom de la source.")
    var source: String

    @Flag(name: .customLong("ouverts"), help: "Seulement ceux qui ne sont pas traités.")
    var openOnly = false

    @Option(name: .customLong("traiter"), help: "Marque ce signalement (son numéro) comme traité.")
    var markDone: Int64?

    @Option(help: "Format : text ou json.")
    var format: ReportFormat = .text

    @OptionGroup var store: StoreOptions

    func run() throws {
        let store = try store.open()
        do {
            if let markDone {
                guard let done = try store.markSignalement(id: markDone, source: source, done: true, by: "lieux signalements") else {
                    printError("Erreur : la source « \(source) » n'a pas de signalement n° \(markDone).")
                    throw ExitCode(1)
                }
                print("Signalement n° \(done.id) (lieu \(done.lieu)) marqué comme traité.")
                return
            }
            let list = try store.signalements(source: source, includingDone: !openOnly)
            switch format {
            case .json: try ReportJSON.write(list)
            case .text:
                if list.isEmpty { print("Aucun signalement pour la source « \(source) ».") }
                for s in list {
                    let state = s.doneAt.map { "traité le \($0) (\(s.doneBy ?? ""))" } ?? "OUVERT"
                    print("n° \(s.id) \(s.createdAt) lieu \(s.lieu) [\(s.categorie.rawValue)] \(state)\n  \(s.message)")
                }
            }
        } catch let error as StoreError {
            printError("Erreur : \(error.message)")
            throw ExitCode(2)
        }
    }
}
