import Foundation
import LieuxModel

/// A correspondence file drafted from a producer's file (`lieux correspondance proposer`), for
/// a person to check: each standard field given the producer's column whose name says it,
/// the days' and half-days' columns of the opening hours, and, for the vocabularies, each
/// producer value matched to a label of the standard (1.0, or 0.1 which the standard's
/// migration knows), the others listed in comments to be filled in.
public struct CorrespondanceDraft {
    /// Words that name each field in producers' files (folded: no accents, lower case).
    static let synonyms: [String: [String]] = [
        "id": ["id", "identifiant", "bfc id", "id fs", "id lieu", "uid"],
        "pivot": ["siret", "pivot", "siren siret", "numero siret"],
        "nom": ["nom", "nom du lieu", "nom de la structure", "nom structure", "lib fs", "libelle", "raison sociale", "nom du lieu ou de la structure"],
        "commune": ["commune", "ville", "lib com", "localite", "adresse commune", "nom commune"],
        "code_postal": ["code postal", "cp", "adresse code postal", "codepostal"],
        "code_insee": ["code insee", "insee", "insee com", "code commune", "adresse code insee", "cog"],
        "adresse": ["adresse", "adresse postale", "adresse rue", "voie", "rue", "adresse brut"],
        "complement_adresse": ["complement adresse", "complement d adresse", "complement"],
        "latitude": ["latitude", "lat", "bf latitude", "y"],
        "longitude": ["longitude", "lon", "lng", "long", "bf longitude", "x"],
        "typologie": ["typologie", "type", "type de lieu", "type lieu", "code typo", "nature"],
        "telephone": ["telephone", "tel", "contact tel", "contact telephone", "numero de telephone"],
        "courriels": ["courriel", "courriels", "email", "e mail", "mail", "contact email", "adresse mail"],
        "site_web": ["site web", "site", "url", "web", "contact web", "url lieu", "site internet"],
        "horaires": ["horaires", "horaires osm", "opening hours", "horaires ouverture osm"],
        "presentation_resume": ["description", "presentation", "presentation resume", "commentaire", "informations diverses"],
        "presentation_detail": ["presentation detail", "description detaillee"],
        "source": ["source"],
        "itinerance": ["itinerance", "itinerant"],
        "structure_parente": ["structure porteuse", "structure parente", "groupe"],
        "date_maj": ["date maj", "date de mise a jour", "mise a jour", "datetime latest", "derniere mise a jour"],
        "services": ["services", "service", "accompagnements proposes"],
        "publics_specifiquement_adresses": ["publics", "public cible", "publics accueillis", "public"],
        "prise_en_charge_specifique": ["accessibilite", "prise en charge specifique", "handicap"],
        "frais_a_charge": ["tarifs", "tarif", "frais", "cout", "frais a charge"],
        "dispositif_programmes_nationaux": ["labels", "labellisation", "dispositifs", "code label", "dispositif"],
        "formations_labels": ["formations labels"],
        "modalites_acces": ["modalites acces", "acces"],
        "modalites_accompagnement": ["modalites accompagnement", "code accomp", "accompagnement"],
        "prise_rdv": ["prise rdv", "rendez vous", "rdv"],
    ]

    /// What a producer's file shows: its columns and a sample of its rows.
    public struct Sample {
        public var labels: [String]
        public var rows: [[String?]]
        public var place: String

        public init(labels: [String], rows: [[String?]], place: String) {
            self.labels = labels
            self.rows = rows
            self.place = place
        }
    }

