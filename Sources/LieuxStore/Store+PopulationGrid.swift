import Foundation
import GRDB
import LieuxModel
import LieuxSchema

/// What an import of a population grid did.
public struct GridImportResult: Sendable, Codable {
    /// Squares stored (the grid before is replaced).
    public var stored = 0
    /// Their inhabitants.
    public var population = 0.0
    /// The side of the squares, in metres (the first square's).
    public var taille: Int?
}

extension Store {
    /// The columns that name a square in INSEE's files, the finest first.
    static let gridIdentifierColumns = ["idcar_200m", "idcar_1km", "idcar_nat", "idcar"]

    /// Replaces the population grid with INSEE's gridded population (« données carroyées ») of
    /// `url`: a CSV (`,` or `;`) or a GeoPackage, with a square identifier (`idcar_200m`,
    /// `idcar_1km`…, ETRS89-LAEA, see ``CarreauINSEE``), its inhabitants (`ind`) and, when
    /// there, the communes it meets (`lcog_geo`, INSEE codes end to end; the first is kept).
    /// Each square is kept as its centre in WGS 84. One transaction: a file with a bad
    /// square changes nothing.
    public func importPopulationGrid(at url: URL) throws(StoreError) -> GridImportResult {
        var squares: [(carreau: CarreauINSEE, population: Double, commune: String?)] = []
        func fail(_ message: String) -> StoreError { StoreError(code: .sql, message: message) }
        func add(_ line: String, _ identifier: String?, _ population: String?, _ communes: String?) throws(StoreError) {
            guard let identifier, let carreau = CarreauINSEE(identifiant: identifier.trimmingCharacters(in: .whitespaces)) else {
                throw fail("\(line) : « \(identifier ?? "") » n'est pas un carreau de l'INSEE (CRS3035RES200mN2029800E4252400) : rien n'a été importé.")
            }
            let text = (population ?? "").trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
            guard let value = Double(text), value.isFinite, value >= 0 else {
                throw fail("\(line) : la population « \(population ?? "") » du carreau \(identifier) n'est pas un nombre positif : rien n'a été importé.")
            }
            let commune = communes.map { String($0.trimmingCharacters(in: .whitespaces).prefix(5)) }.flatMap { $0.count == 5 ? $0 : nil }
            squares.append((carreau, value, commune))
        }
        let header = (try? FileHandle(forReadingFrom: url).read(upToCount: 16)) ?? nil
        if header.map({ $0.starts(with: Array("SQLite format 3".utf8)) }) == true {
            try readGeoPackage(url, fail: fail, add)
        } else {
            try readGridCSV(url, fail: fail, add)
        }
        guard !squares.isEmpty else { throw fail("« \(url.path) » ne contient aucun carreau : rien n'a été importé.") }
        var result = GridImportResult()
        result.taille = squares.first?.carreau.taille
        do {
            try pool.write { db in
                try db.execute(sql: "DELETE FROM population_carreau")
                let insert = try db.makeStatement(
                    sql: "INSERT INTO population_carreau (idcar, longitude, latitude, population, commune) VALUES (?, ?, ?, ?, ?)")
                for square in squares {
                    guard let centre = square.carreau.centre else { continue }
                    try insert.execute(arguments: [square.carreau.identifiant, centre.longitude, centre.latitude, square.population, square.commune])
                    result.stored += 1
                    result.population += square.population
                }
                try Store.bumpVersion(db)
            }
        } catch {
            throw StoreError.failed("L'import de la grille de population a échoué et n'a rien modifié.", cause: error)
        }
        return result
    }

    private func readGridCSV(
        _ url: URL, fail: (String) -> StoreError, _ add: (String, String?, String?, String?) throws(StoreError) -> Void
    ) throws(StoreError) {
        do {
            var reader = try CSVRowReader(url: url)
            let labels = reader.labels.map { $0.lowercased().trimmingCharacters(in: .whitespaces) }
            guard let id = Self.gridIdentifierColumns.lazy.compactMap({ labels.firstIndex(of: $0) }).first,
                let ind = labels.firstIndex(of: "ind")
            else {
                throw fail("« \(url.path) » n'a pas les colonnes d'une grille de l'INSEE : il faut idcar_200m (ou idcar_1km) et ind. Colonnes lues : \(reader.labels.joined(separator: ", ")).")
            }
            let communes = labels.firstIndex(of: "lcog_geo")
            while let row = try reader.nextRow() {
                func cell(_ i: Int?) -> String? { i.flatMap { $0 < row.cells.count ? row.cells[$0] : nil } }
                try add("ligne \(row.number)", cell(id), cell(ind), cell(communes))
            }
        } catch let error as StoreError {
            throw error
        } catch let error as SourceError {
            throw fail("« \(url.path) » ne peut pas être lu : \(error.message)")
        } catch {
            throw fail("« \(url.path) » ne peut pas être lu.")
        }
    }

    /// The first feature table of a GeoPackage (an SQLite file) that has the grid's columns.
    private func readGeoPackage(
        _ url: URL, fail: (String) -> StoreError, _ add: (String, String?, String?, String?) throws(StoreError) -> Void
    ) throws(StoreError) {
        var configuration = Configuration()
        configuration.readonly = true
        do {
            let queue = try DatabaseQueue(path: url.path, configuration: configuration)
            try queue.read { db in
                let tables = try String.fetchAll(db, sql: "SELECT table_name FROM gpkg_contents ORDER BY table_name")
                for table in tables {
                    let columns = try db.columns(in: table).map(\.name)
                    func named(_ name: String) -> String? { columns.first { $0.lowercased() == name } }
                    guard let id = Self.gridIdentifierColumns.lazy.compactMap(named).first, let ind = named("ind") else { continue }
                    let communes = named("lcog_geo")
                    let sql = "SELECT \(id.quotedDatabaseIdentifier), CAST(\(ind.quotedDatabaseIdentifier) AS TEXT), "
                        + (communes.map { $0.quotedDatabaseIdentifier } ?? "NULL") + " FROM \(table.quotedDatabaseIdentifier)"
                    let cursor = try Row.fetchCursor(db, sql: sql)
                    var number = 0
                    while let row = try cursor.next() {
                        number += 1
                        try add("entité \(number) de « \(table) »", row[0], row[1], row[2])
                    }
                    return
                }
                throw fail("« \(url.path) » n'a pas de table de carreaux de l'INSEE (colonnes idcar_200m ou idcar_1km, et ind).")
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(code: .sql, message: "« \(url.path) » n'est pas un GeoPackage lisible.", cause: error)
        }
    }
}
