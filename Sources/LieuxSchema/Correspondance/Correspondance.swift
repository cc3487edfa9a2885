import Foundation
import Yams

/// How a producer's file maps to the standard: its columns, constant values, its own labels
/// for the vocabularies, where its opening hours are. Read from a YAML file
/// (`--correspondance C.yml`); see README, « Fichiers de producteurs ».
public struct Correspondance: Sendable, Equatable {
    /// How to read the file itself.
    public var sheet: SheetSelection?
    public var encoding: TextEncodingChoice
    /// The delimiter of a CSV file's cells; `nil` detects it.
    public var delimiter: UInt8?
    /// Standard field → the producer's columns (several are joined by a space).
    public var columns: [String: [String]]
    /// Standard field → the same value on every row.
    public var constants: [String: String]
    /// Standard field → producer value (folded) → standard value(s), `|` between several.
    public var values: [String: [String: String]]
    /// How ids are made when the file has no id column.
    public var ids: IdentifierRule?
    public var hours: HoursColumns

    public enum IdentifierRule: String, Sendable, Equatable {
        /// `ligne-12`: the row's number in the file.
        case numeroDeLigne = "numero_de_ligne"
        /// A stable hash of the name, the address and the commune.
        case empreinte
    }

    /// Where the opening hours are, tried in this order.
    public struct HoursColumns: Sendable, Equatable {
        public var osm: String?
        public var text: String?
        public var days: [Weekday7: String] = [:]
        public var halfDays: [String: String] = [:]
        public var ranges: [Weekday7: [String]] = [:]
        public var week: String?

        var isEmpty: Bool { osm == nil && text == nil && days.isEmpty && halfDays.isEmpty && ranges.isEmpty }
    }

    /// The days, as the YAML names them.
    public enum Weekday7: String, Sendable, CaseIterable {
        case lundi, mardi, mercredi, jeudi, vendredi, samedi, dimanche
    }

