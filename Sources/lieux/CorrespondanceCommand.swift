import ArgumentParser
import Foundation
import LieuxSchema

/// `lieux correspondance`: correspondence files.
struct CorrespondanceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "correspondance",
        abstract: "Fichiers de correspondance : comment le fichier d'un producteur se convertit au standard.",
        subcommands: [Proposer.self]
    )

    struct Proposer: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "proposer",
            abstract: "Propose un fichier de correspondance (YAML) pour le fichier d'un producteur, à vérifier avant usage.",
            discussion: """
                Rapproche les noms de colonnes des champs du standard et les valeurs des vocabulaires
                (services, publics, modalités…) des libellés du standard 1.0 et de ceux de la version 0.1,
                sans souci des accents ni des majuscules ; ce qui n'a pas de correspondance est laissé en
                commentaire « à compléter ». Lit les 2 000 premières lignes.
                """
        )

        @Argument(help: "Fichier du producteur (CSV, JSON, .xlsx, .ods).")
        var file: String

        @OptionGroup var reading: ReadingArguments

        @Option(name: .shortAndLong, help: "Fichier YAML à écrire (par défaut : la sortie standard).")
        var output: String?

        func run() throws {
            let url = URL(fileURLWithPath: file)
            var reader: any RowReader
            do {
                var options = try reading.options()
                options.correspondance = nil
                reader = try Validator.reader(for: url, reading: options)
            } catch let error as SourceError {
                printError("Erreur : « \(file) » : \(error.message)")
                throw ExitCode(2)
            }
            var rows: [[String?]] = []
            do {
                while rows.count < 2_000, let row = try reader.nextRow() { rows.append(row.cells) }
            } catch {
                printError("Erreur : « \(file) » : \(error.message)")
                throw ExitCode(2)
            }
            let yaml = CorrespondanceDraft.yaml(for: .init(labels: reader.labels, rows: rows, place: url.lastPathComponent))
            if let output {
                do {
                    try Data(yaml.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
                } catch {
                    printError("Erreur : « \(output) » ne peut pas être écrit : \(error.localizedDescription)")
                    throw ExitCode(2)
                }
                print("Brouillon écrit dans « \(output) » : vérifiez-le, puis « lieux convertir \(file) --correspondance \(output) ».")
            } else {
                print(yaml, terminator: "")
            }
        }
    }
}
