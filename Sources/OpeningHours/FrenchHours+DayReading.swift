import Foundation

extension FrenchHours {
    /// What one cell of a day's (or half-day's) column says.
    struct DayReading: Equatable {
        enum Kind: Equatable {
            /// Empty, `-`: nothing said.
            case empty
            /// `Fermé`, `Pas d'accueil`.
            case closed
            /// Times, in the order written.
            case open
            /// `x`: open, hours not given.
            case marked
            /// No time, only words the syntax cannot say (`Sur rendez-vous`, `Itinérance`).
            case noteOnly
            /// Times that could not be read.
            case unreadable
        }

        var kind: Kind
        var times: [Int] = []
        var notes: [String] = []
        /// `17h-19h (semaines paires)`.
        var weeks: WeekParity?

        init(kind: Kind, times: [Int] = [], notes: [String] = [], weeks: WeekParity? = nil) {
            self.kind = kind
            self.times = times
            self.notes = notes
            self.weeks = weeks
        }

        /// Reads a cell of a day's column; the day's own name in it is allowed (`Jeudi 14h-17h`
        /// in the `jeudi` column).
        init(_ cell: String, day: Weekday? = nil) {
            let trimmed = cell.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty || ["-", "–", "—", "/", "_"].contains(trimmed) {
                self.init(kind: .empty)
                return
            }
            if trimmed.lowercased() == "x" {
                self.init(kind: .marked)
                return
            }
            let text = FrenchHoursText(trimmed)
            var times: [Int] = []
            var notes: [String] = []
            var closed = false
            var understood = true
            let openEnds = FrenchHoursText.openEndTimes(text.pieces)
            for (index, piece) in text.pieces.enumerated() {
                switch piece {
                case let .time(value):
                    times.append(value)
                    if openEnds.contains(index) { times.append(FrenchHours.openEnd) }
                case let .number(value):
                    let previous = index > 0 ? text.pieces[index - 1] : nil
                    let next = index + 1 < text.pieces.count ? text.pieces[index + 1] : nil
                    let besideRange = [FrenchHoursText.Piece.to, .dash, .slash].contains { $0 == previous || $0 == next }
                        || { if case .time = next { true } else if case .time = previous { true } else { false } }()
                    if value <= 24, besideRange || text.pieces.count <= 2 { times.append(value * 60) } else { understood = false }
                case .allDay:
                    times += [0, 1440]
                case .closed:
                    closed = true
                case let .note(number):
                    notes.append(text.notes[number].text)
                case .to, .dash, .slash, .separator, .letter, .openEnd:
                    continue
                case let .day(named) where named == day:
                    continue
                case .day, .allDays, .except, .unknown:
                    understood = false
                }
            }
            // `00:00 - 00:00` stands for nothing.
            if times.count.isMultiple(of: 2) {
                times = stride(from: 0, to: times.count, by: 2)
                    .filter { times[$0] != 0 || times[$0 + 1] != 0 }
                    .flatMap { [times[$0], times[$0 + 1]] }
                if times.isEmpty, notes.isEmpty, !closed, understood, text.pieces.contains(where: {
                    if case .time = $0 { true } else { false }
                }) {
                    self.init(kind: .empty)
                    return
                }
            }
            let hasDigits = trimmed.contains { $0.isASCII && $0.isNumber }
            if !understood {
                if hasDigits {
                    self.init(kind: .unreadable)
                } else {
                    // Words only (`Itinérance`): the day's hours are unknown, the cell says why.
                    self.init(kind: .noteOnly, notes: [trimmed])
                }
            } else if closed, times.isEmpty {
                self.init(kind: .closed, notes: notes)
            } else if times.isEmpty {
                self.init(kind: notes.isEmpty ? .unreadable : .noteOnly, notes: notes)
            } else {
                // `Fermé / 14:00-18:00`, `8h30 à 12h30 - Fermé`: the half-day not given is closed.
                self.init(kind: .open, times: times, notes: notes, weeks: text.weeks)
            }
        }

        /// A day from its morning and afternoon.
        static func joined(_ halves: [DayReading]) -> DayReading {
            let kinds = halves.map(\.kind)
            if kinds.contains(.unreadable) || kinds.contains(.marked) { return DayReading(kind: .unreadable) }
            let notes = halves.flatMap(\.notes)
            let times = halves.flatMap(\.times)
            let weeks = Set(halves.compactMap(\.weeks))
            guard weeks.count <= 1 else { return DayReading(kind: .unreadable) }
            if !times.isEmpty { return DayReading(kind: .open, times: times, notes: notes, weeks: weeks.first) }
            if kinds.contains(.noteOnly) { return DayReading(kind: .noteOnly, notes: notes) }
            if kinds.contains(.closed) { return DayReading(kind: .closed, notes: notes) }
            return DayReading(kind: .empty)
        }
    }
}