    /// The draft, as YAML text with French comments.
    public static func yaml(for sample: Sample) -> String {
        let folded = sample.labels.map(ValueFolding.fold)
        var used = Set<Int>()
        var lines = [
            "# Fichier de correspondance proposé par « lieux correspondance proposer » pour",
            "# « \(sample.place) ». C'est un brouillon : vérifiez chaque ligne, complétez ce qui est",
            "# marqué « à compléter », puis : lieux convertir FICHIER --correspondance CE_FICHIER.yml",
            "version: 1",
        ]
        // Opening hours by day or half-day, found by their names.
        var days: [(String, String)] = []
        var halves: [(String, String)] = []
        for (index, name) in folded.enumerated() {
            for day in Correspondance.Weekday7.allCases {
                let words = name.split(separator: " ").map(String.init)
                guard words.contains(day.rawValue) || words.contains("h \(day.rawValue)") || name == "h \(day.rawValue)" else { continue }
                if words.contains("matin") {
                    halves.append(("\(day.rawValue)_matin", sample.labels[index])); used.insert(index)
                } else if words.contains("apres") || words.contains("midi") {
                    halves.append(("\(day.rawValue)_apres_midi", sample.labels[index])); used.insert(index)
                } else if words.count <= 2 {
                    days.append((day.rawValue, sample.labels[index])); used.insert(index)
                }
            }
        }
        var columns: [(String, String)] = []
        for field in Self.fieldOrder {
            guard field != "horaires" || (days.isEmpty && halves.isEmpty) else { continue }
            let names = synonyms[field] ?? [field]
            var best: (index: Int, score: Int)?
            for (index, name) in folded.enumerated() where !used.contains(index) {
                let score: Int
                if name == ValueFolding.fold(field) || names.contains(name) {
                    score = 3
                } else if names.contains(where: { $0.count > 3 && name.hasPrefix($0 + " ") }) {
                    score = 2
                } else if names.contains(where: { $0.count > 4 && name.contains($0) }) {
                    score = 1
                } else {
                    continue
                }
                if best == nil || score > best!.score { best = (index, score) }
            }
            if let best {
                used.insert(best.index)
                columns.append((field, sample.labels[best.index]))
            }
        }
        lines.append("colonnes:")
        for (field, column) in columns { lines.append("  \(field): \(quoted(column))") }
        let unused = sample.labels.enumerated().filter { !used.contains($0.offset) }.map(\.element)
        if !unused.isEmpty {
            lines.append("  # colonnes du fichier non reprises : " + unused.map { "« \($0) »" }.joined(separator: ", "))
        }
        let mapped = Set(columns.map(\.0))
        lines.append("constantes:")
        if !mapped.contains("source") { lines.append("  source: \(quoted(URL(fileURLWithPath: sample.place).deletingPathExtension().lastPathComponent))") }
        if !mapped.contains("date_maj") { lines.append("  # date_maj: AAAA-MM-JJ   # à compléter : la date de mise à jour des données") }
        if !mapped.contains("pivot") { lines.append("  pivot: \"00000000000000\"   # pas de colonne SIRET : valeur de remplissage du standard") }
        if !mapped.contains("id") { lines.append("identifiants: empreinte   # pas de colonne d'identifiant : une empreinte du nom, de l'adresse et de la commune") }
        // Values of the vocabulary columns.
        var valueLines: [String] = []
        for (field, column) in columns {
            guard let known = Self.knownLabels[field], let index = sample.labels.firstIndex(of: column) else { continue }
            var counts: [String: Int] = [:]
            for row in sample.rows where index < row.count {
                for piece in Self.pieces(row[index] ?? "") { counts[piece, default: 0] += 1 }
            }
            var proposed: [(String, String)] = []
            var missing: [(String, Int)] = []
            for (value, count) in counts.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }) {
                let key = ValueFolding.fold(value)
                if let label = known[key] {
                    if label != value { proposed.append((value, label)) }
                } else if let label = Self.closest(key, in: known) {
                    proposed.append((value, label))
                } else {
                    missing.append((value, count))
                }
            }
            guard !proposed.isEmpty || !missing.isEmpty else { continue }
            valueLines.append("  \(field):")
            for (value, label) in proposed { valueLines.append("    \(quoted(value)): \(quoted(label))") }
            for (value, count) in missing.prefix(30) {
                valueLines.append("    # \(quoted(value)): \"\"   # à compléter (\(count) fois) : un libellé du standard, ou rien")
            }
        }
        if !valueLines.isEmpty {
            lines.append("valeurs:")
            lines += valueLines
        }
        if !days.isEmpty || !halves.isEmpty {
            lines.append("horaires:")
            if !halves.isEmpty {
                lines.append("  demi_journees:")
                for (half, column) in halves { lines.append("    \(half): \(quoted(column))") }
            } else {
                lines.append("  jours:")
                for (day, column) in days { lines.append("    \(day): \(quoted(column))") }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static let fieldOrder = [
        "id", "pivot", "nom", "code_postal", "code_insee", "commune", "adresse", "complement_adresse", "latitude", "longitude",
        "typologie", "telephone", "courriels", "site_web", "horaires", "presentation_resume", "presentation_detail", "source",
        "itinerance", "structure_parente", "date_maj", "services", "publics_specifiquement_adresses", "prise_en_charge_specifique",
        "frais_a_charge", "dispositif_programmes_nationaux", "formations_labels", "modalites_acces", "modalites_accompagnement", "prise_rdv",
    ]

    /// Labels each vocabulary field knows, folded: the standard's (1.0) and those of 0.1.
    static let knownLabels: [String: [String: String]] = {
        var known: [String: [String: String]] = [:]
        func add<V: Vocabulary & RawRepresentable>(_ type: V.Type, _ old: [String: V]) where V.RawValue == String {
            var table: [String: String] = [:]
            for label in V.labels { table[ValueFolding.fold(label)] = label }
            for (label, value) in old { table[ValueFolding.fold(label)] = value.rawValue }
            known[V.field.rawValue] = table
        }
        add(Service.self, MigrationV01.services)
        add(ModaliteAccompagnement.self, MigrationV01.modalitesAccompagnement)
        add(FraisACharge.self, MigrationV01.fraisACharge)
        add(PublicSpecifiquementAdresse.self, MigrationV01.publicsSpecifiquementAdresses)
        add(PriseEnChargeSpecifique.self, MigrationV01.priseEnChargeSpecifique)
        add(DispositifProgrammeNational.self, MigrationV01.dispositifProgrammesNationaux)
        add(FormationLabel.self, MigrationV01.formationsLabels)
        add(ModaliteAcces.self, [:])
        add(Itinerance.self, [:])
        return known
    }()

    /// A standard label whose words are nearly all in `key` (or the reverse): « aide aux
    /// demarches » for « aide demarches administratives en ligne ».
    static func closest(_ key: String, in known: [String: String]) -> String? {
        let stop: Set<String> = ["de", "des", "du", "la", "le", "les", "et", "a", "aux", "au", "en", "l", "d", "un", "une", "pour"]
        let words = Set(key.split(separator: " ").map(String.init)).subtracting(stop)
        guard !words.isEmpty else { return nil }
        var best: (String, Double)?
        for (folded, label) in known {
            let other = Set(folded.split(separator: " ").map(String.init)).subtracting(stop)
            guard !other.isEmpty else { continue }
            let shared = Double(words.intersection(other).count)
            let score = shared / Double(min(words.count, other.count))
            if score >= 0.75, shared >= 2 || (words.count == 1 && other.count == 1), best == nil || score > best!.1 { best = (label, score) }
        }
        return best?.0
    }

    static func pieces(_ cell: String) -> [String] {
        cell.split(whereSeparator: { "|;,\n".contains($0) })
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: "\""))) }
            .filter { !$0.isEmpty && $0.count < 200 }
    }

    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
