import Foundation

/// Validates venue files against a version of the standard, streaming their rows.
public struct Validator: Sendable {
    /// The version to validate against; `nil` detects it from each file's columns.
    public var version: SchemaVersion?
    public var options: ValidationOptions

    /// How many rows are read ahead to detect the version of a file.
    public static let detectionRows = 50

    public init(version: SchemaVersion? = nil, options: ValidationOptions = .init()) {
        self.version = version
        self.options = options
    }

    /// Opens a reader for the file at `url`, by its extension (`.json`, `.xlsx`, `.ods` or CSV).
    public static func reader(
        for url: URL, format: SourceFormat? = nil, reading: ReadingOptions = .init()
    ) throws(SourceError) -> any RowReader {
        if let gazetteer = reading.communePositions {
            var rest = reading
            rest.communePositions = nil
            return CommunePositionsRowReader(base: AnyRowReader(try Self.reader(for: url, format: format, reading: rest)), gazetteer: gazetteer)
        }
        if let correspondance = reading.correspondance {
            // The producer's file, read as its correspondence says, then converted.
            let base = try Self.reader(for: url, format: format, reading: reading.producerFile(of: correspondance))
            return try CorrespondingRowReader(base: AnyRowReader(base), correspondance: correspondance)
        }
        let format = format ?? SourceFormat(fileName: url.lastPathComponent)
        switch format {
        case .csv: return try CSVRowReader(url: url, encoding: reading.encoding, delimiter: reading.delimiter)
        case .json: return try JSONRowReader(url: url)
        case .xlsx, .ods: return try SheetRowReader(url: url, format: format, sheet: reading.sheet)
        }
    }

    /// Validates the file at `url`. A file that cannot be opened gives a report with a
    /// `scheme-error`; the schema files are part of the installation, so their absence throws.
    public func validate(fileAt url: URL, place: String? = nil, format: SourceFormat? = nil) throws(SchemaError) -> TaskReport {
        let place = place ?? url.path
        let format = format ?? SourceFormat(fileName: url.lastPathComponent)
        var reading = options.reading
        if format == .csv, reading.correspondance == nil {
            // The encoding detected once: a UTF-8 file is then read as UTF-8 without a second scan.
            if reading.encoding == .auto, EncodingDetection.scan(url).eightBit == nil { reading.encoding = .utf8 }
            // Cut into pieces only when read in UTF-8 (pieces are cut on the file's own bytes).
            if reading.encoding == .utf8, reading.communePositions == nil, let report = try validateInPieces(fileAt: url, place: place) {
                return report
            }
        }
        var reader: any RowReader
        do {
            reader = try Self.reader(for: url, format: format, reading: reading)
        } catch {
            return try TaskReport.unreadable(error, place: place, format: format, version: version ?? .current, options: options)
        }
        return try validate(&reader, place: place)
    }

    /// The session of a file: its version detected from its first rows, which `reader` reads
    /// ahead (before the labels: JSON keys appear with rows), and its header read.
    func session<Base: RowReader>(for reader: inout PeekingRowReader<Base>, place: String) throws(SchemaError) -> ValidationSession {
        let firstRows = reader.peek(Self.detectionRows)
        let version = self.version ?? SchemaVersion.detect(labels: reader.labels, rows: firstRows)
        var session = try ValidationSession(schema: version.schema, place: place, format: reader.format, options: options)
        session.read(labels: reader.labels)
        return session
    }

    /// Validates the rows of `reader`, one at a time; `onRow` receives every checked row.
    public func validate(
        _ reader: inout some RowReader, place: String, onRow: (CheckedRow) -> Void = { _ in }
    ) throws(SchemaError) -> TaskReport {
        var reader = PeekingRowReader(reader)
        var session = try session(for: &reader, place: place)
        do {
            while let row = try reader.nextRow() {
                if reader.labels.count != session.report.labels.count { session.read(labels: reader.labels) }
                session.add(reader.takeIssues())
                onRow(session.check(row))
            }
            if reader.labels.count != session.report.labels.count { session.read(labels: reader.labels) }
            session.add(reader.takeIssues())
        } catch {
            session.fail(error)
        }
        return session.finish()
    }
}
