import ArgumentParser
import Foundation
import LieuxSchema
import LieuxStore

/// `lieux import`: validates files and stores their valid venues for a source.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Importe des fichiers de lieux (CSV ou JSON, chemin ou adresse http(s)) pour une source.",
        discussion: """
            Après l'import, la source contient exactement les lignes valides du fichier : les lieux
            absents du fichier sont retirés, les autres sources ne sont pas touchées. Chaque fichier
            est importé en une seule transaction : interrompu, l'import ne change rien.
            Les fichiers de la version 0.1 du standard sont convertis en 1.0.
            Code de sortie : 0 importé sans erreur, 1 des lignes rejetées (ou rien importé avec --strict),
            2 fichier illisible, base inutilisable ou usage incorrect.
            """
    )

    @Argument(help: "Fichiers ou adresses http(s) à importer.")
    var files: [String]

    @Option(help: "Nom de la source (le producteur : une collectivité, un réseau…).")
    var source: String

    @OptionGroup var store: StoreOptions

    @Flag(help: "Rejette tout le fichier à la moindre erreur (par défaut : seules les lignes en erreur sont rejetées).")
    var strict = false

    @Option(name: .customLong("schema-version"), help: "Version du standard du fichier : 1.0.2, 0.1.0 ou auto.")
    var schemaVersion: SchemaVersionChoice = .auto

    @Option(help: "Format du rapport : text ou json.")
    var format: ReportFormat = .text

    @Flag(name: .customLong("if-empty"), help: "N'importe que si la base ne contient encore aucun lieu (pour initialiser une base).")
    var onlyIfEmpty = false

    func validate() throws {
        guard !source.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ValidationError("--source ne peut pas être vide.")
        }
    }

    func run() throws {
        let store = try store.open()
        if onlyIfEmpty {
            let count: Int
            do { count = try store.statistics().lieux } catch {
                printError("Erreur : \(error.message)")
                throw ExitCode(2)
            }
            if count > 0 {
                let message = "La base « \(store.path) » contient déjà \(count) lieux : rien n'est importé (--if-empty)."
                switch format {
                case .json:
                    // Standard output stays JSON: no import, no result.
                    print("[]")
                    printError(message)
                case .text:
                    print(message)
                }
                return
            }
        }
        var results: [ImportResult] = []
        var unreadable = false
        for file in files {
            let options = ImportOptions(strict: strict, version: schemaVersion.version)
            do {
                let result: ImportResult
                if let url = URL(string: file), ["http", "https"].contains(url.scheme?.lowercased() ?? "") {
                    let local = try RemoteFile.download(url)
                    defer { try? FileManager.default.removeItem(at: local.deletingLastPathComponent()) }
                    result = try store.importFile(at: local, place: file, source: source, options: options)
                } else {
                    result = try store.importFile(at: URL(fileURLWithPath: file), place: file, source: source, options: options)
                }
                results.append(result)
                if result.report.errors.contains(where: { ["scheme-error", "encoding-error", "format-error"].contains($0.type) }) {
                    unreadable = true
                }
            } catch let error as StoreError {
                printError("Erreur : \(error.message)")
                throw ExitCode(2)
            } catch let error as RemoteFile.Failure {
                printError("Erreur : \(error.message) Rien n'a été modifié.")
                unreadable = true
            }
        }
        switch format {
        case .json:
            FileHandle.standardOutput.write(try ReportJSON.encode(results))
            FileHandle.standardOutput.write(Data("\n".utf8))
        case .text:
            for result in results {
                print(ReportText(report: ValidationReport(tasks: [result.report]), allWarnings: false).render(), terminator: "")
                print(ImportSummary(result: result).render())
            }
        }
        if unreadable { throw ExitCode(2) }
        if results.contains(where: { !$0.report.valid }) { throw ExitCode(1) }
    }
}

/// The French lines that say what an import changed.
struct ImportSummary {
    let result: ImportResult

    func render() -> String {
        var lines: [String] = []
        let r = result
        if !r.committed {
            let unreadable = r.report.errors.contains { ["scheme-error", "encoding-error", "format-error"].contains($0.type) }
            let reason =
                unreadable ? " (le fichier n'a pas pu être lu jusqu'au bout : corrigez l'erreur ci-dessus)."
                : r.report.valid ? "."
                : " (le fichier a des erreurs ; corrigez-les ou importez sans --strict pour ne rejeter que les lignes en erreur)."
            lines.append("Import de « \(r.place) » pour la source « \(r.source) » : RIEN N'A ÉTÉ MODIFIÉ" + reason)
        } else {
            lines.append("Import de « \(r.place) » pour la source « \(r.source) » (standard \(r.fileVersion)"
                + (r.fileVersion != SchemaVersion.current.rawValue ? ", converti en \(SchemaVersion.current.rawValue)" : "") + ") :")
            lines.append("  \(r.added) ajoutés, \(r.updated) modifiés, \(r.unchanged) inchangés, \(r.removed) retirés, \(r.rejected) rejetés ; la source compte \(r.stored) lieux.")
            if r.changedNothing {
                lines.append("  Rien n'a changé : la base contenait déjà exactement ces lieux pour cette source.")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
