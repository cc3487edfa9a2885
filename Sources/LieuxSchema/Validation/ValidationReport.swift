/// The result of validating one or more files, shaped like `frictionless validate --json` (v5).
public struct ValidationReport: Sendable, Codable {
    public struct Stats: Sendable, Codable, Equatable {
        public var tasks: Int
        public var errors: Int
        public var warnings: Int
        public var seconds: Double
    }

    public var valid: Bool { tasks.allSatisfy(\.valid) }
    public var tasks: [TaskReport]
    public var stats: Stats {
        Stats(
            tasks: tasks.count, errors: tasks.reduce(0) { $0 + $1.stats.errors },
            warnings: tasks.reduce(0) { $0 + $1.stats.warnings },
            seconds: tasks.reduce(0) { $0 + $1.stats.seconds })
    }

    public init(tasks: [TaskReport]) { self.tasks = tasks }

    enum CodingKeys: String, CodingKey { case valid, stats, warnings, errors, tasks }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(valid, forKey: .valid)
        try c.encode(stats, forKey: .stats)
        try c.encode([ValidationIssue](), forKey: .warnings)
        try c.encode([ValidationIssue](), forKey: .errors)
        try c.encode(tasks, forKey: .tasks)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        tasks = try c.decode([TaskReport].self, forKey: .tasks)
    }
}

/// The validation of one file: its statistics and its issues.
public struct TaskReport: Sendable, Codable {
    public struct Stats: Sendable, Codable, Equatable {
        /// Data rows read (the header excluded).
        public var rows: Int
        /// Errors found (all of them, even beyond the listed ones).
        public var errors: Int
        public var warnings: Int
        public var seconds: Double
        /// Rows without any error.
        public var validRows: Int
    }

    public var valid: Bool { stats.errors == 0 }
    /// The file's path or name, as given.
    public var place: String
    public var format: SourceFormat
    /// The version of the standard the file was validated against.
    public var schemaVersion: String
    /// The header's labels, as read.
    public var labels: [String]
    public var stats: Stats
    /// The errors, in the order they were found, up to the report's limit.
    public var errors: [ValidationIssue]
    /// The warnings, in the order they were found, up to the report's limit.
    public var warnings: [ValidationIssue]
    /// Whether some issues were counted but not listed (the limit was reached).
    public var partial: Bool
    /// Why the file could not be read to its end, when it could not: set where reading
    /// stopped (``ValidationSession/fail(_:)``), never inferred from the issues listed.
    /// A file with a failure is never imported, whatever came before it.
    public var failure: ReadFailure?

    enum CodingKeys: String, CodingKey {
        case valid, name, type, place, format, schemaVersion, labels, stats, errors, warnings, partial, failure
    }

    public init(place: String, format: SourceFormat, schemaVersion: String) {
        self.place = place
        self.format = format
        self.schemaVersion = schemaVersion
        labels = []
        stats = Stats(rows: 0, errors: 0, warnings: 0, seconds: 0, validRows: 0)
        errors = []
        warnings = []
        partial = false
        failure = nil
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(valid, forKey: .valid)
        try c.encode("table", forKey: .type)
        try c.encode(place, forKey: .place)
        try c.encode(format, forKey: .format)
        try c.encode(schemaVersion, forKey: .schemaVersion)
        try c.encode(labels, forKey: .labels)
        try c.encode(stats, forKey: .stats)
        try c.encode(partial, forKey: .partial)
        try c.encode(errors, forKey: .errors)
        try c.encode(warnings, forKey: .warnings)
        try c.encodeIfPresent(failure, forKey: .failure)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        place = try c.decode(String.self, forKey: .place)
        format = try c.decode(SourceFormat.self, forKey: .format)
        schemaVersion = try c.decode(String.self, forKey: .schemaVersion)
        labels = try c.decode([String].self, forKey: .labels)
        stats = try c.decode(Stats.self, forKey: .stats)
        errors = try c.decode([ValidationIssue].self, forKey: .errors)
        warnings = try c.decode([ValidationIssue].self, forKey: .warnings)
        partial = try c.decode(Bool.self, forKey: .partial)
        failure = try c.decodeIfPresent(ReadFailure.self, forKey: .failure)
    }
}

/// Why a file could not be read to its end: its bytes are not text of the expected
/// encoding, its format is broken (a JSON cut short, a file with no header), or it could not
/// be opened or read.
public struct ReadFailure: Sendable, Codable, Equatable {
    /// A stable code: `encoding-error`, `format-error` or `scheme-error` (frictionless' types).
    public var code: String
    /// What went wrong and what to do, in French.
    public var message: String
    /// The physical row where reading stopped, when known (header = 1).
    public var rowNumber: Int?

    public init(code: String, message: String, rowNumber: Int? = nil) {
        self.code = code
        self.message = message
        self.rowNumber = rowNumber
    }

    public init(_ error: SourceError) {
        self.init(code: error.code.rawValue, message: error.message, rowNumber: error.rowNumber)
    }
}

extension TaskReport {
    /// Whether the file was read to its end (see ``failure``).
    public var readToEnd: Bool { failure == nil }

    /// Turns a row that validation accepted into a rejected one, for a reason found after
    /// validation (an id that an earlier file of the same import already has).
    public mutating func reject(validRow issue: ValidationIssue, listLimit: Int = ValidationOptions().listLimit) {
        stats.errors += 1
        stats.validRows -= 1
        if errors.count < listLimit { errors.append(issue) } else { partial = true }
    }
}
