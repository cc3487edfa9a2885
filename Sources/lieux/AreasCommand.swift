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
            abstract: "Importe des territoires depuis un GeoJSON de polygones (remplace ceux de même code), ou une grille de population de l'INSEE (--grille).",
            discussion: """
                Avec --population, chaque territoire garde sa population (pour lieux couverture) ; chacun garde
                aussi un point : le centre de gravité de son polygone, ou le point du fichier quand l'entité
                est un Point. --grille lit les données carroyées de l'INSEE (CSV ou GeoPackage, colonnes
                idcar_200m ou idcar_1km, ind et, si elle y est, lcog_geo) et remplace la grille d'avant :
                la couverture la préfère alors aux communes.
                """
        )

        @Argument(help: "FeatureCollection GeoJSON de Polygon, MultiPolygon ou Point ; avec --grille, un CSV ou un GeoPackage de l'INSEE.")
        var file: String

        @Option(help: "Sorte de territoire : commune, departement ou region.")
        var kind: AreaReference.Kind?

        @Option(name: .customLong("code-property"), help: "Propriété qui porte le code du territoire.")
        var codeProperty = "code"

        @Option(name: .customLong("name-property"), help: "Propriété qui porte le nom du territoire.")
        var nameProperty = "nom"

        @Option(help: "Propriété qui porte la population du territoire (population_municipale).")
        var population: String?

        @Option(help: "N'importe que les entités dont la propriété a cette valeur (type=COM : les communes sans leurs arrondissements).")
        var seulement: String?

        @Flag(help: "Le fichier est une grille de population de l'INSEE (carreaux de 200 m ou 1 km).")
        var grille = false

        @OptionGroup var store: StoreOptions

        func validate() throws {
            if grille == (kind != nil) {
                throw ValidationError("Donnez soit --kind (commune, departement ou region) pour des territoires, soit --grille pour une grille de population.")
            }
            if let seulement, !seulement.contains("=") {
                throw ValidationError("--seulement s'écrit PROPRIETE=VALEUR (exemple : --seulement type=COM).")
            }
        }

        func run() throws {
            let store = try store.open()
            do {
                if grille {
                    let result = try store.importPopulationGrid(at: URL(fileURLWithPath: file))
                    let taille = result.taille.map { " de \($0) m" } ?? ""
                    print("\(result.stored) carreaux\(taille) importés depuis « \(file) » : \(Int(result.population.rounded())) habitants.")
                    return
                }
                guard let kind else { return }
                let only = seulement.map { text -> (property: String, value: String) in
                    let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                    return (parts[0], parts.count > 1 ? parts[1] : "")
                }
                let result = try store.importAreas(
                    at: URL(fileURLWithPath: file), kind: kind, codeProperty: codeProperty, nameProperty: nameProperty,
                    populationProperty: population, only: only)
                print("\(result.stored) territoires « \(kind.rawValue) » importés depuis « \(file) ».")
                if result.excluded > 0, let seulement { print("  \(result.excluded) entités écartées (pas \(seulement)).") }
                if result.withoutPopulation > 0, let population {
                    print("  \(result.withoutPopulation) territoires sans population lisible (propriété « \(population) »).")
                }
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
