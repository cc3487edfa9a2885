/// A reader that can look at its first rows before handing them out, to detect a file's
/// version from its values.
public struct PeekingRowReader<Base: RowReader>: RowReader {
    private var base: Base
    private var pending: [SourceRow] = []
    private var failure: SourceError?

    public init(_ base: Base) { self.base = base }

    public var format: SourceFormat { base.format }
    public var labels: [String] { base.labels }

    /// Reads up to `count` rows ahead and returns them; `nextRow()` will return them again.
    /// A read error is kept and thrown by `nextRow()` once the rows before it are out.
    public mutating func peek(_ count: Int) -> [SourceRow] {
        while failure == nil && pending.count < count {
            do {
                guard let row = try base.nextRow() else { break }
                pending.append(row)
            } catch {
                failure = error
            }
        }
        return pending
    }

    public mutating func nextRow() throws(SourceError) -> SourceRow? {
        if !pending.isEmpty { return pending.removeFirst() }
        if let failure { throw failure }
        return try base.nextRow()
    }

    public mutating func takeIssues() -> [ValidationIssue] { base.takeIssues() }
}
