import FuzzSupport
import Foundation
import LieuxModel
@testable import LieuxHTTP

/// The body of the write routes (`POST`, `PUT`, `PATCH /collections/lieux/items…`): a GeoJSON
/// Feature or a flat object of the standard's fields, read by `VenueBody` as a whole venue and
/// as a merge patch.
///
/// Properties: reading never crashes, only answers a problem with status 400; what is read as a
/// whole venue reads the same as a patch (a patch is the laxer reading); the members that
/// exports add are never taken as fields; a Point's position is read as two numbers.
@main
enum VenueBodyFuzz {
    static func main() { runFuzzer(fuzz) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let data = fuzzInput(start, count)
    let patch: VenueBody?
    do {
        patch = try VenueBody(data, whole: false)
    } catch {
        expect(error.status == .badRequest, "statut \(error.status) pour un corps faux")
        patch = nil
    }
    do {
        let whole = try VenueBody(data, whole: true)
        expect(patch?.fields == whole.fields, "un corps lu comme un lieu entier ne se lit pas de même comme un patch")
        expect(VenueBody.readOnly.allSatisfy { whole.fields[$0] == nil }, "un membre des exports pris pour un champ")
        // A Feature's position comes from its Point, as two numbers (a flat object's
        // `longitude` is a field like the others, checked by the standard's validation).
        let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        if object?["geometry"] is [String: Any], (object?["properties"] as? [String: Any])?["longitude"] == nil {
            for name in ["longitude", "latitude"] {
                if case .some(.some(let text)) = whole.fields[name] {
                    expect(Double(text) != nil, "« \(text) » lu comme \(name) d'un Point")
                }
            }
        }
    } catch {
        expect(error.status == .badRequest, "statut \(error.status) pour un corps faux")
    }
    return 0
}
