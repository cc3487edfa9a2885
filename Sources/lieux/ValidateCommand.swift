import ArgumentParser
import Foundation
import LieuxSchema

/// `lieux validate`: checks venue files against the standard and says what is wrong, in French.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Valide des fichiers de lieux (CSV, JSON, classeurs .xlsx ou .ods) selon le standard et explique chaque problème.",
        discussion: """
            Code de sortie : 0 si tous les fichiers sont valides (des avertissements sont possibles),
            1 si au moins un fichier a des erreurs, 2 si un fichier est illisible ou l'usage incorrect.
            """
    )

    @Argument(help: "Fichiers à valider (.csv, .json, .xlsx ou .ods).")
    var files: [String]

    @OptionGroup var reading: ReadingArguments

    @Option(name: .customLong("schema-version"), help: "Version du standard : 1.0.2, 0.1.0 ou auto (déduite des colonnes).")
    var schemaVersion: SchemaVersionChoice = .auto

    @Option(help: "Format du rapport : text (lisible, en français) ou json (forme de frictionless validate --json).")
    var format: ReportFormat = .text

    @Option(name: .customLong("limit"), help: "Nombre maximal d'erreurs, puis d'avertissements, listés par fichier (tous sont comptés).")
    var listLimit: Int = 1000

    @Flag(name: .customLong("all-warnings"), help: "Affiche tous les avertissements (par défaut : les 5 premiers de chaque sorte).")
    var allWarnings = false

    func validate() throws {
        guard listLimit >= 0 else { throw ValidationError("--limit doit être un nombre positif.") }
    }

    func run() throws {
        let validator = Validator(version: schemaVersion.version, options: ValidationOptions(listLimit: listLimit, reading: try reading.options()))
        var tasks: [TaskReport] = []
        for file in files {
            do {
                tasks.append(try validator.validate(fileAt: URL(fileURLWithPath: file), place: file))
            } catch {
                printError("Le schéma du standard est inutilisable : \(error.message)")
                throw ExitCode(2)
            }
        }
        let report = ValidationReport(tasks: tasks)
        switch format {
        case .json:
            FileHandle.standardOutput.write(try ReportJSON.encode(report))
            FileHandle.standardOutput.write(Data("\n".utf8))
        case .text:
            print(ReportText(report: report, allWarnings: allWarnings).render(), terminator: "")
        }
        if tasks.contains(where: { $0.errors.contains { $0.type == IssueCode.schemeError.rawValue } }) {
            throw ExitCode(2)
        }
        if !report.valid { throw ExitCode(1) }
    }
}

/// The `--schema-version` choices.
enum SchemaVersionChoice: String, ExpressibleByArgument, CaseIterable {
    case auto
    case v1_0_2 = "1.0.2"
    case v0_1_0 = "0.1.0"

    var version: SchemaVersion? {
        switch self {
        case .auto: return nil
        case .v1_0_2: return .v1_0_2
        case .v0_1_0: return .v0_1_0
        }
    }
}

/// The `--format` choices of reports.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
