/// One problem found in a file: a cell, a row, the header or the whole file.
///
/// Field names follow frictionless' JSON report (v5): `type`, `rowNumber`, `fieldName`,
/// `fieldNumber`, `cell`, `note`, `message`. Schema errors use frictionless' types;
/// warnings use Lieux' own codes (see ``IssueCode``).
public struct ValidationIssue: Sendable, Equatable, Codable {
    public enum Severity: String, Sendable, Codable {
        case error
        case warning
    }

    /// A stable code: frictionless' error types, or one of Lieux' warning codes.
    public var type: String
    public var severity: Severity
    /// Physical row, header = 1; `nil` for problems of the whole file.
    public var rowNumber: Int?
    public var fieldName: String?
    /// Position of the field in the header, from 1.
    public var fieldNumber: Int?
    /// The cell as read.
    public var cell: String?
    /// A short technical note (the constraint that failed, the position of a syntax error).
    public var note: String
    /// What is wrong and what to do, in French.
    public var message: String
    /// A suggested corrected value, never applied on its own.
    public var suggestion: String?

    public init(
        type: String, severity: Severity, rowNumber: Int? = nil, fieldName: String? = nil,
        fieldNumber: Int? = nil, cell: String? = nil, note: String, message: String,
        suggestion: String? = nil
    ) {
        self.type = type
        self.severity = severity
        self.rowNumber = rowNumber
        self.fieldName = fieldName
        self.fieldNumber = fieldNumber
        self.cell = cell
        self.note = note
        self.message = message
        self.suggestion = suggestion
    }
}
