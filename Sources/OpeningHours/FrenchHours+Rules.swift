import Foundation

/// Free French text into rules: days, times, closed days, exceptions and notes, as read in
/// ``FrenchHoursText``'s pieces.
extension FrenchHours {
    /// A rule being written.
    struct Segment {
        var days: UInt8 = 0
        var times: [Int] = []
        var closed = false
        /// `lundi fermé`: days then `fermé`, nothing more to add.
        var closedComplete = false
        /// After `sauf`.
        var inExcept = false
        var exceptDays: UInt8 = 0
        var exceptTimes: [Int] = []
        /// Hours were given before `sauf`: hours after the excepted days are theirs.
        var timedBeforeExcept = false
        var notes: [String] = []
        /// A day named by a note (`1 samedi sur 2`): `unknown` with the note.
        var unknownDay = false

        var isEmpty: Bool {
            days == 0 && times.isEmpty && !closed && !inExcept && notes.isEmpty
        }
    }

    /// What free text says as rules of the syntax; `nil` when some part is not understood.
    struct Reading {
        /// The value, rules joined.
        var text: String
        var notes: [String]
    }

    static func read(_ text: FrenchHoursText) -> Reading? {
        let pieces = text.pieces
        var segments: [Segment] = []
        var current = Segment()
        var pendingNotes: [String] = []
        var lastDay: Weekday?
        var rangePending = false
        var holidaysOff = false
        var notes: [String] = []

        func push() {
            if !current.isEmpty { segments.append(current) }
            current = Segment()
            lastDay = nil
            rangePending = false
        }
        func nextMeaningful(after index: Int) -> FrenchHoursText.Piece? {
            var next = index + 1
            while next < pieces.count, pieces[next] == .separator { next += 1 }
            return next < pieces.count ? pieces[next] : nil
        }
        func isTimeLike(_ piece: FrenchHoursText.Piece?) -> Bool {
            switch piece {
            case .time, .to, .dash, .slash: true
            default: false
            }
        }

        let openEnds = FrenchHoursText.openEndTimes(pieces)
        for (index, piece) in pieces.enumerated() {
            switch piece {
            case let .day(day):
                let mask: UInt8 = if rangePending, let first = lastDay {
                    DayFilter.mask(from: first, to: day)
                } else {
                    1 << UInt8(day.rawValue)
                }
                if current.inExcept, current.exceptTimes.isEmpty {
                    current.exceptDays |= mask
                } else {
                    if !current.times.isEmpty || current.closedComplete || current.inExcept
                        || (current.closed && current.days != 0 && !rangePending && lastDay == nil) {
                        push()
                    }
                    current.days |= mask
                }
                rangePending = false
                lastDay = day
            case .allDays:
                if !current.times.isEmpty || current.closedComplete || current.inExcept { push() }
                current.days = 0x7F
            case .allDay:
                if current.closed, current.days != 0 { push() }
                current.times += [0, 1440]
                lastDay = nil
            case .to, .dash, .slash:
                if lastDay != nil, case .day = nextMeaningful(after: index), piece != .slash {
                    rangePending = true
                }
            case let .time(minutes), let .number(minutes):
                var value = minutes
                if case .number = piece {
                    value = minutes * 60
                    // A bare number is an hour only beside a range (`9-12h`, `de 14h à 16`).
                    let previous = index > 0 ? pieces[index - 1] : nil
                    let next = index + 1 < pieces.count ? pieces[index + 1] : nil
                    guard minutes <= 24, isTimeLike(previous) || isTimeLike(next) else { return nil }
                }
                if current.closed, current.days != 0 { push() }
                // `sauf le mercredi de 9h à 12h` after the hours: the exception's own hours;
                // `tous les jours sauf le dimanche 10h-19h`: the hours of the other days.
                if current.inExcept, current.exceptDays != 0, current.timedBeforeExcept {
                    current.exceptTimes.append(value)
                } else {
                    current.times.append(value)
                    if openEnds.contains(index) { current.times.append(openEnd) }
                }
                lastDay = nil
                rangePending = false
            case .closed:
                if current.days != 0, current.times.isEmpty, !current.closed, !current.inExcept {
                    current.closed = true
                    current.closedComplete = true
                } else {
                    push()
                    current.closed = true
                }
            case .except:
                current.inExcept = true
                current.timedBeforeExcept = !current.times.isEmpty
                lastDay = nil
            case let .note(number):
                let note = text.notes[number]
                if !note.holidaysOff { notes.append(note.text) }
                if note.holidaysOff {
                    holidaysOff = true
                } else if let day = note.day {
                    push()
                    segments.append(Segment(days: 1 << UInt8(day.rawValue), notes: [note.text], unknownDay: true))
                } else if !current.isEmpty {
                    current.notes.append(note.text)
                } else if !segments.isEmpty {
                    segments[segments.count - 1].notes.append(note.text)
                } else {
                    pendingNotes.append(note.text)
                }
            case .separator, .letter, .openEnd:
                break
            case .unknown:
                return nil
            }
        }
        push()
        if !pendingNotes.isEmpty {
            if segments.isEmpty { segments.append(Segment()) }
            segments[0].notes = pendingNotes + segments[0].notes
        }

        // Times written before their days (`de 8h30 à 19h du lundi au vendredi`).
        var index = 1
        while index < segments.count {
            let previous = segments[index - 1]
            let segment = segments[index]
            if previous.days == 0, !previous.times.isEmpty, !previous.closed, !previous.inExcept,
               segment.days != 0, segment.times.isEmpty, !segment.closed, !segment.unknownDay, !segment.inExcept {
                segments[index - 1].days = segment.days
                segments[index - 1].notes += segment.notes
                segments.remove(at: index)
            } else {
                index += 1
            }
        }

        // `sauf le mercredi (de 9h à 12h)`.
        var expanded: [Segment] = []
        for var segment in segments {
            guard segment.inExcept else {
                expanded.append(segment)
                continue
            }
            guard segment.exceptDays != 0 else { return nil }
            let days: UInt8 = segment.days == 0 ? 0x7F : segment.days
            let exception = Segment(days: segment.exceptDays & days, times: segment.exceptTimes)
            segment.days = days & ~segment.exceptDays
            segment.inExcept = false
            guard segment.days != 0 else { return nil }
            expanded.append(segment)
            if !exception.times.isEmpty { expanded.append(exception) }
        }

        // Rules of opening, with their days and times to choose how each joins the ones
        // before: a rule on days already given adds to them when its times are others
        // (`lundi au vendredi 9h-12h, mardi 18h-20h`), replaces them when they overlap
        // (`lundi au vendredi 9h-18h, mercredi 9h-12h`).
        var openRules: [(days: UInt8, times: [Int], text: String)] = []
        var unknownRules: [String] = []
        var closedRules: [String] = []
        let dated = expanded.contains { $0.days != 0 }
        for segment in expanded {
            let days = segment.days == 0 ? "" : FrenchHoursReader.daysText(segment.days)
            let comment = segment.notes.isEmpty ? "" : " " + commentText(segment.notes)
            if segment.unknownDay {
                guard segment.times.isEmpty else { return nil }
                unknownRules.append(days + " unknown" + comment)
            } else if segment.closed {
                guard segment.times.isEmpty else { return nil }
                if segment.days == 0, expanded.count > 1 { return nil }
                closedRules.append((days.isEmpty ? "" : days + " ") + "off" + comment)
            } else if segment.times.isEmpty {
                guard !segment.notes.isEmpty else { return nil }
                unknownRules.append((days.isEmpty ? "" : days + " ") + "unknown" + comment)
            } else {
                // Times without days beside rules with days: whose are they?
                if segment.days == 0, dated { return nil }
                guard let spans = spans(segment.times) else { return nil }
                let allWeek = segment.days == 0x7F ? "Mo-Su " : (days.isEmpty ? "" : days + " ")
                openRules.append((segment.days == 0 ? 0x7F : segment.days, segment.times, allWeek + spans + comment))
            }
        }
        if holidaysOff { closedRules.append("PH off") }
        // Times with no day at all: the syntax reads them as every day, the text did not say.
        if !dated, !openRules.isEmpty, openRules.map(\.text) != ["00:00-24:00"] {
            notes.append(undatedNote)
        }
        let weekPrefix = text.weeks.map { $0.selector + " " } ?? ""
        var value = ""
        for (offset, rule) in openRules.enumerated() {
            if offset > 0 {
                let earlier = openRules[..<offset]
                let additional = earlier.contains { $0.days & rule.days != 0 }
                    && earlier.allSatisfy { $0.days & rule.days == 0 || disjoint($0.times, rule.times) }
                value += additional ? ", " : "; "
            }
            value += weekPrefix + rule.text
        }
        for rule in unknownRules {
            value += (value.isEmpty ? "" : "; ") + weekPrefix + rule
        }
        for rule in closedRules {
            value += (value.isEmpty ? "" : "; ") + rule
        }
        if value == "Mo-Su 00:00-24:00" || value == "00:00-24:00" { value = "24/7" }
        guard !value.isEmpty else { return nil }
        return Reading(text: value, notes: notes)
    }

