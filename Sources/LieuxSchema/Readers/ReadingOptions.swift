/// How to read a producer's file: which sheet of a workbook (the first by default).
public struct ReadingOptions: Sendable, Equatable {
    /// The sheet of a workbook (`.xlsx`, `.ods`) to read; `nil` reads the first one.
    public var sheet: SheetSelection?

    public init(sheet: SheetSelection? = nil) {
        self.sheet = sheet
    }
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
