import ArgumentParser
import Foundation
import LieuxSchema

/// `lieux convertir`: a producer's own file converted to the standard with a correspondence file.
struct ConvertirCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convertir",
        abstract: "Convertit le fichier d'un producteur (CSV, JSON, .xlsx, .ods) au standard 1.0.2 avec un fichier de correspondance, et dit ce qui n'a pas pu l'être.",
        discussion: """
            Écrit un CSV du standard (-o, sinon la sortie standard) et un rapport : la validation des
            lignes converties, chaque valeur sans correspondance (avec son nombre), chaque horaire
            converti en partie ou pas du tout (avec le texte d'origine). Un fichier de sortie n'est
            écrit qu'entier : une conversion interrompue ne laisse pas de fichier à moitié écrit.
            Code de sortie : 0 toutes les lignes converties sont valides, 1 des lignes ont des erreurs,
            2 fichier illisible ou correspondance inutilisable.
            """
    )

    @Argument(help: "Fichier du producteur.")
    var file: String

    @OptionGroup var reading: ReadingArguments

    @Option(name: .shortAndLong, help: "Fichier CSV du standard à écrire (par défaut : la sortie standard, le rapport allant sur la sortie d'erreur).")
    var output: String?

    @Option(help: "Format du rapport : text ou json.")
    var format: ReportFormat = .text

    func run() throws {
        var options = try reading.options()
        guard let correspondance = options.correspondance else {
            printError("Erreur : --correspondance FICHIER.yml est nécessaire (voir data/correspondances/ et « lieux correspondance proposer »).")
            throw ExitCode(2)
        }
        // Commune positions apply to the converted rows, not to the producer's.
        let gazetteer = options.communePositions
        options = options.producerFile(of: correspondance)
        let url = URL(fileURLWithPath: file)
        let converted: CorrespondingRowReader<AnyRowReader>
        do {
            converted = try CorrespondingRowReader(base: AnyRowReader(Validator.reader(for: url, reading: options)), correspondance: correspondance)
        } catch {
            printError("Erreur : « \(file) » : \(error.message)")
            throw ExitCode(2)
        }
        // The conversion's summary is shared by the copies of the reader.
        var reader = AnyRowReader(gazetteer.map { CommunePositionsRowReader(base: converted, gazetteer: $0) } ?? converted)
        var csv = Data()
        csv.append(Data((reader.labels.map(Self.quoted).joined(separator: ",") + "\r\n").utf8))
        let validator = Validator(version: .current, options: ValidationOptions(listLimit: 1000))
        let task: TaskReport
        do {
            task = try validator.validate(&reader, place: file) { row in
                csv.append(Data((row.values.map { Self.quoted($0 ?? "") }.joined(separator: ",") + "\r\n").utf8))
            }
        } catch {
            printError("Le schéma du standard est inutilisable : \(error.message)")
            throw ExitCode(2)
        }
        if task.failure != nil || task.errors.contains(where: { $0.type == IssueCode.schemeError.rawValue }) {
            // Unreadable to its end: no converted file.
            printReport(task, summary: converted.summary, toErrorOutput: output == nil)
            throw ExitCode(2)
        }
        if let output {
            // Written beside, then moved: the file is whole or not there.
            let destination = URL(fileURLWithPath: output)
            let temporary = destination.deletingLastPathComponent().appendingPathComponent(".\(destination.lastPathComponent).\(UUID().uuidString)")
            do {
                try csv.write(to: temporary)
                _ = try? FileManager.default.removeItem(at: destination)
                try FileManager.default.moveItem(at: temporary, to: destination)
            } catch {
                try? FileManager.default.removeItem(at: temporary)
                printError("Erreur : « \(output) » ne peut pas être écrit : \(error.localizedDescription)")
                throw ExitCode(2)
            }
        } else {
            FileHandle.standardOutput.write(csv)
        }
        printReport(task, summary: converted.summary, toErrorOutput: output == nil)
        if !task.valid { throw ExitCode(1) }
    }

    private func printReport(_ task: TaskReport, summary: ConversionSummary, toErrorOutput: Bool) {
        let text: Data
        switch format {
        case .json:
            struct Output: Encodable {
                let conversion: ConversionSummary
                let validation: ValidationReport
            }
            text = ((try? ReportJSON.encode(Output(conversion: summary, validation: ValidationReport(tasks: [task])))) ?? Data()) + Data("\n".utf8)
        case .text:
            text = Data((ReportText(report: ValidationReport(tasks: [task]), allWarnings: false).render() + ConversionText(summary: summary).render()).utf8)
        }
        (toErrorOutput ? FileHandle.standardError : FileHandle.standardOutput).write(text)
    }

    static func quoted(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// The French lines that say what a conversion did.
struct ConversionText {
    let summary: ConversionSummary

    func render() -> String {
        var lines = ["", "Conversion : \(summary.rows) lignes."]
        if !summary.mapped.isEmpty {
            lines.append("  Valeurs converties par la correspondance : " + Self.counts(summary.mapped) + ".")
        }
        if !summary.normalized.isEmpty {
            lines.append("  Valeurs mises dans la forme du standard : " + Self.counts(summary.normalized) + ".")
        }
        let hours = summary.hours
        if !hours.isEmpty {
            lines.append("  Horaires : \(hours["exacte", default: 0]) convertis exactement, \(hours["partielle", default: 0]) en partie, \(hours["impossible", default: 0]) impossibles (laissés vides).")
        }
        if summary.unmapped.isEmpty {
            lines.append("  Toutes les valeurs des vocabulaires ont une correspondance.")
        } else {
            lines.append("  Valeurs sans correspondance (laissées de côté ; à ajouter sous « valeurs: ») :")
            for (field, values) in summary.unmapped.sorted(by: { $0.key < $1.key }) {
                let top = values.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                let shown = top.prefix(10).map { "« \($0.key) » (\($0.value))" }.joined(separator: ", ")
                lines.append("    \(field) : \(shown)\(top.count > 10 ? ", et \(top.count - 10) autres" : "")")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func counts(_ counts: [String: Int]) -> String {
        counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }
}
