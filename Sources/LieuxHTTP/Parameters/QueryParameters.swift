import Foundation

/// The parameters of a query string, decoded, in their order (`+` is a space, `%XX` a byte
/// of UTF-8), and encoded back for links that keep them.
struct QueryParameters: Sendable, Equatable {
    struct Pair: Sendable, Equatable {
        var name: String
        var value: String
    }

    private(set) var pairs: [Pair]

    init(_ pairs: [Pair] = []) {
        self.pairs = pairs
    }

    /// Decodes a query string (without `?`); a badly encoded name or value is a 400.
    init(query: String?) throws(Problem) {
        pairs = []
        guard let query, !query.isEmpty else { return }
        for part in query.split(separator: "&", omittingEmptySubsequences: true) {
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = try Self.decode(pieces[0], whole: part)
            let value = pieces.count > 1 ? try Self.decode(pieces[1], whole: part) : ""
            guard !name.isEmpty else { continue }
            pairs.append(Pair(name: name, value: value))
        }
    }

    /// `+` as a space, `%XX` as the byte XX, the bytes read as UTF-8; without Foundation,
    /// whose `removingPercentEncoding` goes through `NSString` (a tenth of a page's time).
    private static func decode(_ text: Substring, whole: Substring) throws(Problem) -> String {
        let utf8 = text.utf8
        guard utf8.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "+") }) else { return String(text) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var index = utf8.startIndex
        var valid = true
        while index < utf8.endIndex {
            let byte = utf8[index]
            index = utf8.index(after: index)
            switch byte {
            case UInt8(ascii: "+"):
                bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard index < utf8.endIndex, let high = hexValue(utf8[index]) else {
                    valid = false
                    break
                }
                index = utf8.index(after: index)
                guard index < utf8.endIndex, let low = hexValue(utf8[index]) else {
                    valid = false
                    break
                }
                index = utf8.index(after: index)
                bytes.append(high << 4 | low)
            default:
                bytes.append(byte)
            }
            if !valid { break }
        }
        guard valid, let decoded = String(validating: bytes, as: UTF8.self) else {
            throw Problem.invalidParameter(
                String(whole.prefix { $0 != "=" }),
                "Le paramètre « \(whole) » est mal encodé : un « % » doit être suivi de deux chiffres hexadécimaux d'UTF-8 (%C3%A9 pour « é »).")
        }
        return decoded
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// The names present, once each, in order.
    var names: [String] {
        var seen = Set<String>()
        return pairs.map(\.name).filter { seen.insert($0).inserted }
    }

    /// Whether the parameter is present.
    func contains(_ name: String) -> Bool { pairs.contains { $0.name == name } }

    /// Every value of a parameter, in order.
    func values(_ name: String) -> [String] { pairs.filter { $0.name == name }.map(\.value) }

    /// The value of a parameter that may appear once; given twice, it is a 400.
    func single(_ name: String) throws(Problem) -> String? {
        let values = values(name)
        guard values.count <= 1 else {
            throw Problem.invalidParameter(name, "Le paramètre « \(name) » est donné \(values.count) fois ; donnez-le une seule fois.")
        }
        return values.first
    }

    /// The parameters with `name` set to `value` (in place of its first occurrence, or at the
    /// end), or removed when `value` is `nil`.
    func setting(_ name: String, to value: String?) -> QueryParameters {
        var result: [Pair] = []
        var placed = false
        for pair in pairs {
            if pair.name == name {
                if !placed, let value { result.append(Pair(name: name, value: value)) }
                placed = true
            } else {
                result.append(pair)
            }
        }
        if !placed, let value { result.append(Pair(name: name, value: value)) }
        return QueryParameters(result)
    }

    /// The query string, encoded; empty when there is no parameter.
    var encoded: String {
        pairs.map { Self.encode($0.name) + "=" + Self.encode($0.value) }.joined(separator: "&")
    }

    /// Percent-encodes the UTF-8 bytes of `text`, except the unreserved characters and `,` `:`
    /// `/`, which read better in links. Byte by byte: Foundation's `addingPercentEncoding`
    /// cost 5 % of a page of results.
    static func encode(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: "/"):
                bytes.append(byte)
            default:
                bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
