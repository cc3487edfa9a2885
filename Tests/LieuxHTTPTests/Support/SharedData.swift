@_exported import LieuxTestSupport
import Testing

extension SharedData {
    /// The comment of tests skipped when `../shared/data` is absent.
    static var absent: Comment { Comment(rawValue: absentMessage) }
}
