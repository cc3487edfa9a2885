import LieuxModel

extension OutputBuffer {
    /// `value` rounded to at most `fractionDigits` decimals (0 to 9), in its shortest form:
    /// `45.681367`, `4.5`, `45`; never an exponent, never `-0`.
    ///
    /// Rounding is to the nearest, ties to even, on the exact binary value of `value`, as
    /// `printf("%.6f")` does: `0.0078125` (exactly 1/128) gives `0.007812`. Returns `false`,
    /// writing nothing, when `value` is not finite (JSON has no NaN nor infinity).
    @discardableResult
    mutating func appendDecimal(_ value: Double, fractionDigits: Int) -> Bool {
        guard value.isFinite else { return false }
        let scale = Self.doublePowersOfTen[fractionDigits]
        let product = value * scale
        guard abs(product) < 0x1p52 else {
            // So large that the decimals are beyond a Double's precision anyway.
            appendShortestDecimal(value)
            return true
        }
        var rounded = product.rounded(.down)
        let fraction = product - rounded  // exact below 2^52
        if fraction > 0.5 {
            rounded += 1
        } else if fraction == 0.5 {
            // `product` may itself be rounded: its exact error, by a fused multiply-add,
            // says on which side of the tie `value × scale` really is.
            let error = (-product).addingProduct(value, scale)
            if error > 0 || (error == 0 && rounded.truncatingRemainder(dividingBy: 2) != 0) {
                rounded += 1
            }
        }
        appendScaled(Int64(rounded), fractionDigits: fractionDigits)
        return true
    }

    /// The shortest decimal that reads back as exactly `value` (`45.681367`,
    /// `5.6412345678901236`), without exponent, never `-0`: what the CSV export writes, so
    /// that coordinates survive a round trip bit for bit. `value` must be finite.
    mutating func appendShortestDecimal(_ value: Double) {
        if abs(value) < 1e9 {
            // Up to 6 decimals, the common case, without going through a String: if
            // r / 10⁶ (rounded once by IEEE division) is `value`, then so is the decimal
            // r × 10⁻⁶ as a parser rounds it, and no shorter decimal can round to it.
            let rounded = (value * 1e6).rounded()
            if rounded / 1e6 == value {
                appendScaled(Int64(rounded), fractionDigits: 6)
                return
            }
        }
        appendPlain(description: value.description)
    }

    /// `integer × 10^-fractionDigits`, trailing zeros of the decimals removed.
    private mutating func appendScaled(_ integer: Int64, fractionDigits: Int) {
        if integer == 0 {
            append(UInt8(ascii: "0"))
            return
        }
        if integer < 0 { append(UInt8(ascii: "-")) }
        let magnitude = integer.magnitude
        let divisor = Self.integerPowersOfTen[fractionDigits]
        appendDigits(magnitude / divisor, width: 1)
        var decimals = magnitude % divisor
        guard decimals != 0 else { return }
        var width = fractionDigits
        while decimals % 10 == 0 {
            decimals /= 10
            width -= 1
        }
        append(UInt8(ascii: "."))
        appendDigits(decimals, width: width)
    }

    /// The decimal digits of `value`, left-padded with zeros to `width`.
    mutating func appendDigits(_ value: UInt64, width: Int) {
        var length = 1
        var probe = value
        while probe >= 10 {
            probe /= 10
            length += 1
        }
        let total = max(length, width)
        reserve(total)
        var position = count + total
        var rest = value
        for _ in 0..<length {
            position -= 1
            base[position] = UInt8(truncatingIfNeeded: rest % 10) &+ 48
            rest /= 10
        }
        while position > count {
            position -= 1
            base[position] = 48
        }
        count += total
    }

    /// Swift's shortest round-trip text of a Double, with its exponent, if any, written out:
    /// `1.5e-07` → `0.00000015`, `1e+16` → `10000000000000000`; `.0` dropped.
    private mutating func appendPlain(description: String) {
        var negative = false
        var digits: [UInt8] = []
        var pointPosition: Int? = nil
        var exponent = 0
        var exponentSign = 1
        var inExponent = false
        for byte in description.utf8 {
            switch byte {
            case UInt8(ascii: "-") where inExponent: exponentSign = -1
            case UInt8(ascii: "-"): negative = true
            case UInt8(ascii: "+"): break
            case UInt8(ascii: "."): pointPosition = digits.count
            case UInt8(ascii: "e"), UInt8(ascii: "E"): inExponent = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if inExponent { exponent = exponent * 10 + Int(byte - 48) } else { digits.append(byte) }
            default: break
            }
        }
        var point = (pointPosition ?? digits.count) + exponentSign * exponent
        // Leading zeros of the integer part, trailing zeros of the decimals.
        while digits.count > 1, digits.first == 48, point > 0 {
            digits.removeFirst()
            point -= 1
        }
        while let last = digits.last, last == 48, digits.count > max(point, 0) {
            digits.removeLast()
        }
        if digits.isEmpty || digits.allSatisfy({ $0 == 48 }) {
            append(UInt8(ascii: "0"))
            return
        }
        if negative { append(UInt8(ascii: "-")) }
        if point <= 0 {
            append(UInt8(ascii: "0"))
            append(UInt8(ascii: "."))
            append(contentsOf: repeatElement(48, count: -point))
            append(contentsOf: digits)
        } else if point >= digits.count {
            append(contentsOf: digits)
            append(contentsOf: repeatElement(48, count: point - digits.count))
        } else {
            append(contentsOf: digits[..<point])
            append(UInt8(ascii: "."))
            append(contentsOf: digits[point...])
        }
    }

    /// `YYYY-MM-DD`.
    mutating func appendDate(_ date: CalendarDate) {
        appendDigits(UInt64(date.year), width: 4)
        append(UInt8(ascii: "-"))
        appendDigits(UInt64(date.month), width: 2)
        append(UInt8(ascii: "-"))
        appendDigits(UInt64(date.day), width: 2)
    }

    static let doublePowersOfTen: [Double] = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9]
    static let integerPowersOfTen: [UInt64] = [
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000,
    ]
}
