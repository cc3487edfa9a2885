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
    /// - number: Python's `Decimal(text.strip())`: sign, digits, a point, an exponent, and
    ///   `Infinity`/`NaN`; underscores are dropped wherever they are, any Unicode decimal digit
    ///   counts (`١٢` is 12); no decimal comma, no thousands separator.
    /// - integer: Python's `int(text)`, Unicode decimal digits included; at most `Int.max`
    ///   (Python has no limit).
    /// - date: `strptime(text, "%Y-%m-%d")`: four-digit year, one- or two-digit month and day,
    ///   or a space and one digit for the day (`2023-05- 1`).
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
            return parseDate(text).map(CellValue.date)
        case .boolean:
            switch text {
            case "true", "True", "TRUE", "1": return .boolean(true)
            case "false", "False", "FALSE", "0": return .boolean(false)
            default: return nil
            }
        }
    }

    /// A number as Python's `Decimal(text)` reads it, surrounded by any whitespace.
    ///
    /// Decimal strips the whitespace, drops every underscore wherever it is (`_1`, `1__0`),
    /// reads any Unicode decimal digit as its ASCII digit, then follows the General Decimal
    /// Arithmetic syntax: sign, digits with an optional point, an exponent; `Inf`, `Infinity`,
    /// `NaN` and `sNaN` in any case, a NaN with an optional payload of digits (`NaN12`). The
    /// exponent must fit the exact context Python builds a decimal in.
    static func parseDecimal(_ text: String) -> Double? {
        if let plain = plainDecimal(text) { return plain }
        var ascii: [UInt8] = []
        for scalar in text.trimmingPythonWhitespace().unicodeScalars where scalar != "_" {
            if let digit = decimalDigit(scalar) {
                ascii.append(48 + digit)
            } else if scalar.isASCII && scalar.value != 0 {
                ascii.append(UInt8(scalar.value))
            } else {
                return nil
            }
        }
        var bytes = ascii[...]
        var sign = 1.0
        if let first = bytes.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            if first == UInt8(ascii: "-") { sign = -1 }
            bytes = bytes.dropFirst()
        }
        let word = String(decoding: bytes, as: UTF8.self).lowercased()
        if word == "inf" || word == "infinity" { return sign * .infinity }
        for nan in ["nan", "snan"] where word.hasPrefix(nan) {
            return word.utf8.dropFirst(nan.utf8.count).allSatisfy(isASCIIDigit) ? .nan : nil
        }
        let integerDigits = bytes.prefix(while: isASCIIDigit)
        bytes = bytes.dropFirst(integerDigits.count)
        var fractionDigits = bytes.prefix(0)
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            fractionDigits = bytes.prefix(while: isASCIIDigit)
            bytes = bytes.dropFirst(fractionDigits.count)
        }
        guard !(integerDigits.isEmpty && fractionDigits.isEmpty) else { return nil }
        var exponent = 0
        if let e = bytes.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            var negative = false
            if let s = bytes.first, s == UInt8(ascii: "+") || s == UInt8(ascii: "-") {
                negative = s == UInt8(ascii: "-")
                bytes = bytes.dropFirst()
            }
            let digits = bytes.prefix(while: isASCIIDigit)
            // An exponent beyond 64 bits is far outside the limits checked below.
            guard !digits.isEmpty, let value = Int(String(decoding: digits, as: UTF8.self)) else { return nil }
            bytes = bytes.dropFirst(digits.count)
            exponent = negative ? -value : value
        }
        guard bytes.isEmpty else { return nil }
        // Python builds the decimal exactly, in libmpdec's largest context: the exponent of the
        // last digit may not go below Etiny, nor that of the first significant digit above Emax.
        let significant = (integerDigits + fractionDigits).drop(while: { $0 == UInt8(ascii: "0") }).count
        let (last, overflow) = exponent.subtractingReportingOverflow(fractionDigits.count)
        guard !overflow, last >= Self.decimalEtiny, last <= Self.decimalEmax - max(0, significant - 1) else { return nil }
        let digits = (integerDigits.isEmpty ? "0" : String(decoding: integerDigits, as: UTF8.self)) + "."
            + (fractionDigits.isEmpty ? "0" : String(decoding: fractionDigits, as: UTF8.self)) + "e\(exponent)"
        guard let value = Double(digits) else { return nil }
        return sign * value
    }

    /// The value of the commonest numbers, `45.123456` or `-1.5` (ASCII digits, one point at
    /// most, a leading minus), which need none of the general path's care; `nil` otherwise.
    /// Coordinates made the general path an eighth of a validation.
    static func plainDecimal(_ text: String) -> Double? {
        let utf8 = text.utf8
        guard utf8.count <= 40 else { return nil }
        var digits = false, point = false, first = true
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits = true
            case UInt8(ascii: ".") where !point: point = true
            case UInt8(ascii: "-") where first: break
            default: return nil
            }
            first = false
        }
        return digits ? Double(text) : nil
    }

    /// libmpdec's `MPD_MAX_EMAX` (64-bit), the largest exponent of a decimal's first digit.
    static let decimalEmax = 999_999_999_999_999_999
    /// libmpdec's smallest exponent of a decimal's last digit, `MPD_MIN_EMIN - (MPD_MAX_PREC - 1)`.
    static let decimalEtiny = -1_999_999_999_999_999_997

    /// The value of a Unicode decimal digit (general category `Nd`: `7`, `٧`, `７`…), which
    /// Python's `int()`, `Decimal()` and `re`'s `\d` all accept; `nil` for anything else.
    static func decimalDigit(_ scalar: Unicode.Scalar) -> UInt8? {
        if scalar.isASCII {
            return scalar.value >= 48 && scalar.value <= 57 ? UInt8(scalar.value - 48) : nil
        }
        guard scalar.properties.numericType == .decimal, let value = scalar.properties.numericValue else { return nil }
        return UInt8(value)
    }

    private static func isASCIIDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }

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

    /// An integer in Python's `int()` syntax, surrounded by any whitespace; any Unicode
    /// decimal digit counts, as in Python.
    static func parseInteger(_ text: String) -> Int? {
        var ascii: [UInt8] = []
        for scalar in text.trimmingPythonWhitespace().unicodeScalars {
            if let digit = decimalDigit(scalar) {
                ascii.append(48 + digit)
            } else if scalar.isASCII {
                ascii.append(UInt8(scalar.value))
            } else {
                return nil
            }
        }
        var bytes = ascii[...]
        var sign = ""
        if let first = bytes.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            if first == UInt8(ascii: "-") { sign = "-" }
            bytes = bytes.dropFirst()
        }
        // The sign goes with the digits so that `Int.min` is read too.
        guard let digits = scanDigits(&bytes, allowEmpty: false), bytes.isEmpty else { return nil }
        return Int(sign + digits)
    }

    /// A date as Python's `strptime(text, "%Y-%m-%d")` reads it: the whole text must match
    /// `(\d\d\d\d)-(1[0-2]|0[1-9]|[1-9])-(3[0-1]|[1-2]\d|0[1-9]|[1-9]| [1-9])`, where `\d` is
    /// any Unicode decimal digit, and be a day of the calendar. So `2023-5-1` and `2023-05- 1`
    /// are dates, ` 2023-05-01` and `2023-05-01 ` are not.
    static func parseDate(_ text: String) -> CalendarDate? {
        let s = Array(text.unicodeScalars)
        guard s.count >= 8, s[4] == "-", let dash = s[5...].firstIndex(of: "-") else { return nil }
        var year = 0
        for scalar in s[0..<4] {
            guard let digit = decimalDigit(scalar) else { return nil }
            year = year * 10 + Int(digit)
        }
        func value(_ scalar: Unicode.Scalar, in range: ClosedRange<Unicode.Scalar>) -> Int? {
            range.contains(scalar) ? Int(scalar.value) - 48 : nil
        }
        let m = Array(s[5..<dash]), d = Array(s[(dash + 1)...])
        let month: Int?
        switch m.count {
        case 1: month = value(m[0], in: "1"..."9")
        case 2 where m[0] == "1": month = value(m[1], in: "0"..."2").map { 10 + $0 }
        case 2 where m[0] == "0": month = value(m[1], in: "1"..."9")
        default: month = nil
        }
        let day: Int?
        switch d.count {
        case 1: day = value(d[0], in: "1"..."9")
        case 2 where d[0] == "3": day = value(d[1], in: "0"..."1").map { 30 + $0 }
        case 2 where d[0] == "1" || d[0] == "2": day = decimalDigit(d[1]).map { (Int(d[0].value) - 48) * 10 + Int($0) }
        case 2 where d[0] == "0" || d[0] == " ": day = value(d[1], in: "1"..."9")
        default: day = nil
        }
        guard let month, let day else { return nil }
        return CalendarDate(year: year, month: month, day: day)
    }
}

extension String {
    /// The text without the leading and trailing whitespace Python's `str.strip()` removes.
    func trimmingPythonWhitespace() -> String {
        func isSpace(_ s: Unicode.Scalar) -> Bool { s.properties.isWhitespace || (0x1C...0x1F).contains(s.value) }
        guard let first = unicodeScalars.first, let last = unicodeScalars.last, isSpace(first) || isSpace(last)
        else { return self }
        let scalars = unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end && isSpace(scalars[start]) { start = scalars.index(after: start) }
        while end > start && isSpace(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        return String(scalars[start..<end])
    }
}
