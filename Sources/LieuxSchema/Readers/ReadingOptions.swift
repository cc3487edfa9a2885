import LieuxModel

/// How to read a producer's file: which sheet of a workbook, which text encoding of a CSV
/// file. The defaults read what most files are: the first sheet, the encoding detected.
public struct ReadingOptions: Sendable {
    /// The sheet of a workbook (`.xlsx`, `.ods`) to read; `nil` reads the first one.
    public var sheet: SheetSelection?
    /// The text encoding of a CSV file.
    public var encoding: TextEncodingChoice
    /// How a producer's own file maps to the standard, when it is not in the standard.
    public var correspondance: Correspondance?
    /// When given, a venue without coordinates gets its commune's (`--positions-communes`).
    public var communePositions: CommuneGazetteer?
    /// The delimiter of a CSV file's cells; `nil` detects it from the header.
    public var delimiter: UInt8?

    public init(
        sheet: SheetSelection? = nil, encoding: TextEncodingChoice = .auto, correspondance: Correspondance? = nil,
        communePositions: CommuneGazetteer? = nil
    ) {
        self.sheet = sheet
        self.encoding = encoding
        self.correspondance = correspondance
        self.communePositions = communePositions
    }

    /// How to read the producer's own file under `correspondance`: its sheet, encoding and
    /// delimiter where these options leave them to the file, and neither the correspondence
    /// nor the commune positions, which apply to the converted rows.
    public func producerFile(of correspondance: Correspondance) -> ReadingOptions {
        var own = self
        own.correspondance = nil
        own.communePositions = nil
        if own.sheet == nil { own.sheet = correspondance.sheet }
        if own.encoding == .auto { own.encoding = correspondance.encoding }
        if own.delimiter == nil { own.delimiter = correspondance.delimiter }
        return own
    }
}

/// Any reader, as a reader (to wrap one whose type is known only when the file is opened).
public struct AnyRowReader: RowReader {
    private var base: any RowReader

    public init(_ base: any RowReader) { self.base = base }

    public var format: SourceFormat { base.format }
    public var labels: [String] { base.labels }
    public mutating func nextRow() throws(SourceError) -> SourceRow? { try base.nextRow() }
    public mutating func takeIssues() -> [ValidationIssue] { base.takeIssues() }
}

/// A sheet of a workbook, by its name or its position (from 1).
public enum SheetSelection: Sendable, Equatable, CustomStringConvertible {
    case name(String)
    case position(Int)

    /// `3` is the third sheet, anything else a name.
    public init(_ text: String) {
        if let number = Int(text), number >= 1 { self = .position(number) } else { self = .name(text) }
    }

    public var description: String {
        switch self {
        case .name(let name): return "« \(name) »"
        case .position(let position): return "n° \(position)"
        }
    }
}
