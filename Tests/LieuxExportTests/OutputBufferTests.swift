import Foundation
import Testing

@testable import LieuxExport

/// The byte buffer and its eight-bytes-at-a-time tests.
@Suite("OutputBuffer")
struct OutputBufferTests {
    @Test("long strings with a special byte at every position are escaped like short ones")
    func everyPosition() throws {
        for length in 0..<40 {
            for position in 0..<max(length, 1) {
                for special in ["\"", "\\", "\n", "\u{1}", "\u{2028}", "’", "€"] {
                    var characters = Array(repeating: "a", count: length)
                    if length > 0 { characters[position] = special }
                    let text = characters.joined()
                    let bytes = OutputBuffer.collect(capacity: 1) { $0.appendJSONString(text) }
                    let parsed = try JSONSerialization.jsonObject(with: Data(bytes), options: .fragmentsAllowed) as? String
                    #expect(parsed == text)
                }
            }
        }
    }

    @Test("the SWAR tests find a byte wherever it is in the word")
    func swar() {
        for position in 0..<8 {
            for byte in [UInt8(0x00), 0x1F, 0x22, 0x5C, 0xE2, 0x2C, 0x0A, 0x0D] {
                var bytes = [UInt8](repeating: 0x61, count: 8)
                bytes[position] = byte
                let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
                #expect(SWAR.needsJSONEscape(word) == (byte < 0x20 || [0x22, 0x5C, 0xE2].contains(byte)))
                #expect(SWAR.needsCSVQuotes(word) == [0x22, 0x2C, 0x0A, 0x0D].contains(byte))
            }
        }
        for byte in UInt8(0x20)...0xFF where ![0x22, 0x5C, 0xE2].contains(byte) {
            #expect(!SWAR.needsJSONEscape(UInt64(byte) &* SWAR.ones))
        }
    }

    @Test("the buffer grows from any size without losing bytes")
    func growth() {
        let bytes = OutputBuffer.collect(capacity: 1) { buffer in
            for index in 0..<10_000 { buffer.append(UInt8(truncatingIfNeeded: index)) }
        }
        #expect(bytes == (0..<10_000).map { UInt8(truncatingIfNeeded: $0) })
    }
}
