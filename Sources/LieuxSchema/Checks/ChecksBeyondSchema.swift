import LieuxModel
import OpeningHours

/// The checks a schema cannot express, run on every row and reported as warnings:
/// positions, identifiers, dates, codes, vocabularies and opening hours that are well formed
/// but wrong or doubtful.
struct ChecksBeyondSchema {
    private let today: CalendarDate
    private let separator: Character
    /// Schema field index of each field name the checks read.
    private let fieldIndex: [String: Int]
    private var hoursMemo: [ExactText: OpeningHoursVerdict] = [:]
    /// The positions of the fields read on every row.
    private let pivot, codeInsee, codePostal, latitude, longitude, commune, dateMaj, typologie, horaires: Int?

    /// The margin around a département's bounding box, in degrees (about 5 km).
    static let departementMargin = 0.05

    init(schema: TableSchema, today: CalendarDate) {
        var fieldIndex: [String: Int] = [:]
        for (index, field) in schema.fields.enumerated() { fieldIndex[field.name] = index }
        self.fieldIndex = fieldIndex
        (pivot, codeInsee, codePostal) = (fieldIndex["pivot"], fieldIndex["code_insee"], fieldIndex["code_postal"])
        (latitude, longitude, commune) = (fieldIndex["latitude"], fieldIndex["longitude"], fieldIndex["commune"])
        (dateMaj, typologie, horaires) = (fieldIndex["date_maj"], fieldIndex["typologie"], fieldIndex["horaires"])
        self.today = today
        separator = schema.multiValueSeparator.first ?? "|"
    }

    /// The warnings of one row. Fields with a schema error are not checked again.
    mutating func check(values: [String?], erroneous: FieldSet, row: Int, columnOfField: [Int?]) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        func value(_ field: Int?) -> String? {
            guard let field, !erroneous.contains(field), let v = values[field], !v.isEmpty else { return nil }
            return v
        }
        func warn(_ code: IssueCode, _ name: String, cell: String?, note: String, _ message: String, suggestion: String? = nil) {
            issues.append(ValidationIssue(
                type: code.rawValue, severity: .warning, rowNumber: row, fieldName: name,
                fieldNumber: fieldIndex[name].flatMap { columnOfField[$0] }.map { $0 + 1 },
                cell: cell, note: note, message: "Ligne \(row) : " + message, suggestion: suggestion))
        }

        // Identifiers
        if let text = value(pivot), let p = Pivot(rawValue: text) {
            if p.isPlaceholder {
                warn(.pivotFictif, "pivot", cell: text, note: "placeholder pivot",
                     "le pivot « \(text) » est une valeur de remplissage, pas un SIRET : renseignez le SIRET de la structure (annuaire-entreprises.data.gouv.fr).")
            } else if p.hasValidChecksum == false {
                warn(.siretInvalide, "pivot", cell: text, note: "Luhn checksum fails",
                     "le \(p.kind == .siren ? "SIREN" : "SIRET") « \(text) » n'a pas une clé de contrôle valide (algorithme de Luhn) : vérifiez les chiffres.")
            }
        }

        // Codes
        let insee = value(codeInsee).flatMap(CodeINSEE.init(rawValue:))
        let postal = value(codePostal).flatMap(CodePostal.init(rawValue:))
        let inseeDepartement = insee?.departement
        if let insee, inseeDepartement == nil {
            warn(.departementInconnu, "code_insee", cell: insee.rawValue, note: "unknown département",
                 "le code INSEE « \(insee.rawValue) » ne commence par aucun code de département connu : vérifiez-le.")
        }
        let postalDepartements = postal?.departements ?? []
        if let insee, let inseeDepartement, let postal, !postalDepartements.isEmpty,
            !postalDepartements.contains(inseeDepartement)
        {
            let names = postalDepartements.map { "\($0.code) (\($0.nom))" }.joined(separator: ", ")
            warn(.codePostalInseeIncoherents, "code_insee", cell: insee.rawValue,
                 note: "code_postal \(postal.rawValue) is in \(postalDepartements.map(\.code).joined(separator: "/")), code_insee \(insee.rawValue) in \(inseeDepartement.code)",
                 "le code postal « \(postal.rawValue) » est celui du département \(names), mais le code INSEE « \(insee.rawValue) » désigne une commune du département \(inseeDepartement.code) (\(inseeDepartement.nom)) : l'un des deux est faux (le code INSEE n'est pas le code postal).")
        }

