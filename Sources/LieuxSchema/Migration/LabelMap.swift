import Foundation
import LieuxModel

/// The 1.0 labels of the labels of one column, looked up with the parts of a cell as they are
/// (substrings, no copy).
///
/// Besides the table it is built from, it knows every label of its target vocabularies (a
/// mixed file may already write 1.0 labels in a 0.1 column) and the short form of each 0.1
/// label, the part before « : » (`Seul`, `Avec de l'aide`, `Adhésion`), which producers also
/// write alone. A typographic apostrophe (’) matches a straight one.
struct LabelMap: Sendable {
    private var targets: [Substring: MigrationV01.Target] = [:]
    /// The fields the labels go to, in the standard's order.
    let fields: [Lieu.Field]

    init(_ table: [String: MigrationV01.Target]) {
        let fields = Set(table.values.map(\.field))
        self.fields = Lieu.Field.allCases.filter(fields.contains)
        for field in self.fields {
            for label in MigrationV01.vocabularies[field] ?? [] {
                targets[Substring(label)] = MigrationV01.Target(field: field, label: label)
            }
        }
        for (label, target) in table { targets[Substring(label)] = target }
        for (label, target) in table {
            let short = Self.shortForm(Substring(label))
            if !short.isEmpty, targets[short] == nil { targets[short] = target }
        }
    }

    /// The 1.0 label of `label`, or `nil` when it has none.
    func target(for label: Substring) -> MigrationV01.Target? {
        if let target = targets[label] { return target }
        if label.contains("’") {
            return target(for: Substring(label.replacingOccurrences(of: "’", with: "'")))
        }
        let short = Self.shortForm(label)
        return short.isEmpty ? nil : targets[short]
    }

    /// The part of a label before its first « : », trimmed; empty when it has none.
    private static func shortForm(_ label: Substring) -> Substring {
        guard let colon = label.firstIndex(of: ":") else { return "" }
        return MultiValueCell.trimmed(label[..<colon])
    }
}
