import FuzzSupport
import Foundation
import LieuxModel
@testable import LieuxSchema

/// CSV bytes read by `CSVRowReader`, then validated as `lieux validate` and `lieux import` do.
///
/// Properties: reading never crashes; the rows, labels, delimiter and error do not depend on
/// the chunk size; row numbers grow; validation (with the migration of a 0.1 file) ends with a
/// report, failed whenever reading stopped on an error.
@main
enum CSVFuzz {
    static func main() { runFuzzer(fuzz) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let data = fuzzInput(start, count)
    let whole = read { () throws(SourceError) in try CSVRowReader(data: data) }
    let chunk = chunkSize(for: data)
    let chunked = read { () throws(SourceError) in try CSVRowReader(source: .memory(data, offset: 0), chunkSize: chunk) }
    expect(whole == chunked, "la lecture par blocs de \(chunk) octets diffère de la lecture d'un bloc")
    expect(zip(whole.rows, whole.rows.dropFirst()).allSatisfy { $0.number < $1.number }, "numéros de ligne non croissants")

    guard var reader = try? CSVRowReader(data: data) else { return 0 }
    let options = ValidationOptions(listLimit: 20, today: CalendarDate(year: 2026, month: 12, day: 2)!)
    do {
        let report = try Validator(options: options).validate(&reader, place: "fuzz.csv")
        expect(whole.error == nil || report.failure != nil, "la lecture a échoué, le rapport non")
        expect(report.failure == nil || !report.valid, "un rapport en échec est valide")
        try validateAsImport(data, options: options)
    } catch {
        fatalError("le schéma du standard est inutilisable : \(error)")
    }
    return 0
}

/// What reading to the end gave.
struct Reading: Equatable {
    var labels: [String] = []
    var delimiter: UInt8 = 0
    var rows: [SourceRow] = []
    var error: SourceError?
}

func read(_ open: () throws(SourceError) -> CSVRowReader) -> Reading {
    var reading = Reading()
    do {
        var reader = try open()
        reading.labels = reader.labels
        reading.delimiter = reader.delimiter
        while let row = try reader.nextRow() { reading.rows.append(row) }
    } catch {
        reading.error = error
    }
    return reading
}

/// The reading `lieux import` does (`ImportReading`): version detected on the first rows,
/// 0.1 rows migrated, validation against the current version.
func validateAsImport(_ data: Data, options: ValidationOptions) throws(SchemaError) {
    guard let reader = try? CSVRowReader(data: data) else { return }
    var peeking = PeekingRowReader(reader)
    let version = SchemaVersion.detect(labels: peeking.labels, rows: peeking.peek(Validator.detectionRows))
    let validator = Validator(version: .current, options: options)
    if version != .current || MigratingRowReader<PeekingRowReader<CSVRowReader>>.needsMigration(labels: peeking.labels, version: version) {
        var migrating = MigratingRowReader(base: peeking)
        _ = try validator.validate(&migrating, place: "fuzz.csv")
    } else {
        _ = try validator.validate(&peeking, place: "fuzz.csv")
    }
}
