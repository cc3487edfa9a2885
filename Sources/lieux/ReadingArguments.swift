import ArgumentParser
import Foundation
import LieuxModel
import LieuxSchema

/// How to read producers' files: the options shared by `validate`, `import` and `convertir`.
struct ReadingArguments: ParsableArguments {
    @Option(help: "Feuille d'un classeur .xlsx ou .ods à lire : son nom ou son numéro (par défaut : la première).")
    var feuille: String?

    @Option(help: "Encodage d'un fichier CSV : auto (UTF-8, ou Windows-1252 quand c'est certain), utf-8, windows-1252 ou iso-8859-1.")
    var encodage: TextEncodingChoice = .auto

    @Option(help: "Fichier de correspondance (YAML) qui dit comment le fichier d'un producteur se convertit au standard (voir data/correspondances/).")
    var correspondance: String?

    @Flag(name: .customLong("positions-communes"), help: "Donne à un lieu sans coordonnées celles de sa commune, avec l'avertissement coordonnees-approximatives.")
    var positionsCommunes = false

    @Option(name: .customLong("communes"), help: "Liste des communes de --positions-communes (défaut : $LIEUX_COMMUNES, sinon data/communes.csv).")
    var communes: String?

    /// The reading options; a correspondence file that cannot be used stops with its message (exit 2).
    func options() throws -> ReadingOptions {
        var options = ReadingOptions(sheet: feuille.map(SheetSelection.init), encoding: encodage)
        if positionsCommunes {
            let path = communes ?? ProcessInfo.processInfo.environment["LIEUX_COMMUNES"] ?? "data/communes.csv"
            guard let gazetteer = (try? String(contentsOfFile: path, encoding: .utf8)).flatMap({ CommuneGazetteer(csv: $0) }) else {
                printError("Erreur : --positions-communes : la liste des communes « \(path) » est introuvable ou illisible (option --communes).")
                throw ExitCode(2)
            }
            options.communePositions = gazetteer
        }
        if let correspondance {
            do {
                options.correspondance = try Correspondance.read(URL(fileURLWithPath: correspondance))
            } catch {
                printError("Erreur : \(error.message)")
                throw ExitCode(2)
            }
        }
        return options
    }
}

extension TextEncodingChoice: ExpressibleByArgument {}
