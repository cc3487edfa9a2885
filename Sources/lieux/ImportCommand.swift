import ArgumentParser
import Foundation
import LieuxSchema
import LieuxStore

/// `lieux import`: validates files and stores their valid venues for a source.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Importe des fichiers de lieux (CSV, JSON, classeurs .xlsx ou .ods ; chemin ou adresse http(s)) pour une source.",
        discussion: """
            Plusieurs fichiers forment ensemble la source. Après l'import, la source contient les lieux
            des lignes valides ; un lieu déjà publié dont la ligne est en erreur est conservé tel quel ;
            les lieux absents des fichiers sont retirés ; les autres sources ne sont pas touchées.
            Un import qui retirerait plus de 20 % des lieux de la source (et plus de 10), ou tous, est
            refusé (--autoriser-retraits pour le permettre). Tout se fait en une seule transaction :
            un fichier illisible jusqu'au bout, ou un import interrompu, ne change rien.
            Chaque import est gardé dans l'historique (lieux historique, lieux annuler).
            Les fichiers de la version 0.1 du standard sont convertis en 1.0.
            Code de sortie : 0 importé sans erreur, 1 des lignes rejetées (ou rien importé avec --strict),
            2 fichier illisible, base inutilisable ou usage incorrect, 3 refusé (trop de retraits).
            """
    )

    @Argument(help: "Fichiers ou adresses http(s) à importer.")
    var files: [String]

    @Option(help: "Nom de la source (le producteur : une collectivité, un réseau…).")
    var source: String

    @OptionGroup var reading: ReadingArguments

    @OptionGroup var store: StoreOptions

    @Flag(help: "Rejette tout le fichier à la moindre erreur (par défaut : seules les lignes en erreur sont rejetées).")
    var strict = false

    @Option(name: .customLong("schema-version"), help: "Version du standard du fichier : 1.0.2, 0.1.0 ou auto.")
    var schemaVersion: SchemaVersionChoice = .auto

    @Option(help: "Format du rapport : text ou json.")
    var format: ReportFormat = .text

    @Flag(name: .customLong("if-empty"), help: "N'importe que si la base ne contient encore aucun lieu (pour initialiser une base).")
    var onlyIfEmpty = false

    @Flag(name: .customLong("essai"), help: "Montre exactement ce que l'import changerait, sans rien modifier.")
    var dryRun = false

    @Flag(name: .customLong("autoriser-retraits"), help: "Autorise un import qui retire plus de 20 % des lieux de la source (et plus de 10), ou tous.")
    var allowRemovals = false

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
                    print("null")
                    printError(message)
                case .text:
                    print(message)
                }
                return
            }
        }
        // Files given by address are downloaded first: a download cut short changes nothing.
        var downloads: [URL] = []
        defer { for folder in downloads { try? FileManager.default.removeItem(at: folder) } }
        var inputs: [ImportFile] = []
        for file in files {
            if let url = URL(string: file), ["http", "https"].contains(url.scheme?.lowercased() ?? "") {
                do {
                    let local = try RemoteFile.download(url)
                    downloads.append(local.deletingLastPathComponent())
                    inputs.append(ImportFile(url: local, place: file))
                } catch let error as RemoteFile.Failure {
                    printError("Erreur : \(error.message) Rien n'a été modifié.")
                    throw ExitCode(2)
                }
            } else {
                inputs.append(ImportFile(url: URL(fileURLWithPath: file), place: file))
            }
        }
        let options = ImportOptions(
            strict: strict, version: schemaVersion.version,
            validation: ValidationOptions(reading: try reading.options()),
            dryRun: dryRun, allowRemovals: allowRemovals)
        let result: ImportResult
        do {
            result = try store.importFiles(inputs, source: source, options: options)
        } catch {
            printError("Erreur : \(error.message)")
            throw ExitCode(2)
        }
        switch format {
        case .json:
            FileHandle.standardOutput.write(try ReportJSON.encode(result))
            FileHandle.standardOutput.write(Data("\n".utf8))
        case .text:
            print(ReportText(report: ValidationReport(tasks: result.files.map(\.report)), allWarnings: false).render(), terminator: "")
            print(ImportSummary(result: result).render(), terminator: "")
        }
        switch result.status {
        case .unreadable: throw ExitCode(2)
        case .refused: throw ExitCode(3)
        case .applied, .dryRun, .invalid: if !result.valid { throw ExitCode(1) }
        }
    }
}

/// The French lines that say what an import changed, or would change, or why it changed nothing.
struct ImportSummary {
    let result: ImportResult

    func render() -> String {
        var lines: [String] = []
        let r = result
        let places = r.files.map { "« \($0.place) »" }.joined(separator: " + ")
        let versions = Set(r.files.compactMap(\.fileVersion)).sorted()
        let converted = versions.contains { $0 != SchemaVersion.current.rawValue }
        let counts = "\(r.added) ajoutés, \(r.updated) modifiés, \(r.unchanged) inchangés, \(r.removed) retirés, "
            + "\(r.rejected) rejetés (dont \(r.kept) conservés : ligne en erreur)"
        switch r.status {
        case .applied:
            lines.append("Import de \(places) pour la source « \(r.source) » (standard \(versions.joined(separator: ", "))"
                + (converted ? ", converti en \(SchemaVersion.current.rawValue)" : "") + ") :")
            lines.append("  \(counts) ; la source compte \(r.stored) lieux.")
            if r.changedNothing {
                lines.append("  Rien n'a changé : la base contenait déjà exactement ces lieux pour cette source.")
            } else if let operation = r.operation {
                lines.append("  Opération n° \(operation) : « lieux annuler --source \(r.source) » remet la source comme avant.")
            }
        case .dryRun:
            lines.append("Essai de l'import de \(places) pour la source « \(r.source) » : RIEN N'A ÉTÉ MODIFIÉ.")
            lines.append("  Cet import ferait : \(counts) ; la source compterait \(r.stored) lieux (\(r.storedBefore) aujourd'hui).")
        case .refused, .unreadable, .invalid:
            lines.append("Import de \(places) pour la source « \(r.source) » : RIEN N'A ÉTÉ MODIFIÉ.")
            if let reason = r.reason { lines.append("  " + reason) }
            if r.status == .refused {
                lines.append("  Cet import ferait : \(counts) ; la source compte toujours \(r.storedBefore) lieux.")
            }
        }
        if !r.keptVenues.isEmpty {
            lines.append(r.committed ? "  Conservés tels qu'ils étaient (ligne en erreur) :" : "  Seraient conservés tels qu'ils sont (ligne en erreur) :")
            for change in r.keptVenues {
                lines.append("    = \(change.id) (conservé : ligne en erreur, \(change.place ?? "") ligne \(change.rowNumber ?? 0))")
            }
        }
        if let changes = r.changes?.filter({ $0.action != .conserve }), !changes.isEmpty {
            lines.append(r.status == .dryRun ? "  Changements :" : "  Ce que l'import changerait :")
            for change in changes {
                let mark: String
                switch change.action {
                case .ajout: mark = "+ \(change.id) (ajout)"
                case .modification: mark = "~ \(change.id) (modification)"
                case .retrait: mark = "- \(change.id) (retrait)"
                case .conserve: mark = "= \(change.id)"
                }
                lines.append("    " + mark)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
