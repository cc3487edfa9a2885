import Foundation

/// Deterministic files of venues that are valid against the standard 1.0.2, in any number:
/// the 32 columns in the schema's order, Luhn-valid SIRETs, postal and INSEE codes of real
/// communes with coordinates inside their département, labels of the standard's
/// vocabularies, `date_maj` in the past. Validating one gives no error and no warning.
///
/// Venue `n` has the id `lieu-nnnnnn`. A venue's fields depend on a `revision`: from one
/// revision to the next, one venue in three changes (its `nom` and `date_maj`), so that
/// importing revision 2 over revision 1 updates a third of the common venues.
public struct GeneratedVenues: Sendable {
    /// The venues' numbers, in file order.
    public var numbers: [Int]
    public var revision = 1
    /// The length of `presentation_detail`, to make rows as heavy as needed.
    public var detailLength = 200

    public init(_ numbers: some Sequence<Int>, revision: Int = 1, detailLength: Int = 200) {
        self.numbers = Array(numbers)
        self.revision = revision
        self.detailLength = detailLength
    }

    /// The standard's columns, in its order.
    public static let header = [
        "id", "pivot", "nom", "commune", "code_postal", "code_insee", "adresse", "complement_adresse",
        "latitude", "longitude", "typologie", "telephone", "courriels", "site_web", "horaires",
        "presentation_resume", "presentation_detail", "source", "itinerance", "structure_parente",
        "date_maj", "services", "publics_specifiquement_adresses", "prise_en_charge_specifique",
        "frais_a_charge", "dispositif_programmes_nationaux", "formations_labels", "autres_formations_labels",
        "modalites_acces", "modalites_accompagnement", "fiche_acces_libre", "prise_rdv",
    ]

    public struct Commune: Sendable {
        public var nom: String
        public var codePostal: String
        public var codeINSEE: String
        public var latitude: Double
        public var longitude: Double
    }

    public static let communes = [
        Commune(nom: "Reims", codePostal: "51100", codeINSEE: "51454", latitude: 49.2583, longitude: 4.0317),
        Commune(nom: "Paris", codePostal: "75011", codeINSEE: "75111", latitude: 48.8590, longitude: 2.3790),
        Commune(nom: "Lyon", codePostal: "69001", codeINSEE: "69381", latitude: 45.7676, longitude: 4.8344),
        Commune(nom: "Marseille", codePostal: "13001", codeINSEE: "13201", latitude: 43.2999, longitude: 5.3842),
        Commune(nom: "Angoulême", codePostal: "16000", codeINSEE: "16015", latitude: 45.6484, longitude: 0.1562),
        Commune(nom: "Nice", codePostal: "06000", codeINSEE: "06088", latitude: 43.7031, longitude: 7.2661),
        Commune(nom: "Nantes", codePostal: "44000", codeINSEE: "44109", latitude: 47.2184, longitude: -1.5536),
        Commune(nom: "Ajaccio", codePostal: "20000", codeINSEE: "2A004", latitude: 41.9192, longitude: 8.7386),
        Commune(nom: "Fort-de-France", codePostal: "97200", codeINSEE: "97209", latitude: 14.6161, longitude: -61.0588),
    ]
    public static let typologies = ["EPN", "BIB|MUNI", "TIERS_LIEUX", "RFS", "CCAS", "ASSO", "FABLAB|ASSO"]
    public static let horaires = [
        "Mo-Fr 09:00-12:00,14:00-18:00", "Tu-Sa 10:00-18:00", "Mo,We,Fr 14:00-17:30", "Mo-Sa 09:00-19:00; Su off",
    ]
    public static let services = [
        "Aide aux démarches administratives|Maîtrise des outils numériques du quotidien",
        "Accès internet et matériel informatique",
        "Insertion professionnelle via le numérique|Utilisation sécurisée du numérique|Loisirs et créations numériques",
        "Parentalité et éducation avec le numérique|Compréhension du monde numérique",
    ]
    public static let publics = ["", "Seniors", "Jeunes|Étudiants", "Familles et/ou enfants", "Femmes"]
    public static let priseEnCharge = ["", "Surdité", "Handicaps moteurs|Déficience visuelle", "Langues étrangères (anglais)"]
    public static let frais = ["Gratuit", "Gratuit sous condition", "Payant", "Gratuit|Payant"]
    public static let dispositifs = ["", "Conseillers numériques", "France Services|Aidants Connect", "Certification PIX"]
    public static let accesModes = ["Se présenter", "Téléphoner|Contacter par mail", "Prendre un RDV en ligne"]
    public static let accompagnement = ["En autonomie", "Accompagnement individuel|Dans un atelier collectif", "À distance"]

