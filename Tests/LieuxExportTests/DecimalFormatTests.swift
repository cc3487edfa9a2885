import Foundation
import Testing

@testable import LieuxExport

/// The number writer behind coordinates and distances (`OutputBuffer+Numbers.swift`).
@Suite("Decimal formatting")
struct DecimalFormatTests {
    func decimal(_ value: Double, _ digits: Int = 6) -> String {
        String(decoding: OutputBuffer.collect { $0.appendDecimal(value, fractionDigits: digits) }, as: UTF8.self)
    }

    func shortest(_ value: Double) -> String {
        String(decoding: OutputBuffer.collect { $0.appendShortestDecimal(value) }, as: UTF8.self)
    }

    /// What `printf("%.Nf")` writes (exact, ties to even), trailing zeros and `-0` removed.
    func reference(_ value: Double, _ digits: Int = 6) -> String {
        var text = String(format: "%.\(digits)f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        if text == "-0" { text = "0" }
        return text
    }

    @Test(
        "values are rounded to 6 decimals in their shortest form",
        arguments: [
            (45.681367, "45.681367"), (4.5, "4.5"), (45.0, "45"), (-1.25, "-1.25"), (0.0, "0"), (-0.0, "0"),
            (45.681367000000002, "45.681367"), (5.6412345678901236, "5.641235"), (0.1, "0.1"),
            (1e-7, "0"), (-4e-7, "0"), (-6e-7, "-0.000001"), (179.9999996, "180"), (-179.9999994, "-179.999999"),
            (0.0078125, "0.007812"), (0.0234375, "0.023438"), (-0.0078125, "-0.007812"), (12.000001, "12.000001"),
        ])
    func sixDecimals(value: Double, expected: String) {
        #expect(decimal(value) == expected)
    }

    @Test("not finite values write nothing")
    func notFinite() {
        var results: [Bool] = []
        let bytes = OutputBuffer.collect { buffer in
            results.append(buffer.appendDecimal(.nan, fractionDigits: 6))
            results.append(buffer.appendDecimal(.infinity, fractionDigits: 1))
        }
        #expect(results == [false, false])
        #expect(bytes.isEmpty)
    }

    @Test("any number of decimals from 0 to 9 matches printf", arguments: 0...9)
    func digits(count: Int) {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let value = Double.random(in: -1_000...1_000, using: &generator)
            #expect(decimal(value, count) == reference(value, count))
        }
    }

    @Test("200,000 random coordinates round as printf(\"%.6f\") does, and read back within half a micro-degree")
    func randomCoordinates() {
        var generator = SystemRandomNumberGenerator()
        var mismatches: [Double] = []
        for _ in 0..<200_000 {
            let value = Double.random(in: -180...180, using: &generator)
            let text = decimal(value)
            if text != reference(value) { mismatches.append(value) }
            guard let back = Double(text), abs(back - value) <= 5e-7 + 1e-12 else {
                mismatches.append(value)
                continue
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    @Test("exact ties (multiples of 1/128 and the like) go to the even neighbour, like printf")
    func ties() {
        for numerator in -10_000...10_000 {
            for denominator in [128.0, 256.0, 1024.0, 2.0e7 / 1.0e7 * 64] {
                let value = Double(numerator) / denominator
                #expect(decimal(value) == reference(value), "\(value)")
                #expect(decimal(value, 1) == reference(value, 1), "\(value)")
            }
        }
    }

    @Test("decimals with at most 6 digits read back bit for bit, written as they were")
    func sixDigitRoundTrip() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<100_000 {
            let micro = Int64.random(in: -180_000_000...180_000_000, using: &generator)
            let value = Double(micro) / 1e6
            let text = decimal(value)
            #expect(Double(text) == value)
            #expect(text == reference(value))
            #expect(shortest(value) == text)
        }
    }

    @Test("the exact form reads back bit for bit, for any coordinate, without exponent")
    func exactRoundTrip() {
        var generator = SystemRandomNumberGenerator()
        var values: [Double] = [0, -0.0, .leastNonzeroMagnitude, 1e-7, -1.5e-7, 1e-5, 1e-300, 123456789.123, 1e16, 1.5e300, -2.5e-12, 0.1 + 0.2]
        for _ in 0..<100_000 { values.append(Double.random(in: -180...180, using: &generator)) }
        for exponent in -20...20 { values.append(Double.random(in: 1...10, using: &generator) * pow(10, Double(exponent))) }
        for value in values {
            let text = shortest(value)
            #expect(Double(text) == value, "\(value) → \(text)")
            #expect(!text.contains("e") && !text.contains("E") && !text.hasSuffix(".0") && text != "-0", "\(value) → \(text)")
            // As short as Swift's own shortest form (same significant digits).
            let swift = value.description
            if !swift.contains("e") {
                var expected = swift.hasSuffix(".0") ? String(swift.dropLast(2)) : swift
                if expected == "-0" { expected = "0" }
                #expect(text == expected, "\(value)")
            }
        }
    }

    @Test("exponents are written out", arguments: [(1e-7, "0.0000001"), (-1.5e-7, "-0.00000015"), (1e16, "10000000000000000"), (1.25e17, "125000000000000000"), (2.5e-12, "0.0000000000025")])
    func plain(value: Double, expected: String) {
        #expect(shortest(value) == expected)
    }

    @Test("dates are YYYY-MM-DD with zeros")
    func dates() {
        let bytes = OutputBuffer.collect { $0.appendDate(.init(year: 987, month: 1, day: 2)!) }
        #expect(String(decoding: bytes, as: UTF8.self) == "0987-01-02")
    }
}
