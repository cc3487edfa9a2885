/// One field of a schema, compiled for checking many cells fast.
struct FieldRule {
    let descriptor: FieldDescriptor
    /// Position of the field in the schema, from 1.
    let number: Int
    let pattern: PatternMatcher?
    /// Pattern results of recent values: real files repeat the same codes and labels.
    private var patternMemo: [ExactText: Bool] = [:]
    /// First row of every value seen, for `unique` fields.
    private(set) var firstRows = UniqueKeyTable()

    private static let memoLimit = 20_000

    init(descriptor: FieldDescriptor, number: Int) throws(SchemaError) {
        self.descriptor = descriptor
        self.number = number
        pattern = try descriptor.constraints.pattern.map { (p) throws(SchemaError) in try PatternMatcher(pattern: p) }
    }

    var name: String { descriptor.name }

    /// The outcome of checking one cell.
    enum Outcome {
        case valid(CellValue?)
        /// Type error: the cell is not of the field's type.
        case typeError
        /// Constraint errors: the names of the failed constraints.
        case constraintError([String])
    }

    /// Checks a non-unique aspect of a cell: missing value, type, then constraints, in
    /// frictionless' order (a type error hides the constraints).
    mutating func check(_ text: String?, missingValues: [String]) -> Outcome {
        let constraints = descriptor.constraints
        guard let text, !missingValues.contains(text) else {
            return constraints.required ? .constraintError(["required"]) : .valid(nil)
        }
        guard let value = CellValue.cast(text, as: descriptor.type) else { return .typeError }
        var failed: [String] = []
        if constraints.minLength != nil || constraints.maxLength != nil {
            let length = text.unicodeScalars.count  // Python counts code points
            if let min = constraints.minLength, length < min { failed.append("minLength") }
            if let max = constraints.maxLength, length > max { failed.append("maxLength") }
        }
        if let pattern, descriptor.type == .string || descriptor.type == .any {
            if !matches(pattern, text) { failed.append("pattern") }
        }
        if let minimum = constraints.minimum, let bound = Self.compare(value, minimum), bound < 0 {
            failed.append("minimum")
        }
        if let maximum = constraints.maximum, let bound = Self.compare(value, maximum), bound > 0 {
            failed.append("maximum")
        }
        if let allowed = constraints.enum, !allowed.contains(where: { Self.compare(value, $0) == 0 }) {
            failed.append("enum")
        }
        return failed.isEmpty ? .valid(value) : .constraintError(failed)
    }

    private mutating func matches(_ pattern: PatternMatcher, _ text: String) -> Bool {
        if let quick = pattern.quickMatch(text) { return quick }
        let key = ExactText(text)
        if let known = patternMemo[key] { return known }
        let result = pattern.matches(text)
        if patternMemo.count >= Self.memoLimit { patternMemo.removeAll(keepingCapacity: true) }
        patternMemo[key] = result
        return result
    }

    /// Records a value of a `unique` field; returns the row where it was first seen if it
    /// is a duplicate.
    mutating func firstRow(ofDuplicate text: String, row: Int) -> Int? {
        firstRows.firstRow(of: UniqueKey(text), recordingAt: row)
    }

    /// Records a value first seen at `row` in another piece of the file.
    mutating func record(_ key: UniqueKey, row: Int) {
        _ = firstRows.firstRow(of: key, recordingAt: row)
    }

    /// Forgets the values seen, for a session that checks another piece of the file.
    mutating func forgetValues() {
        firstRows = UniqueKeyTable()
    }

    /// -1, 0 or 1 comparing a cast value with a constraint bound; `nil` when they do not compare.
    static func compare(_ value: CellValue, _ bound: FieldConstraints.Bound) -> Int? {
        switch (value, bound) {
        case (.number(let v), .number(let b)): return v < b ? -1 : (v > b ? 1 : 0)
        case (.integer(let v), .number(let b)): return Double(v) < b ? -1 : (Double(v) > b ? 1 : 0)
        case (.date(let v), .text(let t)):
            guard let b = CalendarDate(iso: t) else { return nil }
            return v < b ? -1 : (v > b ? 1 : 0)
        case (.string(let v), .text(let b)): return v < b ? -1 : (v > b ? 1 : 0)
        case (.boolean(let v), .text(let b)): return String(v) == b ? 0 : 1
        default: return nil
        }
    }
}

import LieuxModel
