import ArgumentParser
import Foundation
import LieuxModel
import LieuxStore

/// `lieux areas`: the administrative areas used by `within=` searches.
struct AreasCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "areas",
        abstract: "Gère les territoires (communes, départements, régions) des recherches « dans un territoire ».",
        subcommands: [Import.self]
    )

    /// `lieux areas import`.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Importe des territoires depuis un GeoJSON de polygones (remplace ceux de même code)."
        )

        @Argument(help: "FeatureCollection GeoJSON de Polygon ou MultiPolygon.")
        var file: String

        @Option(help: "Sorte de territoire : commune, departement ou region.")
        var kind: AreaReference.Kind

        @Option(name: .customLong("code-property"), help: "Propriété qui porte le code du territoire.")
        var codeProperty = "code"

        @Option(name: .customLong("name-property"), help: "Propriété qui porte le nom du territoire.")
        var nameProperty = "nom"

        @OptionGroup var store: StoreOptions

        func run() throws {
            let store = try store.open()
            do {
                let result = try store.importAreas(
                    at: URL(fileURLWithPath: file), kind: kind, codeProperty: codeProperty, nameProperty: nameProperty)
                print("\(result.stored) territoires « \(kind.rawValue) » importés depuis « \(file) ».")
                for skipped in result.skipped.prefix(20) { print("  ignoré : \(skipped)") }
                if result.skipped.count > 20 { print("  … et \(result.skipped.count - 20) autres ignorés.") }
                if result.stored == 0 { throw ExitCode(1) }
            } catch let error as StoreError {
                printError("Erreur : \(error.message)")
                throw ExitCode(2)
            }
        }
    }
}

extension AreaReference.Kind: ExpressibleByArgument {}
