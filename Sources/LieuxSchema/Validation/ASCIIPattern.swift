/// A regular expression of the simplest kind, matched on ASCII bytes: literals, classes
/// `[…]` with ranges, `\d`, groups with alternatives, and the quantifiers `?`, `*`, `+`,
/// `{m}`, `{m,n}`, anchored by an optional `^` first and `$` last. The schema's codes
/// (postal code, INSEE code, SIRET, phone number) are all of this kind.
///
/// On ASCII text these mean what Python's `re` gives them (`\d` is one of 0–9 there), so the
/// validator checks ASCII cells here, by backtracking over bytes, and leaves any other text to
/// ICU: an `NSRegularExpression` call, with the `String`/`NSString` bridging, cost a thousand
/// times as much, and was the largest single cost of a validation once memos missed.
struct ASCIIPattern: Sendable {
    indirect enum Node: Sendable {
        case bytes(ByteClass)
        case sequence([Node])
        case alternatives([Node])
        case repeated(Node, min: Int, max: Int)

        /// Whether the node can match without consuming a byte.
        var canBeEmpty: Bool {
            switch self {
            case .bytes: return false
            case .sequence(let nodes): return nodes.allSatisfy(\.canBeEmpty)
            case .alternatives(let nodes): return nodes.contains(where: \.canBeEmpty)
            case .repeated(let node, let min, _): return min == 0 || node.canBeEmpty
            }
        }
    }

    /// A set of bytes, as four 64-bit words.
    struct ByteClass: Sendable {
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

        mutating func insert(_ byte: UInt8) {
            let bit = UInt64(1) << UInt64(byte & 63)
            switch byte >> 6 {
            case 0: words.0 |= bit
            case 1: words.1 |= bit
            case 2: words.2 |= bit
            default: words.3 |= bit
            }
        }

        func contains(_ byte: UInt8) -> Bool {
            let bit = UInt64(1) << UInt64(byte & 63)
            switch byte >> 6 {
            case 0: return words.0 & bit != 0
            case 1: return words.1 & bit != 0
            case 2: return words.2 & bit != 0
            default: return words.3 & bit != 0
            }
        }
    }

    let root: Node

    /// Compiles `pattern`; `nil` when it uses anything beyond the kind above, or a node that
    /// can match nothing is repeated.
    init?(_ pattern: String) {
        guard pattern.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        var parser = Parser(bytes: Array(pattern.utf8))
        if parser.peek == UInt8(ascii: "^") { parser.index += 1 }
        // The whole text is matched with or without a final `$` (see ``matches(_:)``).
        if parser.bytes.last == UInt8(ascii: "$"), parser.bytes.count >= 2, parser.bytes[parser.bytes.count - 2] != UInt8(ascii: "\\") {
            parser.bytes.removeLast()
        }
        guard let root = parser.alternatives(), parser.index == parser.bytes.count else { return nil }
        self.root = root
    }

    /// Whether all of `text` (ASCII) matches, or all of it but a final newline, as Python's
    /// `$` allows.
    func matches(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = text.count
        if Self.match(root, text, 0, { $0 == n }) { return true }
        return n > 0 && text[n - 1] == UInt8(ascii: "\n") && Self.match(root, text, 0, { $0 == n - 1 })
    }

    private static func match(_ node: Node, _ text: UnsafeBufferPointer<UInt8>, _ i: Int, _ next: (Int) -> Bool) -> Bool {
        switch node {
        case .bytes(let set):
            return i < text.count && set.contains(text[i]) && next(i + 1)
        case .sequence(let nodes):
            return sequence(nodes[...], text, i, next)
        case .alternatives(let nodes):
            return nodes.contains { match($0, text, i, next) }
        case .repeated(let node, let min, let max):
            return repeated(node, min: min, max: max, count: 0, text, i, next)
        }
    }

    private static func sequence(_ nodes: ArraySlice<Node>, _ text: UnsafeBufferPointer<UInt8>, _ i: Int, _ next: (Int) -> Bool) -> Bool {
        guard let first = nodes.first else { return next(i) }
        return match(first, text, i) { sequence(nodes.dropFirst(), text, $0, next) }
    }

    private static func repeated(
        _ node: Node, min: Int, max: Int, count: Int, _ text: UnsafeBufferPointer<UInt8>, _ i: Int, _ next: (Int) -> Bool
    ) -> Bool {
        if count < max && match(node, text, i, { repeated(node, min: min, max: max, count: count + 1, text, $0, next) }) {
            return true
        }
        return count >= min && next(i)
    }

    private struct Parser {
        var bytes: [UInt8]
        var index = 0

        var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func alternatives() -> Node? {
            var options: [Node] = []
            while true {
                guard let sequence = sequence() else { return nil }
                options.append(sequence)
                guard peek == UInt8(ascii: "|") else { break }
                index += 1
            }
            return options.count == 1 ? options[0] : .alternatives(options)
        }

