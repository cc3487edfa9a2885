import Foundation
import LieuxModel
import LieuxSchema

/// Venues to write, and ways to read back what was written.
enum Fixtures {
    /// The fields written as JSON arrays.
    static let multiValued: Set<Lieu.Field> = [
        .typologie, .courriels, .siteWeb, .itinerance, .services, .publicsSpecifiquementAdresses,
        .priseEnChargeSpecifique, .fraisACharge, .dispositifProgrammesNationaux, .formationsLabels,
        .modalitesAcces, .modalitesAccompagnement,
    ]

    /// A venue with its required fields only, and no coordinates.
    static func minimal(id: String = "lieu-1", nom: String = "Médiathèque de la Part-Dieu") -> Lieu {
        Lieu(
            id: Lieu.ID(rawValue: id)!, pivot: Pivot(rawValue: "21690123100011")!, nom: nom,
            commune: "Lyon", codePostal: CodePostal(rawValue: "69003")!,
            adresse: "30 boulevard Marius Vivier Merle", dateMaj: CalendarDate(year: 2024, month: 3, day: 7)!)
    }

    /// A venue with every field of the standard filled, several values in each multi-valued one.
    static func full(id: String = "lieu-complet") -> Lieu {
        var lieu = minimal(id: id)
        lieu.codeINSEE = CodeINSEE(rawValue: "69383")
        lieu.complementAdresse = "2e étage, salle « Numérique »"
        lieu.coordinates = Coordinates(latitude: 45.760799, longitude: 4.857569)
        lieu.typologies = [.bib, .epn, Typologie(rawValue: "RELAIS_LECTURE")]
        lieu.telephone = Telephone(rawValue: "+33478620018")
        lieu.courriels = [Courriel(verbatim: "contact@bm-lyon.fr"), Courriel(verbatim: "numerique@bm-lyon.fr")]
        lieu.sitesWeb = [WebAddress(verbatim: "https://www.bm-lyon.fr"), WebAddress(verbatim: "https://numerique.bm-lyon.fr/?a=1&b=2")]
        lieu.horaires = "Tu-Fr 10:00-19:00; Sa 10:00-18:00"
        lieu.presentationResume = "Ateliers \"découverte\", accès libre; aide aux démarches"
        lieu.presentationDetail = "Première ligne\nDeuxième ligne,\tavec une tabulation\r\nfin"
        lieu.source = "Ville de Lyon"
        lieu.itinerance = MultiValue(Itinerance.allCases)
        lieu.structureParente = "Bibliothèque municipale de Lyon"
        lieu.dateMaj = CalendarDate(year: 2023, month: 1, day: 9)!
        lieu.services = MultiValue(Service.allCases)
        lieu.publicsSpecifiquementAdresses = MultiValue(PublicSpecifiquementAdresse.allCases)
        lieu.priseEnChargeSpecifique = MultiValue(PriseEnChargeSpecifique.allCases)
        lieu.fraisACharge = MultiValue(FraisACharge.allCases)
        lieu.dispositifProgrammesNationaux = MultiValue(DispositifProgrammeNational.allCases)
        lieu.formationsLabels = MultiValue(FormationLabel.allCases)
        lieu.autresFormationsLabels = "Label maison"
        lieu.modalitesAcces = MultiValue(ModaliteAcces.allCases)
        lieu.modalitesAccompagnement = MultiValue(ModaliteAccompagnement.allCases)
        lieu.ficheAccesLibre = WebAddress(verbatim: "https://acceslibre.beta.gouv.fr/app/69-lyon/a/bibliotheque/erp/bm-part-dieu/")
        lieu.priseRdv = WebAddress(verbatim: "https://rdv.bm-lyon.fr")
        return lieu
    }

    /// Parses JSON bytes with Foundation.
    static func json(_ bytes: some Sequence<UInt8>) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(bytes), options: [])
    }

    /// Parses a JSON object.
    static func object(_ bytes: some Sequence<UInt8>) throws -> [String: Any] {
        guard let object = try json(bytes) as? [String: Any] else { throw Failure("pas un objet JSON") }
        return object
    }

    /// The venues of CSV bytes, read with the project's reader: labels mapped to fields,
    /// rows that do not make a `Lieu` reported in `failures`.
    static func lieux(csv reader: inout CSVRowReader) throws -> (lieux: [Lieu], failures: [Int]) {
        let columns = reader.labels.map { Lieu.Field(rawValue: $0) }
        var lieux: [Lieu] = []
        var failures: [Int] = []
        while let row = try reader.nextRow() {
            let lieu = try? Lieu { field in
                guard let index = columns.firstIndex(of: field), index < row.cells.count else { return nil }
                return row.cells[index]
            }
            if let lieu { lieux.append(lieu) } else { failures.append(row.number) }
        }
        return (lieux, failures)
    }

    /// The venues of CSV bytes.
    static func lieux(csv bytes: [UInt8]) throws -> [Lieu] {
        var reader = try CSVRowReader(data: Data(bytes))
        let read = try lieux(csv: &reader)
        guard read.failures.isEmpty else { throw Failure("lignes illisibles : \(read.failures)") }
        return read.lieux
    }

    /// The venues of the combined ANCT file.
    static func realLieux() throws -> (lieux: [Lieu], failures: [Int]) {
        var reader = try CSVRowReader(url: SharedData.url(SharedData.combinedCSV))
        return try lieux(csv: &reader)
    }

    /// The records of a CSV text, by RFC 4180, as simply as can be: to check what the
    /// project's reader might forgive.
    static func records(csv bytes: [UInt8]) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var cell: [UInt8] = []
        var quoted = false
        var index = 0
        func endCell() {
            record.append(String(decoding: cell, as: UTF8.self))
            cell = []
        }
        while index < bytes.count {
            let byte = bytes[index]
            if quoted {
                if byte == 0x22 {
                    if index + 1 < bytes.count, bytes[index + 1] == 0x22 {
                        cell.append(0x22)
                        index += 1
                    } else {
                        quoted = false
                    }
                } else {
                    cell.append(byte)
                }
            } else if byte == 0x22 && cell.isEmpty {
                quoted = true
            } else if byte == 0x2C {
                endCell()
            } else if byte == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A {
                endCell()
                records.append(record)
                record = []
                index += 1
            } else if byte == 0x0A {
                endCell()
                records.append(record)
                record = []
            } else {
                cell.append(byte)
            }
            index += 1
        }
        if !cell.isEmpty || !record.isEmpty {
            endCell()
            records.append(record)
        }
        return records
    }
}
