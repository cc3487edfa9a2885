import Foundation
import LieuxModel

/// The fields of one venue sent to the write routes: a GeoJSON Feature (its `properties`,
/// and its Point for `longitude` and `latitude` when they are not among them) or a flat
/// object of the standard's fields. Arrays are the values of a multi-valued field (`a|b`),
/// texts or numbers; `null` empties a field (for a merge patch). Members that exports add
/// (`source_import`, `distance`) are left out.
struct VenueBody {
    /// The fields, by the standard's names; a `nil` value empties the field.
    var fields: [String: String?]

    /// Members written by exports, never fields of the standard.
    static let readOnly: Set<String> = ["source_import", "distance"]

    /// `whole`: the body is the whole venue (create, replace), so that a Feature must have its
    /// `geometry` member (RFC 7946: `null` for no position); a patch leaves out what it keeps.
    init(_ data: Data, whole: Bool) throws(Problem) {
        guard let object = (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) as? [String: Any] else {
            throw Problem.invalidBody("Le corps doit être un objet JSON : une Feature GeoJSON, ou un objet des champs du standard.")
        }
        if let type = object["type"], type as? String != "Feature" {
            throw Problem.invalidBody("Le « type » du corps est « \(type) » : un lieu s'envoie comme une Feature GeoJSON (\"type\": \"Feature\"), ou comme un objet des champs du standard, sans « type ».")
        }
        var fields: [String: String?] = [:]
        let properties: [String: Any]
        // A Feature, or a merge patch shaped like one (`{"properties": {…}}`).
        if object["type"] as? String == "Feature" || object["properties"] is [String: Any] {
            guard let given = object["properties"] as? [String: Any] ?? (object["properties"] is NSNull ? [:] : nil) else {
                throw Problem.invalidBody("Les « properties » de la Feature doivent être un objet des champs du standard.")
            }
            properties = given
            if whole && object["type"] == nil {
                throw Problem.invalidBody("Le corps a des « properties » mais pas de \"type\": \"Feature\" : envoyez une Feature GeoJSON entière, ou un objet des champs du standard.")
            }
            if whole && object["geometry"] == nil {
                throw Problem.invalidBody("La Feature n'a pas de membre « geometry » : écrivez son Point, ou \"geometry\": null pour un lieu sans position (RFC 7946).")
            }
            if let geometry = object["geometry"] as? [String: Any] {
                guard geometry["type"] as? String == "Point", let position = geometry["coordinates"] as? [Any], position.count >= 2,
                    let longitude = jsonNumber(position[0]), let latitude = jsonNumber(position[1])
                else {
                    throw Problem.invalidBody("La géométrie d'un lieu doit être un Point GeoJSON : {\"type\": \"Point\", \"coordinates\": [longitude, latitude]}.")
                }
                fields["longitude"] = Self.text(longitude)
                fields["latitude"] = Self.text(latitude)
            } else if object["geometry"] is NSNull {
                fields["longitude"] = .some(nil)
                fields["latitude"] = .some(nil)
            } else if object["geometry"] != nil {
                throw Problem.invalidBody("La géométrie d'un lieu doit être un Point GeoJSON, ou null pour un lieu sans position.")
            }
            switch object["id"] {
            case nil, is NSNull, is String: break
            case let number as NSNumber where jsonNumber(number) != nil: break
            default: throw Problem.invalidBody("L'« id » d'une Feature est un texte ou un nombre (RFC 7946).")
            }
            if let id = object["id"] as? String, properties["id"] == nil { fields["id"] = id }
        } else {
            properties = object
        }
        for (name, value) in properties where !Self.readOnly.contains(name) {
            fields[name] = try Self.cell(value, name: name)
        }
        self.fields = fields
    }

    /// The fields that have a value (for a create or a replace).
    var values: [String: String] { fields.compactMapValues { $0 } }

    private static func cell(_ value: Any, name: String) throws(Problem) -> String? {
        switch value {
        case is NSNull: return nil
        case let text as String: return text
        case let number as NSNumber:
            // JSON's true and false arrive as NSNumbers too: no field of the standard is a boolean.
            guard let value = jsonNumber(number) else {
                throw Problem.invalidBody("La propriété « \(name) » vaut true ou false : aucun champ du standard n'est un booléen, écrivez un texte.")
            }
            return text(value)
        case let list as [Any]:
            if let field = Lieu.Field(rawValue: name), !field.isMultiValued {
                throw Problem.invalidBody("La propriété « \(name) » n'a qu'une valeur : écrivez un texte, pas une liste.")
            }
            var parts: [String] = []
            for element in list {
                guard element is String || element is NSNumber else {
                    throw Problem.invalidBody("La liste « \(name) » ne peut contenir que des textes ou des nombres : ni null, ni liste, ni objet.")
                }
                if let part = try cell(element, name: name) { parts.append(part) }
            }
            return parts.joined(separator: "|")
        default:
            throw Problem.invalidBody("La propriété « \(name) » doit être un texte, un nombre ou une liste de textes.")
        }
    }

    private static func text(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
    }
}