    /// Whether venue `n` has coordinates (six in seven do).
    public static func hasCoordinates(_ n: Int) -> Bool { n % 7 != 3 }

    /// The id of venue `n`.
    public static func id(_ n: Int) -> String {
        let digits = String(n)
        return "lieu-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    /// A SIRET whose Luhn key is right: `2`, twelve digits from `n`, the key.
    public static func siret(_ n: Int) -> String {
        let body = "2" + String(format: "%012d", n % 1_000_000_000_000)
        let digits = body.utf8.map { Int($0) - 48 }
        for key in 0...9 {
            var sum = 0
            for (offset, digit) in (digits + [key]).reversed().enumerated() {
                let d = offset % 2 == 1 ? digit * 2 : digit
                sum += d > 9 ? d - 9 : d
            }
            if sum % 10 == 0 { return body + String(key) }
        }
        fatalError("no Luhn key")
    }

    /// The 32 cells of venue `n` (empty = no value).
    public func cells(_ n: Int) -> [String] {
        let commune = Self.communes[n % Self.communes.count]
        let changed = n % 3 == 0
        let version = changed ? revision : 1
        let located = Self.hasCoordinates(n)
        let latitude = located ? String(format: "%.6f", commune.latitude + Double(n % 97) * 0.0001) : ""
        let longitude = located ? String(format: "%.6f", commune.longitude + Double(n % 89) * 0.0001) : ""
        let month = 1 + (n + version) % 12
        let day = 1 + (n * 7 + version) % 28
        let words = "Ateliers d'initiation, accès libre aux ordinateurs et aide aux démarches en ligne pour tous les publics. "
        var detail = "Lieu \(n) ; révision \(version). "
        while detail.count < detailLength { detail += words }
        return [
            Self.id(n),
            Self.siret(n),
            "Espace numérique \(n)" + (version > 1 ? " (révision \(version))" : ""),
            commune.nom,
            commune.codePostal,
            commune.codeINSEE,
            "\(n % 200 + 1) rue de la République",
            n % 5 == 0 ? "Bâtiment B, 2e étage" : "",
            latitude,
            longitude,
            Self.typologies[n % Self.typologies.count],
            "+331" + String(format: "%08d", n % 100_000_000),
            "contact-\(n)@lieux.example",
            "https://lieux.example/lieux/\(n)",
            Self.horaires[n % Self.horaires.count],
            "Espace de médiation numérique \(n) : ateliers, accès libre, \"aide\" aux démarches.",
            String(detail.prefix(detailLength)),
            "Générateur de tests",
            n % 11 == 0 ? "Itinérant|Fixe" : "Fixe",
            n % 4 == 0 ? "Commune de \(commune.nom)" : "",
            String(format: "2024-%02d-%02d", month, day),
            Self.services[n % Self.services.count],
            Self.publics[n % Self.publics.count],
            Self.priseEnCharge[n % Self.priseEnCharge.count],
            Self.frais[n % Self.frais.count],
            Self.dispositifs[n % Self.dispositifs.count],
            n % 6 == 0 ? "Formé à « Mon Espace Santé »" : "",
            "",
            Self.accesModes[n % Self.accesModes.count],
            Self.accompagnement[n % Self.accompagnement.count],
            n % 9 == 0 ? "https://acceslibre.beta.gouv.fr/app/lieu-\(n)/" : "",
            n % 8 == 0 ? "https://rdv.lieux.example/\(n)" : "",
        ]
    }

    /// How many of the venues have no coordinates.
    public var withoutCoordinates: Int { numbers.count { !Self.hasCoordinates($0) } }

    /// The venues as CSV bytes, each row's cells passed through `change` first; the raw bytes
    /// of `insert` go before the data row of that index (to break a file on purpose).
    public func csv(change: (Int, inout [String]) -> Void = { _, _ in }, insert: [Int: [UInt8]] = [:]) -> [UInt8] {
        var bytes = Array((Self.header.joined(separator: ",") + "\n").utf8)
        for (index, n) in numbers.enumerated() {
            if let raw = insert[index] { bytes += raw }
            var row = cells(n)
            change(n, &row)
            bytes += Array((row.map(Self.quoted).joined(separator: ",") + "\n").utf8)
        }
        return bytes
    }

    /// Writes the venues as CSV (`,`, quotes where needed, `\n`).
    public func writeCSV(to url: URL) throws {
        try write(to: url) { output in
            output += Self.header.joined(separator: ",") + "\n"
            for n in numbers {
                output += cells(n).map(Self.quoted).joined(separator: ",") + "\n"
                try output.flushIfLarge()
            }
        }
    }

    /// Writes the venues as a JSON array of flat objects with the CSV's keys (as the national
    /// cartography publishes them); empty cells are left out.
    public func writeJSON(to url: URL) throws {
        try write(to: url) { output in
            output += "["
            for (index, n) in numbers.enumerated() {
                let members = zip(Self.header, cells(n)).filter { !$0.1.isEmpty }.map { "\(Self.jsonString($0.0)):\(Self.jsonString($0.1))" }
                output += (index == 0 ? "\n" : ",\n") + "{" + members.joined(separator: ",") + "}"
                try output.flushIfLarge()
            }
            output += "\n]\n"
        }
    }

    public static func quoted(_ cell: String) -> String {
        guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    public static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    private func write(to url: URL, _ body: (inout ChunkedOutput) throws -> Void) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        var output = ChunkedOutput(handle: try FileHandle(forWritingTo: url))
        defer { try? output.handle.close() }
        try body(&output)
        try output.flush()
    }

    /// Text written to a file a megabyte at a time.
    public struct ChunkedOutput {
        let handle: FileHandle
        var text = ""

        static func += (output: inout ChunkedOutput, text: String) { output.text += text }

        mutating func flushIfLarge() throws {
            if text.utf8.count > 1 << 20 { try flush() }
        }

        mutating func flush() throws {
            try handle.write(contentsOf: Data(text.utf8))
            text = ""
        }
    }

    /// Départements for tests without the real outlines, as a GeoJSON FeatureCollection: for
    /// each of ten codes, a square that cuts through the generated venues of one commune (they
    /// spread over 0.01° from its centre), or, for 04, 05, 83 and 84, a square beside one.
    public static var squareDepartements: String {
        let centres: [(String, Double, Double)] = [
            ("51", 49.2583, 4.0317), ("13", 43.2999, 5.3842), ("16", 45.6484, 0.1562), ("06", 43.7031, 7.2661),
            ("2A", 41.9192, 8.7386), ("75", 48.8590, 2.3790), ("04", 43.3020, 5.3800), ("05", 45.7700, 4.8400),
            ("83", 43.1000, 6.0000), ("84", 47.2200, -1.5500),
        ]
        let features = centres.map { code, latitude, longitude in
            // Edges between the venues' grid of 0.0001°: a point on an edge is in or out
            // depending on the convention, and these squares test the index, not a convention.
            let (s, w, n, e) = (latitude - 0.00205, longitude - 0.00305, latitude + 0.00505, longitude + 0.00405)
            return #"{"type":"Feature","properties":{"code":"\#(code)","nom":"Département \#(code)"},"geometry":{"type":"Polygon","coordinates":[[[\#(w),\#(s)],[\#(e),\#(s)],[\#(e),\#(n)],[\#(w),\#(n)],[\#(w),\#(s)]]]}}"#
        }
        return #"{"type":"FeatureCollection","features":["# + features.joined(separator: ",") + "]}"
    }
}
