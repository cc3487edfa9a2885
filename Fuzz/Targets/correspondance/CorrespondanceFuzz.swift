import FuzzSupport
import Foundation
@testable import LieuxSchema

/// A correspondence file (YAML) read by `Correspondance.parse`, then used on a small file.
///
/// Properties: parsing never crashes and fails with a French message; a correspondence that
/// parses converts rows of 32 cells, as many as the standard's fields, or stops with a message.
@main
enum CorrespondanceFuzz {
    static func main() { runFuzzer(fuzz) }
}

let producer = Data("""
    Identifiant;Nom;Numéro;Voie;Ville;CP;Tél.;Services;Lundi;Mardi;Horaires
    a1;Médiathèque;12;rue de la Paix;Gap;5000;04 92 00 00 00;Aide aux démarches|Cours;9h-12h;Fermé;lundi au vendredi 9h-12h
    a2;;;;;;;;;;
    """.utf8)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let data = fuzzInput(start, count)
    guard let text = String(data: data, encoding: .utf8) else { return 0 }
    let correspondance: Correspondance
    do {
        correspondance = try Correspondance.parse(text, place: "fuzz.yml")
    } catch {
        expect(!error.message.isEmpty, "une erreur sans message")
        return 0
    }
    do {
        var reader = try CorrespondingRowReader(base: try CSVRowReader(data: producer), correspondance: correspondance)
        while let row = try reader.nextRow() {
            expect(row.cells.count == reader.labels.count, "une ligne convertie de \(row.cells.count) cellules pour \(reader.labels.count) champs")
            _ = reader.takeIssues()
        }
    } catch {
        expect(!error.message.isEmpty, "une erreur sans message")
    }
    return 0
}
