/// Members a caller adds to a FeatureCollection's object, around its `features`
/// (`numberMatched`, `numberReturned`, `timeStamp`, `links` of OGC API – Features).
///
/// Each call writes one member, `,"key":value`; keys are escaped like any JSON string.
public struct JSONMembers {
    var out: OutputBuffer

    init(out: OutputBuffer) {
        self.out = out
    }

    /// A string member.
    public mutating func string(_ key: String, _ value: String) {
        self.key(key)
        out.appendJSONString(value)
    }

    /// An integer member.
    public mutating func number(_ key: String, _ value: Int) {
        self.key(key)
        if value < 0 { out.append(UInt8(ascii: "-")) }
        out.appendDigits(UInt64(value.magnitude), width: 1)
    }

    /// A number rounded to at most `fractionDigits` decimals (0 to 9); `null` when not finite.
    public mutating func number(_ key: String, _ value: Double, fractionDigits: Int = 6) {
        self.key(key)
        if !out.appendDecimal(value, fractionDigits: min(max(fractionDigits, 0), 9)) { out.append("null") }
    }

    /// A member whose value is JSON text written as it is (an array of links made with
    /// `JSONEncoder`, say): the caller answers for its validity.
    public mutating func json(_ key: String, _ jsonText: String) {
        self.key(key)
        out.append(utf8: jsonText)
    }

    private mutating func key(_ key: String) {
        out.append(UInt8(ascii: ","))
        out.appendJSONString(key)
        out.append(UInt8(ascii: ":"))
    }
}
