import Foundation

/// The UTC offsets of a time zone, precomputed once so that turning an instant into local
/// time is a binary search over its transitions instead of a `Calendar` call.
///
/// Tables cover 1970 to 2100; outside that span the time zone itself is asked. Tables are
/// shared per time zone identifier: ``offsets(for:)`` builds each at most once.
public final class TimeZoneOffsets: Sendable {
    /// The time zone described.
    public let timeZone: TimeZone
    /// UTC seconds at which each offset starts (the first entry is the start of the table).
    let starts: [Int]
    /// Offset in seconds in force from the matching start.
    let offsets: [Int]
    let tableEnd: Int

    static let tableStart = 0 // 1970-01-01T00:00:00Z
    static let tableLimit = 4_102_444_800 // 2100-01-01T00:00:00Z

    /// Builds the table of a time zone.
    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
        var starts = [Self.tableStart]
        var offsets = [timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(Self.tableStart)))]
        var cursor = Date(timeIntervalSince1970: TimeInterval(Self.tableStart))
        while let next = timeZone.nextDaylightSavingTimeTransition(after: cursor),
              next.timeIntervalSince1970 < TimeInterval(Self.tableLimit), next > cursor {
            let offset = timeZone.secondsFromGMT(for: next)
            if offset != offsets.last {
                starts.append(Int(next.timeIntervalSince1970.rounded(.down)))
                offsets.append(offset)
            }
            cursor = next
        }
        self.starts = starts
        self.offsets = offsets
        self.tableEnd = Self.tableLimit
    }

    /// The offset from UTC, in seconds, in force at an instant given in UTC seconds.
    @inline(__always)
    public func offset(atUTC seconds: Int) -> Int {
        guard seconds >= Self.tableStart, seconds < tableEnd else {
            return timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
        }
        var low = 0
        var high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) >> 1
            if starts[middle] <= seconds { low = middle } else { high = middle - 1 }
        }
        return offsets[low]
    }

    /// The instants (UTC seconds) where the offset changes within a span, in order.
    func transitions(from start: Int, to end: Int) -> [Int] {
        starts.dropFirst().filter { $0 > start && $0 <= end }
    }

    /// Europe/Paris, the time zone of metropolitan venues.
    public static let paris = TimeZoneOffsets(timeZone: TimeZone(identifier: "Europe/Paris")!)

    /// The shared table of a time zone (Europe/Paris without a lookup).
    public static func offsets(for timeZone: TimeZone) -> TimeZoneOffsets {
        if timeZone.identifier == paris.timeZone.identifier { return paris }
        return cache.withLock { tables in
            if let table = tables[timeZone.identifier] { return table }
            let table = TimeZoneOffsets(timeZone: timeZone)
            tables[timeZone.identifier] = table
            return table
        }
    }

    private static let cache = LockedTables()
}

/// The tables of time zones other than Paris, behind a lock.
private final class LockedTables: @unchecked Sendable {
    private let lock = NSLock()
    private var tables: [String: TimeZoneOffsets] = [:]

    func withLock<T>(_ body: (inout [String: TimeZoneOffsets]) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&tables)
    }
}
