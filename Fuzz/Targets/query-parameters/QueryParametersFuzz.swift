import FuzzSupport
import Foundation
import LieuxModel
@testable import LieuxHTTP

/// A query string parsed as the HTTP routes parse theirs: `QueryParameters`, then
/// `ItemsParameters` for every route, `CouvertureParameters`, and the aggregates' and clusters'
/// own parameters (`par`, `zoom` with the grid of the box).
///
/// Properties: parsing never crashes, only answers a problem with status 400; the parameters
/// encoded back for links decode to the same parameters.
@main
enum QueryParametersFuzz {
    static func main() { runFuzzer(fuzz) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let query = String(decoding: fuzzInput(start, count), as: UTF8.self)
    let parameters: QueryParameters
    do {
        parameters = try QueryParameters(query: query)
    } catch {
        expect(error.status == .badRequest, "statut \(error.status) pour une requête mal encodée")
        return 0
    }
    let decodedAgain = try? QueryParameters(query: parameters.encoded)
    expect(decodedAgain == parameters, "« \(parameters.encoded) », la requête réencodée, ne se relit pas à l'identique")

    let now = Date(timeIntervalSince1970: 1_796_212_800)  // 2026-12-02 12:00 UTC
    let routes: [ItemsParameters.Route] = [.items, .search, .export, .aggregates, .clusters, .couverture, .couvertureCommunes]
    for route in routes {
        do {
            let items = try ItemsParameters(parameters, route: route, now: now)
            let reader = ParameterReader(parameters: parameters)
            switch route {
            case .couverture, .couvertureCommunes:
                _ = try CouvertureParameters(parameters, route: route, now: now)
            case .aggregates:
                _ = try reader.text("par").flatMap(AreaReference.Kind.init(rawValue:))
            case .clusters:
                if case .bbox(let box) = items.query.spatial,
                    let zoom = try reader.integer("zoom", minimum: 0, maximum: ClusterGrid.maximumZoom),
                    let grid = ClusterGrid(zoom: zoom)
                {
                    expect(grid.cellCount(box) > 0, "une bbox sans cellule")
                }
            default:
                break
            }
        } catch {
            expect(error.status == .badRequest, "statut \(error.status) pour des paramètres faux")
        }
    }
    return 0
}
