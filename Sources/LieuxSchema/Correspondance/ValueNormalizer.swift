import Foundation

/// Values of producers' files written in the standard's form, when there is no doubt about
/// what they mean: `04 91 00 00 00` → `+33491000000`, `02/03/2021` → `2021-03-02`, `4000` →
/// `04000`, `45,123` → `45.123`, `www.exemple.fr` → `https://www.exemple.fr`. Anything else is
/// kept as it is, for the validator to judge. An empty result means « no value » (`http://`).
enum ValueNormalizer {
    static func normalize(_ text: String, field: FieldDescriptor) -> String {
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        switch field.name {
        case "telephone": return phone(value) ?? value
        case "code_postal", "code_insee":
            return value.count == 4 && value.allSatisfy(\.isNumber) ? "0" + value : value
        case "date_maj": return date(value) ?? value
        case "latitude", "longitude":
            let dotted = value.replacingOccurrences(of: ",", with: ".")
            return Double(dotted) != nil ? dotted : value
        case "pivot":
            let digits = value.filter { !$0.isWhitespace && $0 != "." }
            return digits.count == 14 && digits.allSatisfy(\.isNumber) ? digits : value
        case "site_web":
            let parts = split(value).compactMap(web)
            return parts.joined(separator: field.isMultiValued ? "|" : "")
        case "courriels":
            let parts = split(value).map { $0.lowercased() }.filter { $0.contains("@") }
            return field.isMultiValued ? parts.joined(separator: "|") : (parts.first ?? "")
        default:
            return value
        }
    }

    private static func split(_ value: String) -> [String] {
        value.split(whereSeparator: { " ;,|\n".contains($0) }).map(String.init).filter { !$0.isEmpty }
    }

    private static func web(_ value: String) -> String? {
        let lower = value.lowercased()
        if lower == "http://" || lower == "https://" || lower == "http:" { return nil }
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") { return value }
        if lower.hasPrefix("www.") || (lower.contains(".") && !lower.contains("@") && !lower.contains(" ")) { return "https://" + value }
        return value
    }

    /// Overseas numbers by their national prefix.
    private static let overseas: [(String, String)] = [
        ("0590", "+590"), ("0690", "+590"), ("0594", "+594"), ("0694", "+594"), ("0262", "+262"), ("0692", "+262"),
        ("0693", "+262"), ("0596", "+596"), ("0696", "+596"), ("0269", "+262"), ("0639", "+262"),
    ]

    /// A French number in the standard's international form: `04 91 00 00 00`, `04.91.00.00.00`,
    /// `+33 4 91 00 00 00`, `0033491000000`; the first of several numbers.
    static func phone(_ value: String) -> String? {
        let first = value.split(whereSeparator: { "/;,\n".contains($0) || $0 == "|" }).first.map(String.init) ?? value
        var digits = first.filter { $0.isNumber || $0 == "+" }
        if digits.hasPrefix("0033") { digits = "+33" + digits.dropFirst(4) }
        if digits.hasPrefix("+33"), digits.count == 13, digits.dropFirst(3).first == "0" { digits = "+33" + digits.dropFirst(4) }
        if digits.hasPrefix("+") { return digits.count >= 9 && digits.dropFirst().allSatisfy(\.isNumber) ? digits : nil }
        // A number that lost its leading 0 (a JSON number, a spreadsheet's cell): 475582913.
        // Nine digits that begin like the code of New Caledonia, Wallis-et-Futuna or
        // Saint-Pierre-et-Miquelon (+687 123456) could be either: left as they are.
        if digits.count == 9, digits.first != "0", digits.allSatisfy(\.isNumber), !SheetRepair.ambiguousPhonePrefixes.contains(String(digits.prefix(3))) {
            return "+33" + digits
        }
        guard digits.count == 10, digits.first == "0", digits.allSatisfy(\.isNumber) else { return nil }
        if let code = overseas.first(where: { digits.hasPrefix($0.0) })?.1 {
            return code + digits.dropFirst()
        }
        return "+33" + digits.dropFirst()
    }

    /// `02/03/2021`, `2/3/2021`, `02/03/2021 14:29:42`, `2021-03-02T10:00:00` → `2021-03-02`.
    static func date(_ value: String) -> String? {
        let day = value.split(separator: " ").first.map(String.init) ?? value
        if day.count >= 10, day.dropFirst(4).first == "-", let iso = day.split(separator: "T").first, iso.count == 10 {
            return String(iso)
        }
        let parts = day.split(separator: "/").compactMap { Int($0) }
        guard parts.count == 3, (1...31).contains(parts[0]), (1...12).contains(parts[1]), parts[2] > 1900 else { return nil }
        return String(format: "%04d-%02d-%02d", parts[2], parts[1], parts[0])
    }
}
