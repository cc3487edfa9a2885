import LieuxModel

/// A property venues can be selected by, with a query parameter of the same name.
struct Queryable: Sendable {
    var name: String
    var title: String
    var description: String
    /// The values of a closed vocabulary, if it is one.
    var values: [String]?
    /// Whether a venue holds several values (the parameter then matches any of them).
    var multiple: Bool
    /// A regular expression the values follow, for open vocabularies with a form.
    var pattern: String?
}

/// The queryables of the collection (OGC API – Features Part 3): the ten vocabulary fields
/// of the standard, then the codes and the import source.
enum Queryables {
    static let all: [Queryable] = [
        vocabulary(Service.self, "Services", "Services d'inclusion numérique proposés."),
        vocabulary(PublicSpecifiquementAdresse.self, "Publics spécifiquement adressés", "Publics auxquels le lieu s'adresse en particulier."),
        vocabulary(PriseEnChargeSpecifique.self, "Prise en charge spécifique", "Handicaps et situations pris en charge."),
        vocabulary(FraisACharge.self, "Frais à charge", "Ce que coûte l'accompagnement."),
        vocabulary(Itinerance.self, "Itinérance", "Le lieu est fixe ou itinérant."),
        vocabulary(ModaliteAcces.self, "Modalités d'accès", "Comment accéder au service (se présenter, téléphoner, courriel…)."),
        vocabulary(ModaliteAccompagnement.self, "Modalités d'accompagnement", "Seul, avec de l'aide, dans un atelier, à la place de la personne."),
        vocabulary(DispositifProgrammeNational.self, "Dispositifs et programmes nationaux", "Programmes nationaux dont le lieu fait partie."),
        vocabulary(FormationLabel.self, "Formations et labels", "Formations et labels des aidants du lieu."),
        Queryable(
            name: Lieu.Field.typologie.rawValue, title: "Typologie",
            description: "Type de structure (codes data·inclusion : EPN, BIB, RFS…).",
            values: Typologie.known.map(\.rawValue), multiple: true),
        Queryable(
            name: "code_postal", title: "Code postal", description: "Code postal de l'adresse (cinq chiffres).",
            multiple: false, pattern: "^[0-9]{5}$"),
        Queryable(
            name: "code_insee", title: "Code INSEE", description: "Code officiel géographique de la commune.",
            multiple: false, pattern: "^([013-9][0-9]|2[AB0-9])[0-9]{3}$"),
        Queryable(
            name: "departement", title: "Département", description: "Code du département de la commune (51, 2A, 974).",
            values: Departement.all.map(\.code), multiple: false),
        Queryable(
            name: "source", title: "Source d'import",
            description: "Nom de la source d'import du lieu (propriété source_import des lieux ; le champ source du standard garde son sens).",
            multiple: false),
    ]

    private static func vocabulary<V: Vocabulary>(_ type: V.Type, _ title: String, _ description: String) -> Queryable {
        Queryable(name: V.field.rawValue, title: title, description: description, values: V.labels, multiple: true)
    }

    /// The JSON Schema (2020-12) of the queryables, with `$id` its address.
    static func schema(id: String) -> JSONValue {
        var properties: [JSONValue.Member] = all.map { queryable in
            var value: JSONValue = ["title": .string(queryable.title), "description": .string(queryable.description)]
            var item: JSONValue = ["type": "string"]
            if let values = queryable.values { item.append("enum", .strings(values)) }
            if let pattern = queryable.pattern { item.append("pattern", .string(pattern)) }
            if queryable.multiple {
                value.append("type", "array")
                value.append("items", item)
            } else if case .object(let members) = item {
                for member in members { value.append(member.key, member.value) }
            }
            return JSONValue.Member(key: queryable.name, value: value)
        }
        properties.insert(
            JSONValue.Member(key: "geometry", value: ["title": "Position", "format": "geometry-point"]), at: 0)
        return [
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": .string(id),
            "type": "object",
            "title": "Lieux de médiation numérique",
            "description": "Critères de recherche : chacun est un paramètre de /collections/lieux/items ; des valeurs séparées par des virgules sont des alternatives.",
            "properties": .object(properties),
            "additionalProperties": false,
        ]
    }
}
