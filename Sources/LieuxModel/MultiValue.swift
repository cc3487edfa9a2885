import Foundation

/// The values of a multi-valued field of the standard, written `a|b|c` in files.
public struct MultiValue<Element: Hashable & Sendable>: Hashable, Sendable, RandomAccessCollection,
    ExpressibleByArrayLiteral
{
    /// The separator of the standard v1.0 (v0.1 used `;`).
    public static var separator: Character { "|" }

    /// The values, in the order of the file, without duplicates.
    public private(set) var values: [Element]

    public init(_ values: some Sequence<Element>) {
        var seen = Set<Element>()
        self.values = values.filter { seen.insert($0).inserted }
    }

    public init(arrayLiteral elements: Element...) { self.init(elements) }

    /// Splits `text` on `separator`, trims each part, drops empty parts, and converts each
    /// with `element`. Returns the parts that did not convert in `rejected`.
    public static func parse(
        _ text: String, separator: Character = Self.separator, element: (String) -> Element?
    ) -> (value: MultiValue, rejected: [String]) {
        var values: [Element] = []
        var rejected: [String] = []
        for part in text.split(separator: separator, omittingEmptySubsequences: true) {
            let trimmed = part.trimmed(newlines: false)
            guard !trimmed.isEmpty else { continue }
            if let value = element(trimmed) { values.append(value) } else { rejected.append(trimmed) }
        }
        return (MultiValue(values), rejected)
    }

    public var startIndex: Int { values.startIndex }
    public var endIndex: Int { values.endIndex }
    public subscript(position: Int) -> Element { values[position] }
}

extension MultiValue where Element: RawRepresentable, Element.RawValue == String {
    /// The values joined with the standard's separator, as in a CSV file.
    public var text: String { values.map(\.rawValue).joined(separator: String(Self.separator)) }

    /// Parses labels of a vocabulary.
    public static func parse(_ text: String, separator: Character = Self.separator) -> (value: MultiValue, rejected: [String]) {
        parse(text, separator: separator) { Element(rawValue: $0) }
    }
}

extension MultiValue: Codable where Element: Codable {
    public init(from decoder: any Decoder) throws {
        self.init(try [Element](from: decoder))
    }
    public func encode(to encoder: any Encoder) throws { try values.encode(to: encoder) }
}