        mutating func sequence() -> Node? {
            var nodes: [Node] = []
            while let byte = peek, byte != UInt8(ascii: "|"), byte != UInt8(ascii: ")") {
                guard var atom = atom() else { return nil }
                if let (min, max) = quantifier() {
                    guard !atom.canBeEmpty, min <= max else { return nil }
                    atom = .repeated(atom, min: min, max: max)
                }
                nodes.append(atom)
            }
            return nodes.count == 1 ? nodes[0] : .sequence(nodes)
        }

        mutating func atom() -> Node? {
            guard let byte = peek else { return nil }
            index += 1
            switch byte {
            case UInt8(ascii: "("):
                if peek == UInt8(ascii: "?") {
                    guard index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: ":") else { return nil }
                    index += 2
                }
                guard let inner = alternatives(), peek == UInt8(ascii: ")") else { return nil }
                index += 1
                return inner
            case UInt8(ascii: "["):
                return byteClass()
            case UInt8(ascii: "\\"):
                guard let escaped = escape() else { return nil }
                return .bytes(escaped)
            case UInt8(ascii: "."), UInt8(ascii: "^"), UInt8(ascii: "$"), UInt8(ascii: "*"), UInt8(ascii: "+"),
                UInt8(ascii: "?"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "]"):
                return nil
            default:
                var set = ByteClass()
                set.insert(byte)
                return .bytes(set)
            }
        }

        /// After a `\`: `\d`, or an escaped punctuation character.
        mutating func escape() -> ByteClass? {
            guard let byte = peek else { return nil }
            index += 1
            var set = ByteClass()
            if byte == UInt8(ascii: "d") {
                for digit in UInt8(ascii: "0")...UInt8(ascii: "9") { set.insert(digit) }
                return set
            }
            // Letters and digits after `\` are classes or references (\w, \s, \b, \1…).
            guard !(byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")),
                !(byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
            else { return nil }
            set.insert(byte)
            return set
        }

        /// After `[`: ranges, single bytes and `\d`, up to `]`; no negation.
        mutating func byteClass() -> Node? {
            var set = ByteClass()
            guard peek != UInt8(ascii: "^"), peek != UInt8(ascii: "]") else { return nil }
            while let byte = peek, byte != UInt8(ascii: "]") {
                index += 1
                var low = byte
                if byte == UInt8(ascii: "\\") {
                    guard let escaped = escape() else { return nil }
                    if escaped.contains(UInt8(ascii: "0")) && escaped.contains(UInt8(ascii: "9")) {
                        for digit in UInt8(ascii: "0")...UInt8(ascii: "9") { set.insert(digit) }
                        continue
                    }
                    low = bytes[index - 1]
                } else if byte == UInt8(ascii: "[") {
                    return nil  // [[:alpha:]] and nested sets
                }
                if peek == UInt8(ascii: "-"), index + 1 < bytes.count, bytes[index + 1] != UInt8(ascii: "]") {
                    let high = bytes[index + 1]
                    guard high != UInt8(ascii: "\\"), high != UInt8(ascii: "["), low <= high else { return nil }
                    index += 2
                    for b in low...high { set.insert(b) }
                } else {
                    set.insert(low)
                }
            }
            guard peek == UInt8(ascii: "]") else { return nil }
            index += 1
            return .bytes(set)
        }

        /// `?`, `*`, `+`, `{m}` or `{m,n}` (a lazy or possessive suffix is not handled).
        mutating func quantifier() -> (Int, Int)? {
            guard let byte = peek else { return nil }
            let bounds: (Int, Int)
            switch byte {
            case UInt8(ascii: "?"): bounds = (0, 1); index += 1
            case UInt8(ascii: "*"): bounds = (0, Int.max); index += 1
            case UInt8(ascii: "+"): bounds = (1, Int.max); index += 1
            case UInt8(ascii: "{"):
                var end = index + 1
                while end < bytes.count && bytes[end] != UInt8(ascii: "}") { end += 1 }
                guard end < bytes.count else { return nil }
                let inside = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
                let parts = inside.split(separator: ",", omittingEmptySubsequences: false)
                guard parts.count <= 2, let min = Int(parts[0]), min <= 1000 else { return nil }
                let max = parts.count == 2 ? Int(parts[1]) : min
                guard let max, max <= 1000 else { return nil }
                bounds = (min, max)
                index = end + 1
            default:
                return nil
            }
            if let suffix = peek, suffix == UInt8(ascii: "?") || suffix == UInt8(ascii: "+") {
                // `a*?`, `a++`: lazy and possessive forms. The first gives the same verdict; the
                // second does not, and is left to ICU.
                if suffix == UInt8(ascii: "+") { index = bytes.count + 1 }
                else { index += 1 }
            }
            return bounds
        }
    }
}
