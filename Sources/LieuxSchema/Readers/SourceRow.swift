/// One record read from a tabular source, before any typing.
public struct SourceRow: Sendable, Equatable {
    /// The row's position as frictionless counts it: the header is row 1, every record
    /// after it (blank ones included) adds one, whatever newlines its quoted cells hold.
    public var number: Int
    /// Cells in the order of the reader's labels. `nil` means absent: a JSON key that is
    /// missing or `null`. A CSV cell is never `nil`; an empty CSV cell is `""`.
    public var cells: [String?]

    public init(number: Int, cells: [String?]) {
        self.number = number
        self.cells = cells
    }
}
