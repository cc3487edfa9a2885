import Foundation

/// One venue file read for an import: the one place where an import opens a file, detects
/// the version of the standard it was written in, migrates it to the current version when
/// needed, and validates it row by row.
///
/// Whatever happens, the outcome is a report: a file that cannot be opened, or that stops
/// being readable halfway (bytes that are not UTF-8, a JSON cut short), gives a report whose
/// ``TaskReport/failure`` says so. An import goes by that one signal, never by the issues
/// listed (they are capped).
///
/// ```swift
/// let reading = ImportReading(url: url, place: "lieux.csv")
/// let outcome = try reading.read { row in if row.isValid { … } }
/// if outcome.report.failure != nil { /* change nothing */ }
/// ```
public struct ImportReading: Sendable {
    /// Where the bytes are.
    public var url: URL
    /// The file's path or address, as the person gave it (for reports).
    public var place: String
    public var format: SourceFormat
    /// The version of the standard the file follows; `nil` detects it from its columns and
    /// first rows.
    public var version: SchemaVersion?
    public var options: ValidationOptions

    /// What reading the file gave.
    public struct Outcome: Sendable {
        /// The validation against the current version (after migration), with its failure
        /// when the file could not be read to its end.
        public var report: TaskReport
        /// The version the file was written in; `nil` when it could not be opened.
        public var fileVersion: SchemaVersion?
    }

    public init(
        url: URL, place: String? = nil, format: SourceFormat? = nil, version: SchemaVersion? = nil,
        options: ValidationOptions = .init()
    ) {
        self.url = url
        self.place = place ?? url.path
        self.format = format ?? SourceFormat(fileName: url.lastPathComponent)
        self.version = version
        self.options = options
    }

    /// Reads the whole file; `onRow` receives every row, checked against the current version.
    /// Throws only when the standard's own schema files are unusable.
    public func read(onRow: (CheckedRow) -> Void = { _ in }) throws(SchemaError) -> Outcome {
        let reader: any RowReader
        do {
            reader = try Validator.reader(for: url, format: format, reading: options.reading)
        } catch {
            let report = try TaskReport.unreadable(error, place: place, format: format, options: options)
            return Outcome(report: report, fileVersion: nil)
        }
        return try read(reader, onRow: onRow)
    }

    private func read<R: RowReader>(_ reader: R, onRow: (CheckedRow) -> Void) throws(SchemaError) -> Outcome {
        var peeking = PeekingRowReader(reader)
        let firstRows = peeking.peek(Validator.detectionRows)  // before reading labels: JSON keys appear with rows
        let fileVersion = version ?? SchemaVersion.detect(labels: peeking.labels, rows: firstRows)
        let validator = Validator(version: .current, options: options)
        let migrates = fileVersion != .current
            || MigratingRowReader<PeekingRowReader<R>>.needsMigration(labels: peeking.labels, version: fileVersion)
        let report: TaskReport
        if migrates {
            var migrating = MigratingRowReader(base: peeking)
            report = try validator.validate(&migrating, place: place, onRow: onRow)
        } else {
            report = try validator.validate(&peeking, place: place, onRow: onRow)
        }
        return Outcome(report: report, fileVersion: fileVersion)
    }
}

extension TaskReport {
    /// The report of a file that could not be read at all: one error, and its failure.
    public static func unreadable(
        _ error: SourceError, place: String, format: SourceFormat, version: SchemaVersion = .current,
        options: ValidationOptions = .init()
    ) throws(SchemaError) -> TaskReport {
        var session = try ValidationSession(schema: version.schema, place: place, format: format, options: options)
        session.fail(error)
        return session.finish()
    }
}
