import ArgumentParser
import Foundation
import LieuxSchema

/// How to read producers' files: the options shared by `validate`, `import` and `convertir`.
struct ReadingArguments: ParsableArguments {
    @Option(help: "Feuille d'un classeur .xlsx ou .ods à lire : son nom ou son numéro (par défaut : la première).")
    var feuille: String?

    @Option(help: "Encodage d'un fichier CSV : auto (UTF-8, ou Windows-1252 quand c'est certain), utf-8, windows-1252 ou iso-8859-1.")
    var encodage: TextEncodingChoice = .auto

    @Option(help: "Fichier de correspondance (YAML) qui dit comment le fichier d'un producteur se convertit au standard (voir data/correspondances/).")
    var correspondance: String?

    /// The reading options; a correspondence file that cannot be used stops with its message (exit 2).
    func options() throws -> ReadingOptions {
        var options = ReadingOptions(sheet: feuille.map(SheetSelection.init), encoding: encodage)
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
