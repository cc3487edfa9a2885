import LieuxModel

/// A cell cast to its field's Table Schema type.
public enum CellValue: Sendable, Equatable {
    case string(String)
    case number(Double)
    case integer(Int)
    case date(CalendarDate)
    case boolean(Bool)

    /// Casts `text` as frictionless 5 does with the default options, or returns `nil`
    /// (a `type-error`).
    ///
    /// - number: Python's `Decimal(text.strip())`: sign, digits with `_` between them, a
    ///   point, an exponent, and `Infinity`/`NaN`; no decimal comma, no thousands separator.
    /// - integer: Python's `int(text)`.
    /// - date: `strptime(text, "%Y-%m-%d")`: four-digit year, one- or two-digit month and day.
    /// - boolean: `true`, `True`, `TRUE`, `1`, `false`, `False`, `FALSE`, `0`.
    public static func cast(_ text: String, as type: FieldType) -> CellValue? {
        switch type {
        case .string, .any:
            return .string(text)
        case .number:
            return parseDecimal(text).map(CellValue.number)
        case .integer:
            return parseInteger(text).map(CellValue.integer)
        case .date:
            return CalendarDate(iso: text).map(CellValue.date)
        case .boolean:
            switch text {
            case "true", "True", "TRUE", "1": return .boolean(true)
            case "false", "False", "FALSE", "0": return .boolean(false)
            default: return nil
            }
        }
    }

    /// A number in Python's `Decimal` syntax, surrounded by any whitespace.
    static func parseDecimal(_ text: String) -> Double? {
        let trimmed = text.trimmingPythonWhitespace()
        guard !trimmed.isEmpty else { return nil }
        var bytes = Array(trimmed.utf8)[...]
        var sign = 1.0
        if let first = bytes.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            if first == UInt8(ascii: "-") { sign = -1 }
            bytes = bytes.dropFirst()
        }
        switch String(decoding: bytes, as: UTF8.self).lowercased() {
        case "inf", "infinity": return sign * .infinity
        case "nan", "snan": return .nan
        default: break
        }
        guard let mantissaEnd = Self.scanDigits(&bytes, allowEmpty: true) else { return nil }
        var digits = mantissaEnd
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            guard let fraction = Self.scanDigits(&bytes, allowEmpty: true) else { return nil }
            guard !(digits.isEmpty && fraction.isEmpty) else { return nil }
            digits += "." + fraction
        } else if digits.isEmpty {
            return nil
        }
        if let e = bytes.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            var exponent = "e"
            if let s = bytes.first, s == UInt8(ascii: "+") || s == UInt8(ascii: "-") {
                exponent.append(Character(UnicodeScalar(s)))
                bytes = bytes.dropFirst()
            }
            guard let value = Self.scanDigits(&bytes, allowEmpty: false) else { return nil }
            digits += exponent + value
        }
        guard bytes.isEmpty, let value = Double(digits) else { return nil }
        return sign * value
    }

    /// Reads ASCII digits with single underscores between them (Python's literal rule).
    private static func scanDigits(_ bytes: inout ArraySlice<UInt8>, allowEmpty: Bool) -> String? {
        var out = ""
        var lastWasDigit = false
        while let b = bytes.first {
            if b >= 48 && b <= 57 {
                out.append(Character(UnicodeScalar(b)))
                lastWasDigit = true
            } else if b == UInt8(ascii: "_") && lastWasDigit, bytes.count > 1,
                let next = bytes.dropFirst().first, next >= 48 && next <= 57
            {
                lastWasDigit = false
            } else {
                break
            }
            bytes = bytes.dropFirst()
        }
        if out.isEmpty && !allowEmpty { return nil }
        return out
    }

    /// An integer in Python's `int()` syntax, surrounded by any whitespace.
    static func parseInteger(_ text: String) -> Int? {
        var bytes = Array(text.trimmingPythonWhitespace().utf8)[...]
        var negative = false
        if let first = bytes.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            negative = first == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        guard let digits = scanDigits(&bytes, allowEmpty: false), bytes.isEmpty, let value = Int(digits) else {
            return nil
        }
        return negative ? -value : value
    }
}

extension String {
    /// The text without the leading and trailing whitespace Python's `str.strip()` removes.
    func trimmingPythonWhitespace() -> String {
        guard let first = unicodeScalars.first, let last = unicodeScalars.last,
            first.properties.isWhitespace || last.properties.isWhitespace
                || first.value == 0x1C || last.value == 0x1F
        else { return self }
        let scalars = unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        func isSpace(_ s: Unicode.Scalar) -> Bool { s.properties.isWhitespace || (0x1C...0x1F).contains(s.value) }
        while start < end && isSpace(scalars[start]) { start = scalars.index(after: start) }
        while end > start && isSpace(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        return String(scalars[start..<end])
    }
}