    /// Reads a correspondence file; every problem is a French message naming the key.
    public static func read(_ url: URL) throws(CorrespondanceError) -> Correspondance {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw CorrespondanceError("Le fichier de correspondance « \(url.path) » ne peut pas être lu (introuvable, ou pas en UTF-8).")
        }
        return try parse(text, place: url.lastPathComponent)
    }

    public static func parse(_ text: String, place: String = "correspondance") throws(CorrespondanceError) -> Correspondance {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            throw CorrespondanceError("« \(place) » n'est pas un YAML valide : \(error)")
        }
        guard let root = node?.mapping else {
            throw CorrespondanceError("« \(place) » doit être un dictionnaire YAML (version, colonnes, constantes…).")
        }
        var c = Correspondance(sheet: nil, encoding: .auto, delimiter: nil, columns: [:], constants: [:], values: [:], ids: nil, hours: HoursColumns())
        let known: Set<String> = ["version", "fichier", "colonnes", "constantes", "valeurs", "identifiants", "horaires"]
        for (key, _) in root {
            guard let name = key.string, known.contains(name) else {
                throw CorrespondanceError("« \(place) » : la clé « \(key.string ?? "?") » est inconnue (clés : \(known.sorted().joined(separator: ", "))).")
            }
        }
        if let version = root["version"], version.string != "1" {
            throw CorrespondanceError("« \(place) » : seule la version 1 des fichiers de correspondance est connue (version: 1).")
        }
        let fieldNames = ((try? SchemaVersion.current.schema)?.fields ?? []).map(\.name)
        let fields = Set(fieldNames)
        func field(_ key: Node, in section: String) throws(CorrespondanceError) -> String {
            guard let name = key.string, fields.contains(name) else {
                throw CorrespondanceError("« \(place) », \(section) : « \(key.string ?? "?") » n'est pas un champ du standard 1.0.2 (champs : \(fieldNames.joined(separator: ", "))).")
            }
            return name
        }
        if let file = root["fichier"]?.mapping {
            if let sheet = file["feuille"]?.string { c.sheet = SheetSelection(sheet) }
            if let encoding = file["encodage"]?.string {
                guard let choice = TextEncodingChoice(rawValue: encoding.lowercased()) else {
                    throw CorrespondanceError("« \(place) », fichier.encodage : « \(encoding) » n'est pas un encodage connu (auto, utf-8, windows-1252, iso-8859-1).")
                }
                c.encoding = choice
            }
            if let separator = file["separateur"]?.string, separator != "auto" {
                let names: [String: UInt8] = [",": 0x2C, ";": 0x3B, "tab": 0x09, "\t": 0x09, "|": 0x7C]
                guard let byte = names[separator] else {
                    throw CorrespondanceError("« \(place) », fichier.separateur : « \(separator) » n'est pas un séparateur connu (auto, « , », « ; », « | » ou tab).")
                }
                c.delimiter = byte
            }
            for (key, _) in file where !["feuille", "encodage", "separateur"].contains(key.string ?? "") {
                throw CorrespondanceError("« \(place) », fichier : la clé « \(key.string ?? "?") » est inconnue (feuille, encodage, separateur).")
            }
        }
        if let columns = root["colonnes"]?.mapping {
            for (key, value) in columns {
                let name = try field(key, in: "colonnes")
                if let single = value.string {
                    c.columns[name] = [single]
                } else if let list = value.sequence {
                    c.columns[name] = list.compactMap(\.string)
                } else {
                    throw CorrespondanceError("« \(place) », colonnes.\(name) : indiquez une colonne du fichier, ou une liste de colonnes.")
                }
            }
        }
        if let constants = root["constantes"]?.mapping {
            for (key, value) in constants {
                c.constants[try field(key, in: "constantes")] = value.string ?? ""
            }
        }
        if let values = root["valeurs"]?.mapping {
            for (key, table) in values {
                let name = try field(key, in: "valeurs")
                guard let pairs = table.mapping else {
                    throw CorrespondanceError("« \(place) », valeurs.\(name) : indiquez un dictionnaire « valeur du fichier: valeur du standard ».")
                }
                var map: [String: String] = [:]
                for (from, to) in pairs { map[ValueFolding.fold(from.string ?? "")] = to.string ?? "" }
                c.values[name] = map
            }
        }
        if let ids = root["identifiants"]?.string {
            guard let rule = IdentifierRule(rawValue: ids) else {
                throw CorrespondanceError("« \(place) », identifiants : « \(ids) » est inconnu (numero_de_ligne ou empreinte).")
            }
            c.ids = rule
        }
        if let hours = root["horaires"]?.mapping {
            c.hours.osm = hours["osm"]?.string
            c.hours.text = hours["texte"]?.string
            c.hours.week = hours["semaine"]?.string
            for (key, value) in hours["jours"]?.mapping ?? [:] {
                guard let day = key.string.flatMap(Weekday7.init(rawValue:)), let column = value.string else {
                    throw CorrespondanceError("« \(place) », horaires.jours : « \(key.string ?? "?") » n'est pas un jour (lundi … dimanche).")
                }
                c.hours.days[day] = column
            }
            for (key, value) in hours["demi_journees"]?.mapping ?? [:] {
                guard let half = key.string, let column = value.string,
                    Weekday7.allCases.contains(where: { half == "\($0.rawValue)_matin" || half == "\($0.rawValue)_apres_midi" })
                else {
                    throw CorrespondanceError("« \(place) », horaires.demi_journees : « \(key.string ?? "?") » n'est pas une demi-journée (lundi_matin, lundi_apres_midi…).")
                }
                c.hours.halfDays[half] = column
            }
            for (key, value) in hours["plages"]?.mapping ?? [:] {
                guard let day = key.string.flatMap(Weekday7.init(rawValue:)), let list = value.sequence else {
                    throw CorrespondanceError("« \(place) », horaires.plages : « \(key.string ?? "?") » : un jour (lundi … dimanche) et la liste de ses colonnes d'heures.")
                }
                c.hours.ranges[day] = list.compactMap(\.string)
            }
        }
        if c.columns["horaires"] != nil && !c.hours.isEmpty {
            throw CorrespondanceError("« \(place) » : les horaires sont donnés deux fois (colonnes.horaires et horaires:) : gardez l'un des deux.")
        }
        return c
    }

    /// Every producer column the correspondence names.
    var namedColumns: [String] {
        var names = columns.values.flatMap { $0 }
        names += [hours.osm, hours.text, hours.week].compactMap { $0 }
        names += hours.days.values
        names += hours.halfDays.values
        names += hours.ranges.values.flatMap { $0 }
        return names
    }
}

/// A correspondence file that cannot be used.
public struct CorrespondanceError: Error, Sendable, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

/// Producer values and column names compared without accents, case, punctuation nor
/// repeated spaces.
enum ValueFolding {
    static func fold(_ text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: Locale(identifier: "fr_FR"))
        var out = ""
        var space = false
        for scalar in folded.unicodeScalars {
            if CharacterSet.alphanumerics.contains(scalar) {
                if space && !out.isEmpty { out.append(" ") }
                space = false
                out.unicodeScalars.append(scalar)
            } else {
                space = true
            }
        }
        return out
    }
}
