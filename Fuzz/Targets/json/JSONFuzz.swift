import FuzzSupport
import Foundation
import LieuxModel
@testable import LieuxSchema

/// JSON bytes read by `JSONRowReader` (over `JSONScanner`), then validated as `lieux validate`
/// and `lieux import` do.
///
/// Properties: reading never crashes; the rows, labels and error (its message included, which
/// quotes a position) do not depend on the chunk size; every row is at most as long as the
/// labels; validation (with the migration of a 0.1 file) ends with a report, failed whenever
/// when reading stopped on an error.
@main
enum JSONFuzz {
    static func main() { runFuzzer(fuzz) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let data = fuzzInput(start, count)
    let whole = read(JSONRowReader(data: data))
    let chunk = chunkSize(for: data)
    let chunked = read(JSONRowReader(data: data, chunkSize: chunk))
    expect(whole == chunked, "la lecture par blocs de \(chunk) octets diffère de la lecture d'un bloc")
    expect(whole.rows.allSatisfy { $0.cells.count <= whole.labels.count }, "une ligne a plus de cellules que de clés")
    expect(whole.rows.enumerated().allSatisfy { $0.element.number == $0.offset + 2 }, "numéros de ligne faux")

    let options = ValidationOptions(listLimit: 20, today: CalendarDate(year: 2026, month: 12, day: 2)!)
    do {
        var reader = JSONRowReader(data: data)
        let report = try Validator(options: options).validate(&reader, place: "fuzz.json")
        expect(whole.error == nil || report.failure != nil, "la lecture a échoué, le rapport non")
        var peeking = PeekingRowReader(JSONRowReader(data: data))
        let version = SchemaVersion.detect(labels: peeking.labels, rows: peeking.peek(Validator.detectionRows))
        if version != .current || MigratingRowReader<PeekingRowReader<JSONRowReader>>.needsMigration(labels: peeking.labels, version: version) {
            var migrating = MigratingRowReader(base: peeking)
            _ = try Validator(version: .current, options: options).validate(&migrating, place: "fuzz.json")
        }
    } catch {
        fatalError("le schéma du standard est inutilisable : \(error)")
    }
    return 0
}

/// What reading to the end gave.
struct Reading: Equatable {
    var labels: [String] = []
    var rows: [SourceRow] = []
    var error: SourceError?
}

func read(_ reader: JSONRowReader) -> Reading {
    var reader = reader
    var reading = Reading()
    do {
        while let row = try reader.nextRow() { reading.rows.append(row) }
    } catch {
        reading.error = error
    }
    reading.labels = reader.labels
    return reading
}
