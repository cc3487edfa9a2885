import ArgumentParser
import Foundation
import LieuxExport
import LieuxModel
import LieuxStore

/// `lieux export`: writes the stored venues as GeoJSON, GeoJSON text sequences or CSV.
extension ExportFormat: ExpressibleByArgument {}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Exporte les lieux de la base en GeoJSON, en GeoJSON ligne à ligne (RFC 8142) ou en CSV du standard.",
        discussion: """
            L'export se fait en flux : la mémoire ne grandit pas avec le nombre de lieux.
            GeoJSON : FeatureCollection (RFC 7946), identifiant = id du lieu, propriétés = champs du
            standard (valeurs multiples en tableaux) et source_import. CSV : exactement les colonnes du
            standard, dans son ordre, valeurs multiples séparées par « | ».
            """
    )

    @OptionGroup var store: StoreOptions

    @Option(help: "Format : geojson, geojsonseq ou csv.")
    var format: ExportFormat

    @Option(name: [.short, .customLong("output")], help: "Fichier de sortie (par défaut : la sortie standard).")
    var output: String?

    @Option(help: "N'exporte que les lieux de cette source.")
    var source: String?

    @Flag(name: .customLong("fusionner"), help: "Un lieu par groupe de doublons (lieux doublons), avec membres, provenance et qualite.")
    var merge = false

    func run() throws {
        let store = try store.open()
        // With -o, the export is written to a temporary file beside the destination and renamed
        // at the end: a failed export leaves the previous file as it was, and nobody ever reads
        // half an export.
        let partial = output.map { path -> String in
            let url = URL(fileURLWithPath: path)
            return url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).partiel").path
        }
        let sink: FileSink
        do {
            sink = try partial.map { (path) throws(ExportError) in try FileSink(path: path) } ?? FileSink.standardOutput()
        } catch {
            let reason = error.errno.map { " (\(String(cString: strerror($0))))" } ?? ""
            printError("Erreur : le fichier « \(output ?? "-") » ne peut pas être créé\(reason) : vérifiez le dossier et les droits d'écriture.")
            throw ExitCode(2)
        }
        func abandon() {
            try? sink.close()
            if let partial { unlink(partial) }
        }
        let today = CalendarDate.paris(Date())
        do {
            // Each venue with its extra properties: merged, as stored (CSV), or its feature
            // copied as the store keeps it (GeoJSON).
            var writer = ExportWriter(format, sink: sink)
            try writer.begin()
            if merge {
                try store.forEachMerged(source: source, today: today) { try writer.write($0.found.lieu, extras: FeatureExtras(fusion: $0, today: today)) }
            } else if format.needsVenues {
                try store.forEachLieu(source: source) { lieu, name in try writer.write(lieu, extras: FeatureExtras(sourceImport: name)) }
            } else {
                try store.forEachFeature(source: source) { try writer.write($0) }
            }
            try writer.end()
            if let partial, let output {
                try sink.close()
                guard rename(partial, output) == 0 else {
                    let reason = String(cString: strerror(errno))
                    unlink(partial)
                    printError("Erreur d'écriture : l'export n'a pas pu être placé dans « \(output) » (\(reason)) : vérifiez le dossier et les droits d'écriture.")
                    throw ExitCode(2)
                }
            } else {
                try sink.flush()
            }
        } catch let error as StoreError {
            abandon()
            printError("Erreur : \(error.message)")
            throw ExitCode(2)
        } catch let error as ExportError {
            abandon()
            printError("Erreur d'écriture : \(error.message)")
            throw ExitCode(2)
        } catch {
            abandon()
            throw error
        }
    }
}
