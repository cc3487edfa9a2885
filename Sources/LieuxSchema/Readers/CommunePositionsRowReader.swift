import Foundation
import LieuxModel

/// Rows of the standard whose venue has no coordinates given its commune's position
/// (`--positions-communes`), each with a warning that says the position is approximate.
/// The commune is found by its INSEE code, else by its postal code and name, else by its
/// name when only one commune bears it; otherwise the row stays without coordinates.
/// A row without a postal code gets its commune's when the commune has only one (a warning
/// says so too).
public struct CommunePositionsRowReader<Base: RowReader>: RowReader {
    public var format: SourceFormat { base.format }
    public var labels: [String] { base.labels }
    private var base: Base
    private let byINSEE: [String: Commune]
    private let byName: [String: [Commune]]
    private var issues: [ValidationIssue] = []

    public init(base: Base, gazetteer: CommuneGazetteer) {
        self.base = base
        byINSEE = Dictionary(gazetteer.communes.map { ($0.codeINSEE, $0) }, uniquingKeysWith: { first, _ in first })
        byName = Dictionary(grouping: gazetteer.communes, by: { CommuneGazetteer.key($0.nom) })
    }

    public mutating func nextRow() throws(SourceError) -> SourceRow? {
        guard var row = try base.nextRow() else { return nil }
        func index(_ name: String) -> Int? { labels.firstIndex(of: name) }
        guard let lat = index("latitude"), let lon = index("longitude") else { return row }
        func cell(_ i: Int?) -> String {
            guard let i, i < row.cells.count else { return "" }
            return (row.cells[i] ?? "").trimmingCharacters(in: .whitespaces)
        }
        let located = !(cell(lat).isEmpty && cell(lon).isEmpty)
        let insee = cell(index("code_insee")), postal = cell(index("code_postal")), name = cell(index("commune"))
        guard !located || postal.isEmpty else { return row }
        var commune = byINSEE[insee]
        if commune == nil, !name.isEmpty {
            let candidates = byName[CommuneGazetteer.key(name)] ?? []
            commune = candidates.first { $0.codesPostaux.contains(postal) } ?? (candidates.count == 1 ? candidates[0] : nil)
        }
        guard let commune else { return row }
        if postal.isEmpty, commune.codesPostaux.count == 1, let p = index("code_postal") {
            while row.cells.count <= p { row.cells.append("") }
            row.cells[p] = commune.codesPostaux[0]
            issues.append(
                ValidationIssue(
                    type: IssueCode.codePostalDeduit.rawValue, severity: .warning, rowNumber: row.number,
                    fieldName: "code_postal", cell: commune.codesPostaux[0], note: "commune \(commune.codeINSEE)",
                    message: "Ligne \(row.number) : le lieu n'a pas de code postal ; celui de la commune « \(commune.nom) » (\(commune.codesPostaux[0]), son seul) est repris (--positions-communes). Indiquez-le dans le fichier."))
        }
        guard !located else { return row }
        while row.cells.count <= max(lat, lon) { row.cells.append("") }
        row.cells[lat] = String(format: "%.6f", commune.coordinates.latitude)
        row.cells[lon] = String(format: "%.6f", commune.coordinates.longitude)
        issues.append(
            ValidationIssue(
                type: IssueCode.coordonneesApproximatives.rawValue, severity: .warning, rowNumber: row.number,
                fieldName: "latitude", cell: "\(row.cells[lat] ?? ""), \(row.cells[lon] ?? "")", note: "commune \(commune.codeINSEE)",
                message: "Ligne \(row.number) : le lieu n'a pas de coordonnées ; celles de la commune « \(commune.nom) » (\(commune.codeINSEE)) sont reprises (--positions-communes). Elles sont approximatives : indiquez la position du lieu lui-même."))
        return row
    }

    public mutating func takeIssues() -> [ValidationIssue] {
        defer { issues = [] }
        return base.takeIssues() + issues
    }
}
