import Foundation

/// The canonical text of a rule: selectors in the order of the syntax, one space between
/// them, keywords in their usual spelling (`off` for `closed`).
extension Rule {
    var normalized: String {
        var parts: [String] = []
        if isTwentyFourSeven { parts.append("24/7") }
        if !years.isEmpty { parts.append(years.map(\.normalized).joined(separator: ",")) }
        if !monthdays.isEmpty { parts.append(monthdays.map(\.normalized).joined(separator: ",")) }
        if !weeks.isEmpty { parts.append("week " + weeks.map(\.normalized).joined(separator: ",")) }
        if !weekdays.isEmpty { parts.append(weekdays.map(\.normalized).joined(separator: ",")) }
        if !holidayWeekdays.isEmpty { parts.append(holidayWeekdays.map(\.normalized).joined(separator: ",")) }
        if !times.isEmpty { parts.append(times.map(\.normalized).joined(separator: ",")) }
        switch modifier {
        case .open: parts.append("open")
        case .closed: parts.append("off")
        case .unknown: parts.append("unknown")
        case nil: break
        }
        if let comment { parts.append("\"" + comment + "\"") }
        return parts.joined(separator: " ")
    }
}
