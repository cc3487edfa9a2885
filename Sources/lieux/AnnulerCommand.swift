import ArgumentParser
import Foundation
import LieuxSchema
import LieuxStore

/// `lieux annuler`: puts a source back as before its last operation.
struct AnnulerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "annuler",
        abstract: "Remet une source exactement comme avant sa dernière opération (import, annulation, écriture par l'API).",
        discussion: "Annuler une annulation refait l'opération annulée. L'annulation est elle-même gardée dans l'historique."
    )

    @Option(help: "Nom de la source.")
    var source: String

    @OptionGroup var store: StoreOptions

    func run() throws {
        let store = try store.open()
        do {
            guard let operation = try store.undo(source: source) else {
                print("Rien à annuler pour la source « \(source) » : aucune opération gardée n'a modifié ses lieux.")
                throw ExitCode(1)
            }
            print("Opération n° \(operation.reverts ?? 0) annulée (annulation n° \(operation.id)) : "
                + "\(operation.added) lieux remis, \(operation.updated) remis dans leur version d'avant, \(operation.removed) retirés.")
        } catch let error as StoreError {
            printError("Erreur : \(error.message)")
            throw ExitCode(2)
        }
    }
}
