import Foundation

/// The fields of one venue sent to the write routes: a GeoJSON Feature (its `properties`,
/// and its Point for `longitude` and `latitude` when they are not among them) or a flat
/// object of the standard's fields. Arrays are multiple values (`a|b`); `null` empties a
/// field (for a merge patch). Members that exports add (`source_import`, `distance`) are
/// left out.
struct VenueBody {
    /// The fields, by the standard's names; a `nil` value empties the field.
    var fields: [String: String?]

    /// Members written by exports, never fields of the standard.
    static let readOnly: Set<String> = ["source_import", "distance"]

    init(_ data: Data) throws(Problem) {
        guard let object = (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) as? [String: Any] else {
            throw Problem.invalidBody("Le corps doit être un objet JSON : une Feature GeoJSON, ou un objet des champs du standard.")
        }
        var fields: [String: String?] = [:]
        let properties: [String: Any]
        // A Feature, or a merge patch shaped like one (`{"properties": {…}}`).
        if object["type"] as? String == "Feature" || object["properties"] is [String: Any] {
            guard let given = object["properties"] as? [String: Any] ?? (object["properties"] is NSNull ? [:] : nil) else {
                throw Problem.invalidBody("Les « properties » de la Feature doivent être un objet des champs du standard.")
            }
            properties = given
            if let geometry = object["geometry"] as? [String: Any] {
                guard geometry["type"] as? String == "Point", let position = geometry["coordinates"] as? [Any], position.count >= 2,
                    let longitude = (position[0] as? NSNumber)?.doubleValue, let latitude = (position[1] as? NSNumber)?.doubleValue
                else {
                    throw Problem.invalidBody("La géométrie d'un lieu doit être un Point GeoJSON : {\"type\": \"Point\", \"coordinates\": [longitude, latitude]}.")
                }
                fields["longitude"] = Self.text(longitude)
                fields["latitude"] = Self.text(latitude)
            } else if object["geometry"] is NSNull {
                fields["longitude"] = .some(nil)
                fields["latitude"] = .some(nil)
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
            // JSON's true and false arrive as NSNumbers of type "c" (char).
            if String(cString: number.objCType) == "c" { return number.boolValue ? "true" : "false" }
            return text(number.doubleValue)
        case let list as [Any]:
            var parts: [String] = []
            for element in list {
                guard let part = try cell(element, name: name) else { continue }
                parts.append(part)
            }
            return parts.joined(separator: "|")
        default:
            throw Problem.invalidBody("La propriété « \(name) » doit être un texte, un nombre, un booléen ou une liste de textes.")
        }
    }

    private static func text(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
    }
}
