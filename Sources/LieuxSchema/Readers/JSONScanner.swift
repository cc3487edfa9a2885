import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A byte-level JSON tokenizer that reads its source one chunk at a time.
///
/// The buffer holds one chunk plus a few bytes of look-ahead (at most a surrogate pair,
/// `\uD83D\uDE00`), never the whole file: each token is copied into a byte buffer the caller
/// owns, so a token may span any number of chunks. UTF-8 is validated as the bytes go by.
///
/// Positions in messages: the line is counted on the newlines between tokens (JSON forbids raw
/// newlines inside strings, so there are no others in a valid file); column and offset are in
/// bytes, 1-based.
struct JSONScanner: Sendable {
    /// Where the bytes come from.
    enum Source: Sendable {
        case memory(Data)
        case file(FileDescriptor)
    }

    /// An open file, closed when the last scanner reading it goes away.
    ///
    /// Reads use `pread` at each scanner's own offset, so copies of a scanner stay independent.
    final class FileDescriptor: Sendable {
        let rawValue: Int32

        init(rawValue: Int32) {
            self.rawValue = rawValue
        }

        deinit {
            _ = close(rawValue)
        }
    }

    /// The three JSON literals.
    enum Literal {
        case `true`, `false`, null
    }

    /// 64 KiB: large enough that system calls cost nothing, small enough to stay in cache.
    static let defaultChunkSize = 64 * 1024
    /// The deepest nesting accepted inside one cell, so that `[[[[…` cannot exhaust the stack.
    static let maximumDepth = 128
    /// Room kept beyond a chunk for look-ahead: a surrogate pair is 12 bytes.
    private static let lookAhead = 16
    /// The most bytes of a word quoted in a message (« NaN », « Infinity »).
    private static let quotedLength = 20

    /// The file's name, for messages; `nil` for bytes that have none (an HTTP body).
    let sourceName: String?
    private let source: Source
    private let chunkSize: Int
    /// The next byte of the source to read into the buffer.
    private var sourceOffset = 0
    private var buffer: [UInt8]
    /// The next byte to scan, in `buffer`.
    private var position = 0
    /// The end of the bytes read into `buffer`.
    private var end = 0
    /// The offset in the source of `buffer[0]`.
    private var base = 0
    private var sourceExhausted = false
    private var line = 1
    /// The offset in the source of the current line's first byte.
    private var lineStart = 0

    init(source: Source, sourceName: String?, chunkSize: Int = defaultChunkSize) {
        self.source = source
        self.sourceName = sourceName
        self.chunkSize = max(1, chunkSize)
        self.buffer = [UInt8](repeating: 0, count: self.chunkSize + Self.lookAhead)
    }

    /// The offset in the source of the next byte to scan (0-based).
    var offset: Int { base + position }

    // MARK: - Reading the source

    /// The next byte, without consuming it; `nil` at the end of the source.
    @inline(__always)
    mutating func peek() throws(SourceError) -> UInt8? {
        if position < end { return buffer[position] }
        return try fill() ? buffer[position] : nil
    }

    /// Consumes the byte `peek()` returned.
    @inline(__always)
    mutating func advance() {
        position += 1
    }

    /// Makes at least `count` bytes available from `position`; `false` if the source ends first.
    private mutating func ensure(_ count: Int) throws(SourceError) -> Bool {
        while end - position < count {
            guard try fill() else { return false }
        }
        return true
    }

    /// Reads one more chunk after the unread bytes, which move to the front of the buffer.
    private mutating func fill() throws(SourceError) -> Bool {
        if sourceExhausted { return false }
        if position > 0 {
            // Called when the buffer is consumed or for a few bytes of look-ahead: little to move.
            let unread = end - position
            for index in 0..<unread {
                buffer[index] = buffer[position + index]
            }
            base += position
            position = 0
            end = unread
        }
        if buffer.count - end < chunkSize {
            buffer.append(contentsOf: repeatElement(0, count: chunkSize - (buffer.count - end)))
        }
        let count = try read(maximum: chunkSize)
        if count == 0 {
            sourceExhausted = true
            return false
        }
        end += count
        return true
    }