        // Position
        let lat = value(latitude).flatMap { CellValue.parseDecimal($0) }
        let lon = value(longitude).flatMap { CellValue.parseDecimal($0) }
        if (lat == nil) != (lon == nil), erroneous.isDisjoint(with: FieldSet([latitude, longitude].compactMap { $0 })) {
            warn(.coordonneesIncompletes, lat == nil ? "latitude" : "longitude", cell: nil, note: "only one coordinate",
                 "seule la \(lat == nil ? "longitude" : "latitude") est renseignée : il faut les deux, ou aucune.")
        }
        if let lat, let lon {
            let cell = "\(value(latitude)!), \(value(longitude)!)"
            if abs(lat) < 1e-9 && abs(lon) < 1e-9 {
                warn(.coordonneesNulles, "latitude", cell: cell, note: "(0, 0)",
                     "les coordonnées valent (0, 0), un point du golfe de Guinée : ce sont des coordonnées par défaut. Renseignez la position réelle ou laissez les cellules vides.")
            } else if let position = Coordinates(latitude: lat, longitude: lon), Territoire.containing(latitude: lat, longitude: lon) != nil {
                // When the codes disagree, either may be the right one: the position is
                // only doubtful if it fits neither.
                var expected: [Departement] = []
                for departement in postalDepartements + (inseeDepartement.map { [$0] } ?? []) where !expected.contains(departement) {
                    expected.append(departement)
                }
                expected.sort { $0.code < $1.code }
                if !expected.isEmpty,
                    !expected.contains(where: { $0.bounds.expanded(by: Self.departementMargin).contains(latitude: lat, longitude: lon) })
                {
                    let place = value(commune).map { "de « \($0) » " } ?? ""
                    let names = expected.map { "\($0.code) (\($0.nom))" }.joined(separator: " ou ")
                    let elsewhere = Departement.all
                        .filter { $0.bounds.contains(latitude: lat, longitude: lon) }
                        .min { a, b in Self.centre(of: a.bounds).distance(to: position) < Self.centre(of: b.bounds).distance(to: position) }
                    let hint = elsewhere.map { " ; elles tombent plutôt dans le département \($0.code) (\($0.nom))" } ?? ""
                    warn(.coordonneesHorsDepartement, "latitude", cell: cell,
                         note: "outside the bounding box of département \(expected.map(\.code).joined(separator: "/"))",
                         "les coordonnées (\(cell)) sont loin de la commune \(place)du département \(names)\(hint). Vérifiez la position (latitude et longitude) ou l'adresse.")
                }
            } else if Coordinates(latitude: lon, longitude: lat) != nil, Territoire.containing(latitude: lon, longitude: lat) != nil {
                warn(.coordonneesInversees, "latitude", cell: cell, note: "latitude and longitude swapped",
                     "la latitude et la longitude semblent inversées : (\(value(longitude)!), \(value(latitude)!)) tombe en France.",
                     suggestion: "latitude=\(value(longitude)!), longitude=\(value(latitude)!)")
            } else {
                warn(.coordonneesHorsFrance, "latitude", cell: cell, note: "outside France and its overseas territories",
                     "les coordonnées (\(cell)) sont hors de France (métropole et outre-mer) : vérifiez-les ; la latitude vient en premier, en degrés décimaux WGS 84.")
            }
        }

        // Date
        if let text = value(dateMaj), let date = CalendarDate(iso: text) {
            if date > today {
                warn(.dateMajFuture, "date_maj", cell: text, note: "after \(today)",
                     "la date de mise à jour \(date) est dans le futur : indiquez la date de la dernière mise à jour réelle.")
            } else if date.year < 2000 {
                let epoch = date.year == 1969 || date.year == 1970
                warn(.dateMajAncienne, "date_maj", cell: text, note: "before 2000",
                     "la date de mise à jour \(date) est antérieure à 2000" + (epoch ? " (c'est la date zéro des horloges informatiques : une date par défaut, pas une vraie mise à jour)" : "") + " : indiquez la date de la dernière mise à jour réelle.")
            }
        }

        // Typologie
        if let text = value(typologie) {
            for code in text.split(separator: separator) {
                let trimmed = code.trimmed(newlines: false)
                guard !trimmed.isEmpty, !Typologie(rawValue: trimmed).isKnown else { continue }
                let close = Typologie.known.first { $0.rawValue.uppercased() == trimmed.uppercased().replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: " ", with: "_") }
                warn(.typologieInconnue, "typologie", cell: text, note: "unknown code \(trimmed)",
                     "la typologie « \(trimmed) » n'est pas un code du référentiel data·inclusion (ex. EPN, BIB, TIERS_LIEUX, RFS, CCAS, ASSO, MUNI, FABLAB)" + (close.map { " ; vouliez-vous dire « \($0.rawValue) » ?" } ?? "."),
                     suggestion: close?.rawValue)
            }
        }

        // Opening hours
        if let text = value(horaires) {
            let verdict = hoursVerdict(text)
            if case .invalid(let error, let suggestion) = verdict {
                warn(.horairesInvalides, "horaires", cell: text, note: "position \(error.position): \(error.expected)",
                     "les horaires « \(FieldHints.excerpt(text)) » ne suivent pas la syntaxe OpenStreetMap opening_hours : \(error.message)" + (suggestion.map { " Proposition : « \($0) »." } ?? ""),
                     suggestion: suggestion)
            }
        }
        return issues
    }

    private static func centre(of bounds: GeoBounds) -> Coordinates {
        Coordinates(
            latitude: (bounds.minLatitude + bounds.maxLatitude) / 2,
            longitude: (bounds.minLongitude + bounds.maxLongitude) / 2)!
    }

    private enum OpeningHoursVerdict {
        case valid
        case invalid(OpeningHoursError, suggestion: String?)
    }

    private mutating func hoursVerdict(_ text: String) -> OpeningHoursVerdict {
        if let known = hoursMemo[ExactText(text)] { return known }
        let verdict: OpeningHoursVerdict
        do {
            _ = try OpeningHours(parsing: text)
            verdict = .valid
        } catch {
            verdict = .invalid(error, suggestion: OpeningHours.suggestCorrection(for: text))
        }
        if hoursMemo.count > 10_000 { hoursMemo.removeAll(keepingCapacity: true) }
        hoursMemo[ExactText(text)] = verdict
        return verdict
    }
}
