/// Trimming without Foundation: `trimmingCharacters(in:)` goes through `NSString` on Linux
/// and was the largest cost of reading a venue from its text (17 % of an import's time).
/// Same sets as Foundation's `.whitespaces` (Zs and tab) and `.whitespacesAndNewlines`.
extension String {
    /// The text without leading and trailing spaces (and line breaks when `newlines`).
    public func trimmed(newlines: Bool = true) -> String {
        if let first = utf8.first, let last = utf8.last, first > 0x20, first < 0x80, last > 0x20, last < 0x80 { return self }
        return self[...].trimmed(newlines: newlines)
    }
}

extension Substring {
    /// The text without leading and trailing spaces (and line breaks when `newlines`).
    public func trimmed(newlines: Bool = true) -> String {
        let utf8 = self.utf8
        guard let first = utf8.first, let last = utf8.last else { return "" }
        // Most values need nothing: an ASCII letter or digit at both ends.
        if first > 0x20, first < 0x80, last > 0x20, last < 0x80 { return String(self) }
        let scalars = self.unicodeScalars
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, Self.isSpace(scalars[start], newlines: newlines) { start = scalars.index(after: start) }
        while end > start {
            let before = scalars.index(before: end)
            guard Self.isSpace(scalars[before], newlines: newlines) else { break }
            end = before
        }
        return String(String.UnicodeScalarView(scalars[start..<end]))
    }

    @inline(__always)
    static func isSpace(_ scalar: Unicode.Scalar, newlines: Bool) -> Bool {
        switch scalar.value {
        case 0x20, 0x09: return true
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return newlines
        case 0xA0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }
}