    /// Reads up to `maximum` bytes of the source to `buffer[end...]`.
    private mutating func read(maximum: Int) throws(SourceError) -> Int {
        let start = end
        let from = sourceOffset
        switch source {
        case .memory(let data):
            let count = min(maximum, data.count - from)
            guard count > 0 else { return 0 }
            buffer.withUnsafeMutableBytes { target in
                data.withUnsafeBytes { bytes in
                    UnsafeMutableRawBufferPointer(rebasing: target[start..<start + count])
                        .copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[from..<from + count]))
                }
            }
            sourceOffset += count
            return count
        case .file(let file):
            let (count, failure) = buffer.withUnsafeMutableBytes { target -> (Int, Int32) in
                var count: Int
                repeat {
                    count = pread(file.rawValue, target.baseAddress.map { $0 + start }, maximum, off_t(from))
                } while count < 0 && errno == EINTR
                return (count, count < 0 ? errno : 0)
            }
            guard count >= 0 else {
                throw SourceError(
                    code: .io,
                    message: "Erreur de lecture \(fileDescription(capitalized: false)) après \(from) octets : "
                        + "\(Self.describeSystemError(failure)).")
            }
            sourceOffset += count
            return count
        }
    }

    // MARK: - Tokens

    /// Skips a UTF-8 byte order mark at the start; rejects UTF-16 and UTF-32 files.
    mutating func skipByteOrderMark() throws(SourceError) {
        _ = try ensure(3)
        let available = end - position
        if available >= 3, buffer[position] == 0xEF, buffer[position + 1] == 0xBB, buffer[position + 2] == 0xBF {
            position += 3
            return
        }
        if available >= 2 {
            let first = buffer[position]
            let second = buffer[position + 1]
            if (first == 0xFF && second == 0xFE) || (first == 0xFE && second == 0xFF) || first == 0 || second == 0 {
                throw SourceError(
                    code: .encoding,
                    message: "\(fileDescription(capitalized: true)) semble encodé en UTF-16 ou UTF-32, pas en UTF-8. "
                        + "Enregistrez-le de nouveau en UTF-8.")
            }
        }
    }

    /// Skips spaces, tabs and newlines, counting lines.
    mutating func skipWhitespace() throws(SourceError) {
        while true {
            while position < end {
                switch buffer[position] {
                case 0x20, 0x09, 0x0D:
                    position += 1
                case 0x0A:
                    position += 1
                    line += 1
                    lineStart = base + position
                default:
                    return
                }
            }
            guard try fill() else { return }
        }
    }

    /// The string at the current `"`, if it has no escapes and ends within the buffer: made
    /// straight from the buffer, without copying. `nil` (nothing consumed): call `readString`.
    mutating func readPlainString() -> String? {
        var index = buffer.withUnsafeBytes { bytes in
            Self.endOfPlainASCII(in: bytes, from: position + 1, to: end)
        }
        while index < end {
            let byte = buffer[index]
            if byte == 0x22 {
                let string = String(decoding: buffer[(position + 1)..<index], as: UTF8.self)
                position = index + 1
                return string
            }
            if byte < 0x20 || byte == 0x5C { return nil }
            if byte < 0x80 {
                index += 1
            } else {
                let length = utf8Length(at: index)
                guard length > 0 else { return nil }
                index += length
            }
        }
        return nil
    }

    /// The first index from `start` whose 8-byte word holds a byte that is `"`, `\`, a control
    /// character or not ASCII (or the last word's start): eight bytes per step for plain text.
    @inline(__always)
    private static func endOfPlainASCII(in bytes: UnsafeRawBufferPointer, from start: Int, to end: Int) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var index = start
        while index + 8 <= end {
            let word = bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            let quotes = word ^ (ones &* 0x22)
            let backslashes = word ^ (ones &* 0x5C)
            let special = ((quotes &- ones) & ~quotes) | ((backslashes &- ones) & ~backslashes)
                | (word &- ones &* 0x20) | word
            if special & highs != 0 { break }
            index += 8
        }
        return index
    }

    /// Consumes the key at the current `"` if it is `expected` as written and ends within the
    /// buffer. `expected` must hold neither `"`, `\` nor control characters.
    mutating func consumeKey(_ expected: [UInt8]) -> Bool {
        let start = position + 1
        let stop = start + expected.count
        guard stop < end, buffer[stop] == 0x22 else { return false }
        let equal = buffer.withUnsafeBytes { bytes in
            expected.withUnsafeBytes { key in
                guard let keyStart = key.baseAddress, let bytesStart = bytes.baseAddress else { return key.isEmpty }
                return memcmp(bytesStart + start, keyStart, key.count) == 0
            }
        }
        guard equal else { return false }
        position = stop + 1
        return true
    }

    /// The number at the current byte as written, if it ends within the buffer and is valid.
    /// `nil` (nothing consumed): call `readNumber`, which says what is wrong.
    mutating func readPlainNumber() -> String? {
        var index = position
        while index < end, Self.isNumberByte(buffer[index]) {
            index += 1
        }
        guard index < end, Self.isNumber(buffer[position..<index]) else { return nil }
        let number = String(decoding: buffer[position..<index], as: UTF8.self)
        position = index
        return number
    }

    @inline(__always)
    private static func isNumberByte(_ byte: UInt8) -> Bool {
        isDigit(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e")
            || byte == UInt8(ascii: "E") || byte == UInt8(ascii: "+")
    }

    /// Whether `bytes` are a JSON number: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    private static func isNumber(_ bytes: ArraySlice<UInt8>) -> Bool {
        var index = bytes.startIndex
        let end = bytes.endIndex
        func digits() -> Bool {
            let start = index
            while index < end, isDigit(bytes[index]) { index += 1 }
            return index > start
        }
        if index < end, bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < end else { return false }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else if !digits() {
            return false
        }
        if index < end, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() else { return false }
        }
        if index < end, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < end, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() else { return false }
        }
        return index == end
    }

    /// Reads the string at the current `"` and appends its content to `output`: decoded
    /// (escapes resolved) or, when `decoding` is false, as written with its quotes (for JSON text).
    ///
    /// A `\u` escape of a lone surrogate, which no Swift string can hold, becomes U+FFFD.
    mutating func readString(into output: inout [UInt8], decoding: Bool) throws(SourceError) {
        let openingLine = line
        let openingColumn = offset - lineStart + 1
        if !decoding { output.append(0x22) }
        position += 1
        var runStart = position
        while true {
            if position == end {
                output.append(contentsOf: buffer[runStart..<position])
                guard try fill() else {
                    throw truncated(expected: "la fin de la chaîne de caractères ouverte ligne \(openingLine), colonne \(openingColumn)")
                }
                runStart = position
                continue
            }
            let byte = buffer[position]
            if byte >= 0x20, byte < 0x80, byte != 0x22, byte != 0x5C {
                position += 1
                continue
            }
            if byte >= 0x80 {
                let length = utf8Length(at: position)
                if length > 0 {
                    position += length
                    continue
                }
                output.append(contentsOf: buffer[runStart..<position])
                if length == 0 {  // the sequence goes on in the next chunk
                    _ = try ensure(4)
                    let completed = utf8Length(at: position)
                    if completed > 0 {
                        output.append(contentsOf: buffer[position..<position + completed])
                        position += completed
                        runStart = position
                        continue
                    }
                }
                throw encodingError()
            }
            output.append(contentsOf: buffer[runStart..<position])
            if byte == 0x22 {
                if !decoding { output.append(0x22) }
                position += 1
                return
            }
            if byte == 0x5C {
                try readEscape(into: &output, decoding: decoding)
                runStart = position
                continue
            }
            throw SourceError(
                code: .format,
                message: "JSON invalide \(location) : caractère de contrôle \(Self.hex(byte)) non échappé "
                    + "dans une chaîne de caractères (écrivez \\n pour un saut de ligne, \\t pour une tabulation).")
        }
    }

    /// Reads the escape at the current `\`.
    private mutating func readEscape(into output: inout [UInt8], decoding: Bool) throws(SourceError) {
        guard try ensure(2) else {
            throw truncated(expected: "un caractère après « \\ »")
        }
        let letter = buffer[position + 1]
        let decoded: UInt8
        switch letter {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded = letter
        case UInt8(ascii: "b"): decoded = 0x08
        case UInt8(ascii: "f"): decoded = 0x0C
        case UInt8(ascii: "n"): decoded = 0x0A
        case UInt8(ascii: "r"): decoded = 0x0D
        case UInt8(ascii: "t"): decoded = 0x09
        case UInt8(ascii: "u"):
            guard try ensure(6), let unit = hexQuad(at: position + 2) else {
                throw SourceError(
                    code: .format,
                    message: "JSON invalide \(location) : « \\u » doit être suivi de quatre chiffres hexadécimaux.")
            }
            guard decoding else {
                output.append(contentsOf: buffer[position..<position + 6])
                position += 6
                return
            }
            var scalar = unit
            var length = 6
            if (0xD800...0xDBFF).contains(unit) {
                if try ensure(12), buffer[position + 6] == 0x5C, buffer[position + 7] == UInt8(ascii: "u"),
                    let low = hexQuad(at: position + 8), (0xDC00...0xDFFF).contains(low)
                {
                    scalar = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                    length = 12
                } else {
                    scalar = 0xFFFD
                }
            } else if (0xDC00...0xDFFF).contains(unit) {
                scalar = 0xFFFD
            }
            Self.appendUTF8(scalar, to: &output)
            position += length
            return
        default:
            position += 1
            let shown = (0x21...0x7E).contains(letter) ? String(Character(Unicode.Scalar(letter))) : Self.hex(letter)
            throw SourceError(
                code: .format,
                message: "JSON invalide \(location) : séquence d'échappement « \\\(shown) » inconnue "
                    + "(seules \\\" \\\\ \\/ \\b \\f \\n \\r \\t et \\uXXXX existent ; écrivez \\\\ pour une barre oblique inverse).")
        }
        if decoding {
            output.append(decoded)
        } else {
            output.append(0x5C)
            output.append(letter)
        }
        position += 2
    }

    /// Reads the number at the current byte (`-` or a digit) and appends its text as written.
    mutating func readNumber(into output: inout [UInt8]) throws(SourceError) {
        if try peek() == UInt8(ascii: "-") {
            output.append(UInt8(ascii: "-"))
            position += 1
        }
        guard let first = try peek(), Self.isDigit(first) else {
            throw unexpected(expected: "un chiffre")
        }
        output.append(first)
        position += 1
        if first == UInt8(ascii: "0") {
            if let next = try peek(), Self.isDigit(next) {
                throw SourceError(
                    code: .format,
                    message: "JSON invalide \(location) : un nombre JSON ne commence pas par un zéro suivi d'un chiffre. "
                        + "Un code (code postal, INSEE, SIRET…) s'écrit entre guillemets : \"01000\".")
            }
        } else {
            try appendDigits(to: &output)
        }
        if try peek() == UInt8(ascii: ".") {
            output.append(UInt8(ascii: "."))
            position += 1
            guard let digit = try peek(), Self.isDigit(digit) else {
                throw unexpected(expected: "un chiffre après la virgule décimale « . »")
            }
            try appendDigits(to: &output)
        }
        if let exponent = try peek(), exponent == UInt8(ascii: "e") || exponent == UInt8(ascii: "E") {
            output.append(exponent)
            position += 1
            if let sign = try peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                output.append(sign)
                position += 1
            }
            guard let digit = try peek(), Self.isDigit(digit) else {
                throw unexpected(expected: "un chiffre dans l'exposant")
            }
            try appendDigits(to: &output)
        }
    }

    private mutating func appendDigits(to output: inout [UInt8]) throws(SourceError) {
        while let byte = try peek(), Self.isDigit(byte) {
            output.append(byte)
            position += 1
        }
    }

    /// Reads `true`, `false` or `null` at the current byte.
    mutating func readLiteral() throws(SourceError) -> Literal {
        let word: StaticString
        let literal: Literal
        switch try peek() {
        case UInt8(ascii: "t"): (word, literal) = ("true", .true)
        case UInt8(ascii: "f"): (word, literal) = ("false", .false)
        case UInt8(ascii: "n"): (word, literal) = ("null", .null)
        default: throw unexpectedValue()
        }
        let length = word.utf8CodeUnitCount
        guard try ensure(length) else { throw unexpectedValue() }
        let matches = word.withUTF8Buffer { expected in
            expected.elementsEqual(buffer[position..<position + length])
        }
        guard matches else { throw unexpectedValue() }
        position += length
        return literal
    }

    /// Reads the value at the current byte and appends it as compact JSON text: the bytes as
    /// written, without the whitespace between tokens.
    mutating func appendCompactValue(into output: inout [UInt8], depth: Int) throws(SourceError) {
        guard depth <= Self.maximumDepth else { throw tooDeep() }
        guard let byte = try peek() else { throw truncated(expected: "une valeur") }
        switch byte {
        case UInt8(ascii: "\""):
            try readString(into: &output, decoding: false)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try readNumber(into: &output)
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
            switch try readLiteral() {
            case .true: output.append(contentsOf: "true".utf8)
            case .false: output.append(contentsOf: "false".utf8)
            case .null: output.append(contentsOf: "null".utf8)
            }
        case UInt8(ascii: "["):
            output.append(byte)
            position += 1
            try skipWhitespace()
            if try peek() == UInt8(ascii: "]") {
                output.append(UInt8(ascii: "]"))
                position += 1
                return
            }
            while true {
                try appendCompactValue(into: &output, depth: depth + 1)
                try skipWhitespace()
                guard try appendSeparator(closing: UInt8(ascii: "]"), into: &output) else { return }
                try skipWhitespace()
            }
        case UInt8(ascii: "{"):
            output.append(byte)
            position += 1
            try skipWhitespace()
            if try peek() == UInt8(ascii: "}") {
                output.append(UInt8(ascii: "}"))
                position += 1
                return
            }
            while true {
                guard try peek() == UInt8(ascii: "\"") else {
                    throw unexpected(expected: "une clé entre guillemets « \" »")
                }
                try readString(into: &output, decoding: false)
                try skipWhitespace()
                guard try peek() == UInt8(ascii: ":") else {
                    throw unexpected(expected: "« : » après la clé")
                }
                output.append(UInt8(ascii: ":"))
                position += 1
                try skipWhitespace()
                try appendCompactValue(into: &output, depth: depth + 1)
                try skipWhitespace()
                guard try appendSeparator(closing: UInt8(ascii: "}"), into: &output) else { return }
                try skipWhitespace()
            }
        default:
            throw unexpectedValue()
        }
    }

    /// After an element: consumes `,` (returns `true`) or the closing bracket (returns `false`).
    private mutating func appendSeparator(closing: UInt8, into output: inout [UInt8]) throws(SourceError) -> Bool {
        let byte = try peek()
        if byte == UInt8(ascii: ",") || byte == closing {
            output.append(byte ?? closing)
            position += 1
            return byte == UInt8(ascii: ",")
        }
        throw unexpected(expected: "« , » ou « \(Character(Unicode.Scalar(closing))) »")
    }

    /// Reads the array at the current `[` and appends its elements joined by `|`, the
    /// standard's multi-value separator; returns whether it appended anything.
    ///
    /// Elements are converted as cells are: strings decoded, numbers as written, booleans as
    /// `true`/`false`, objects as compact JSON text, nested arrays joined the same way; `null`
    /// and empty arrays are skipped.
    mutating func appendMultiValue(into output: inout [UInt8], depth: Int) throws(SourceError) -> Bool {
        guard depth <= Self.maximumDepth else { throw tooDeep() }
        position += 1
        try skipWhitespace()
        if try peek() == UInt8(ascii: "]") {
            position += 1
            return false
        }
        var appended = false
        while true {
            let mark = output.count
            if appended { output.append(UInt8(ascii: "|")) }
            guard let byte = try peek() else { throw truncated(expected: "une valeur") }
            var produced = true
            switch byte {
            case UInt8(ascii: "\""):
                try readString(into: &output, decoding: true)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                try readNumber(into: &output)
            case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
                switch try readLiteral() {
                case .true: output.append(contentsOf: "true".utf8)
                case .false: output.append(contentsOf: "false".utf8)
                case .null: produced = false
                }
            case UInt8(ascii: "["):
                produced = try appendMultiValue(into: &output, depth: depth + 1)
            case UInt8(ascii: "{"):
                try appendCompactValue(into: &output, depth: depth + 1)
            default:
                throw unexpectedValue()
            }
            if produced {
                appended = true
            } else {
                output.removeSubrange(mark...)
            }
            try skipWhitespace()
            switch try peek() {
            case UInt8(ascii: ","):
                position += 1
                try skipWhitespace()
            case UInt8(ascii: "]"):
                position += 1
                return appended
            default:
                throw unexpected(expected: "« , » ou « ] »")
            }
        }
    }

    // MARK: - Messages

    /// "ligne 3, colonne 14 (octet n° 52)", for the next byte to scan.
    var location: String {
        "ligne \(line), colonne \(offset - lineStart + 1) (octet n° \(offset + 1))"
    }

    /// The error for the byte at `position` (or the end of the source) where `expected` was due.
    ///
    /// Call it after `peek()`. It reads a few bytes ahead to quote what it found, so that the
    /// message does not depend on where a chunk ends. Invalid UTF-8 there is an encoding error.
    mutating func unexpected(expected: String) -> SourceError {
        _ = try? ensure(Self.quotedLength)
        guard position < end else { return truncated(expected: expected) }
        if buffer[position] >= 0x80, utf8Length(at: position) < 0 { return encodingError() }
        return SourceError(
            code: .format,
            message: "JSON invalide \(location) : \(expected) attendu, \(describeCharacter()) trouvé.")
    }

    /// The error for a byte that cannot start a value, with a hint for the usual mistakes.
    mutating func unexpectedValue() -> SourceError {
        var error = unexpected(expected: "une valeur (chaîne entre guillemets, nombre, true, false, null, tableau ou objet)")
        guard error.code == .format, position < end else { return error }
        let word = String(decoding: wordBytes(), as: UTF8.self)
        if buffer[position] == UInt8(ascii: "'") {
            error.message += " Les chaînes JSON s'écrivent entre guillemets droits doubles « \" »."
        } else if ["NaN", "Infinity"].contains(word) {
            error.message += " NaN et Infinity ne sont pas du JSON : écrivez null pour une valeur absente."
        } else if ["True", "False", "None", "TRUE", "FALSE", "NULL", "Null"].contains(word) {
            error.message += " true, false et null s'écrivent en minuscules."
        }
        return error
    }

    /// The error for a file that ends where `expected` was due.
    func truncated(expected: String) -> SourceError {
        SourceError(
            code: .format,
            message: "\(fileDescription(capitalized: true)) se termine trop tôt (ligne \(line), après \(offset) octets) : "
                + "\(expected) attendu. Le fichier est peut-être incomplet (enregistrement ou téléchargement interrompu).")
    }

    /// The error for bytes at `position` that are not UTF-8.
    func encodingError() -> SourceError {
        let byte = position < end ? " (octet \(Self.hex(buffer[position])))" : ""
        return SourceError(
            code: .encoding,
            message: "\(fileDescription(capitalized: true)) n'est pas encodé en UTF-8 : séquence invalide\(byte) \(location). "
                + "Enregistrez-le de nouveau en UTF-8 (« Enregistrer sous… », encodage « UTF-8 »).")
    }

    private func tooDeep() -> SourceError {
        SourceError(
            code: .format,
            message: "JSON invalide \(location) : plus de \(Self.maximumDepth) tableaux ou objets imbriqués dans une valeur.")
    }

    /// "le fichier « name »" or "le fichier JSON".
    func fileDescription(capitalized: Bool) -> String {
        let article = capitalized ? "Le fichier" : "du fichier"
        guard let sourceName else { return "\(article) JSON" }
        return "\(article) « \(sourceName) »"
    }

    /// The character at `position` for a message: « x », « é », or a description.
    private func describeCharacter() -> String {
        guard position < end else { return "la fin du fichier" }
        let byte = buffer[position]
        switch byte {
        case UInt8(ascii: " "):
            return "une espace"
        case 0x21...0x7E:
            let word = wordBytes()
            return "« \(String(decoding: word.isEmpty ? [byte] : word, as: UTF8.self)) »"
        case 0x80...:
            let length = utf8Length(at: position)
            guard length > 0 else { return "un caractère non ASCII" }
            return "« \(String(decoding: buffer[position..<position + length], as: UTF8.self)) »"
        default:
            return "le caractère de contrôle \(Self.hex(byte))"
        }
    }

    /// The ASCII letters and digits from `position` that are already in the buffer, at most
    /// `quotedLength`.
    private func wordBytes() -> ArraySlice<UInt8> {
        var index = position
        while index < end, index - position < Self.quotedLength {
            let byte = buffer[index]
            guard (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) else { break }
            index += 1
        }
        return buffer[position..<index]
    }

    // MARK: - Bytes

    /// The length of the valid UTF-8 sequence at `index`: 0 if it goes on beyond the buffer,
    /// -1 if it is not UTF-8 (overlong forms, surrogates and values above U+10FFFF are not).
    private func utf8Length(at index: Int) -> Int {
        let lead = buffer[index]
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        let length: Int
        switch lead {
        case 0xC2...0xDF:
            length = 2
        case 0xE0:  // no overlong form
            length = 3
            low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF:
            length = 3
        case 0xED:  // no surrogate
            length = 3
            high = 0x9F
        case 0xF0:  // no overlong form
            length = 4
            low = 0x90
        case 0xF1...0xF3:
            length = 4
        case 0xF4:  // nothing above U+10FFFF
            length = 4
            high = 0x8F
        default:
            return -1
        }
        for next in 1..<length {
            guard index + next < end else { return 0 }
            let byte = buffer[index + next]
            guard byte >= low, byte <= high else { return -1 }
            low = 0x80
            high = 0xBF
        }
        return length
    }

    /// The value of four hexadecimal digits at `index`, if they are.
    private func hexQuad(at index: Int) -> UInt32? {
        var value: UInt32 = 0
        for byte in buffer[index..<index + 4] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    private static func appendUTF8(_ scalar: UInt32, to output: inout [UInt8]) {
        switch scalar {
        case ..<0x80:
            output.append(UInt8(truncatingIfNeeded: scalar))
        case ..<0x800:
            output.append(UInt8(truncatingIfNeeded: 0xC0 | scalar >> 6))
            output.append(UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F))
        case ..<0x10000:
            output.append(UInt8(truncatingIfNeeded: 0xE0 | scalar >> 12))
            output.append(UInt8(truncatingIfNeeded: 0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F))
        default:
            output.append(UInt8(truncatingIfNeeded: 0xF0 | scalar >> 18))
            output.append(UInt8(truncatingIfNeeded: 0x80 | scalar >> 12 & 0x3F))
            output.append(UInt8(truncatingIfNeeded: 0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F))
        }
    }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return "0x" + (digits.count == 1 ? "0" + digits : digits)
    }

    /// A system error number in French words, for the common cases.
    static func describeSystemError(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "fichier introuvable"
        case EACCES, EPERM: return "accès refusé"
        case EISDIR: return "c'est un dossier, pas un fichier"
        case ENOTDIR: return "un élément du chemin n'est pas un dossier"
        case ENAMETOOLONG: return "chemin trop long"
        case EMFILE, ENFILE: return "trop de fichiers ouverts"
        case EIO: return "erreur d'entrée-sortie du disque"
        default: return "erreur système \(code) (\(String(cString: strerror(code))))"
        }
    }
}
