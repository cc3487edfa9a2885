import Foundation

/// The text encodings a CSV file is read in (`--encodage`).
public enum TextEncodingChoice: String, Sendable, Equatable, CaseIterable {
    /// UTF-8, unless the bytes are certainly those of an 8-bit encoding: some are not UTF-8
    /// and none is a UTF-8 sequence of several bytes. They are then read as Windows-1252
    /// (which reads ISO-8859-1's letters the same).
    case auto
    case utf8 = "utf-8"
    case windows1252 = "windows-1252"
    case latin1 = "iso-8859-1"
}

/// An 8-bit encoding, converted to UTF-8 as its bytes are read.
public enum EightBitEncoding: Sendable {
    case windows1252
    case latin1

    public var name: String { self == .windows1252 ? "Windows-1252" : "ISO-8859-1" }

    /// Windows-1252's characters for the bytes 0x80–0x9F (its five undefined bytes read as
    /// ISO-8859-1 does, as control characters).
    private static let windows1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    /// Appends the UTF-8 of `bytes` to `output`.
    func transcode(_ bytes: some Collection<UInt8>, into output: inout [UInt8]) {
        output.reserveCapacity(output.count + bytes.count + bytes.count / 8)
        for byte in bytes {
            if byte < 0x80 {
                output.append(byte)
                continue
            }
            let scalar = self == .windows1252 && byte < 0xA0 ? Self.windows1252High[Int(byte - 0x80)] : UInt32(byte)
            if scalar < 0x800 {
                output.append(UInt8(0xC0 | (scalar >> 6)))
                output.append(UInt8(0x80 | (scalar & 0x3F)))
            } else {
                output.append(UInt8(0xE0 | (scalar >> 12)))
                output.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
                output.append(UInt8(0x80 | (scalar & 0x3F)))
            }
        }
    }
}

/// What the bytes of a file say of its encoding.
struct EncodingDetection {
    /// Whether some bytes are not UTF-8.
    private(set) var invalid = false
    /// Whether some bytes are a UTF-8 sequence of several bytes (an accented letter in UTF-8).
    private(set) var multibyte = false
    /// Whether some bytes are 0: not a text of 8-bit letters (UTF-16 without its mark, binary).
    private(set) var nul = false
    /// Whether the file begins with UTF-16's byte-order mark.
    private(set) var utf16 = false
    private var started = false
    /// The end of a sequence cut by the end of the last chunk.
    private var carry: [UInt8] = []

    /// The 8-bit encoding to read the file in, when the detection is certain: bytes that are
    /// not UTF-8, none that is a UTF-8 letter, no 0 byte, no UTF-16 mark (UTF-16 gets its own
    /// error, never a reading in Windows-1252).
    var eightBit: EightBitEncoding? { invalid && !multibyte && !nul && !utf16 ? .windows1252 : nil }

    /// Reads the file at `url` in chunks; stops early once both kinds of bytes are seen.
    static func scan(_ url: URL) -> EncodingDetection {
        var detection = EncodingDetection()
        guard let handle = try? FileHandle(forReadingFrom: url) else { return detection }
        defer { try? handle.close() }
        while let data = try? handle.read(upToCount: 1 << 20), !data.isEmpty {
            detection.add(data)
            if detection.invalid && detection.multibyte { break }
        }
        detection.finish()
        return detection
    }

    static func scan(_ data: Data) -> EncodingDetection {
        var detection = EncodingDetection()
        detection.add(data)
        detection.finish()
        return detection
    }

    mutating func add(_ data: Data) {
        if !started, !data.isEmpty {
            started = true
            utf16 = data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF])
        }
        if !nul, data.contains(0) { nul = true }
        var bytes = carry
        carry = []
        bytes.append(contentsOf: data)
        bytes.withUnsafeBufferPointer { b in
            let n = b.count
            var i = 0
            while i < n {
                // Eight ASCII bytes at a time.
                if i + 8 <= n {
                    let word = UnsafeRawPointer(b.baseAddress! + i).loadUnaligned(as: UInt64.self)
                    if word & 0x8080_8080_8080_8080 == 0 {
                        i += 8
                        continue
                    }
                }
                let lead = b[i]
                if lead < 0x80 {
                    i += 1
                    continue
                }
                let length: Int
                switch lead {
                case 0xC2...0xDF: length = 2
                case 0xE0...0xEF: length = 3
                case 0xF0...0xF4: length = 4
                default:
                    invalid = true
                    i += 1
                    continue
                }
                if i + length > n {
                    carry = Array(b[i..<n])
                    return
                }
                if UTF8Bytes.string(UnsafeBufferPointer(rebasing: b[i..<(i + length)])) != nil {
                    multibyte = true
                    i += length
                } else {
                    invalid = true
                    i += 1
                }
            }
        }
    }

    /// A sequence cut by the end of the file is not UTF-8.
    mutating func finish() {
        if !carry.isEmpty { invalid = true }
        carry = []
    }
}