    static let undatedNote = "jours non précisés"

    /// In a list of times, the end of a span open without an end (`19:00+`).
    static let openEnd = -1

    /// Times taken in pairs, opening then closing (`09:00-12:00,14:00-17:00`); `nil` when
    /// they do not make ordered spans.
    static func spans(_ times: [Int]) -> String? {
        guard !times.isEmpty, times.count.isMultiple(of: 2) else { return nil }
        var merged: [(start: Int, end: Int)] = []
        var previousEnd = 0
        for pair in stride(from: 0, to: times.count, by: 2) {
            let start = times[pair]
            var end = times[pair + 1]
            if end == openEnd {
                guard start >= previousEnd, start < 1440 else { return nil }
                merged.append((start, openEnd))
                previousEnd = start
                continue
            }
            // `00:00 - 00:00` stands for nothing; a span written twice is the same span.
            if start == 0, end == 0 { continue }
            if pair >= 2, times[pair - 2] == start, times[pair - 1] == times[pair + 1] { continue }
            if end == 0 { end = 1440 }
            guard start < 1440, end <= 1440 else { return nil }
            if end <= start {
                // Past midnight (`22h-2h`) only from the evening to the small hours.
                guard start >= 17 * 60, end <= 6 * 60, pair + 2 == times.count else { return nil }
                end += 1440
            }
            guard start >= previousEnd else { return nil }
            if let last = merged.last, last.end == start, start != 0 {
                // `9h-12h` then `12h-17h`: one span.
                merged[merged.count - 1].end = end
            } else {
                merged.append((start, end))
            }
            previousEnd = end
        }
        let parts = merged.map {
            $0.end == openEnd ? TimeSpan.clock($0.start) + "+" : TimeSpan.clock($0.start) + "-" + TimeSpan.clock($0.end)
        }
        return parts.isEmpty ? nil : parts.joined(separator: ",")
    }

    /// Whether two lists of times (in pairs) have no minute in common.
    static func disjoint(_ first: [Int], _ second: [Int]) -> Bool {
        for a in stride(from: 0, to: first.count - 1, by: 2) {
            for b in stride(from: 0, to: second.count - 1, by: 2) {
                let (startA, endA) = (first[a], first[a + 1] <= first[a] ? max(first[a + 1], 0) + 1440 : first[a + 1])
                let (startB, endB) = (second[b], second[b + 1] <= second[b] ? max(second[b + 1], 0) + 1440 : second[b + 1])
                if startA < endB, startB < endA { return false }
            }
        }
        return true
    }

    /// Notes as one comment of the syntax (no double quote inside).
    static func commentText(_ notes: [String]) -> String {
        let text = notes.map { $0.replacingOccurrences(of: "\"", with: "'") }
            .joined(separator: ", ")
            .replacingOccurrences(of: "\n", with: " ")
        return "\"" + text + "\""
    }
}
