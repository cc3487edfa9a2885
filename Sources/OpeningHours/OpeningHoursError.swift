import Foundation

/// Why an `opening_hours` value could not be read: a stable code, where, what was expected,
/// and a French sentence for the person who wrote it.
public struct OpeningHoursError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kinds of mistakes, stable across versions (their raw values are used in reports).
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// The value is empty or made of spaces.
        case empty
        /// A character that cannot stand where it is.
        case unexpectedCharacter
        /// The value stops where something else was expected.
        case unexpectedEnd
        /// A word that is not part of the syntax (`Lundi`, `h`, `fermé`…).
        case unknownWord
        /// A French or misspelled day name (`Lundi`, `Lu`) where a day was expected.
        case unknownWeekday
        /// A time was expected (`HH:MM`).
        case expectedTime
        /// An hour written with one digit (`9:00` instead of `09:00`).
        case hourNotTwoDigits
        /// An hour without minutes (`14-17`) or in French notation (`9h`, `14h30`).
        case invalidTimeFormat
        /// An hour or minute out of range (`25:00`, `09:60`).
        case timeOutOfRange
        /// A time alone where a time span was expected (`Sa 17:00`).
        case loneTime
        /// A span with two dashes (`12:00-14:00-17:00`).
        case chainedTimeRange
        /// Spaces around the dash of a time span (`08:30 - 12:00`).
        case spaceInTimeRange
        /// A colon after the days (`Mo-Fr: 09:00-17:00`).
        case misplacedColon
        /// A day of month, week number, year or nth weekday out of range.
        case numberOutOfRange
        /// A `"` comment that is never closed.
        case unterminatedComment
        /// A rule separator with nothing after it (`Mo 09:00-12:00;`).
        case trailingSeparator
        /// Two separators in a row (`;;`), or a rule with nothing in it.
        case emptyRule
        /// Two rules written one after the other with no `;` between them.
        case missingSeparator
        /// Syntax that exists in `opening_hours` but that Lieux does not evaluate
        /// (sunrise, sunset, easter, day offsets, repeated spans).
        case unsupported
    }

    /// What kind of mistake.
    public var code: Code
    /// 0-based offset, in characters, in the value where reading failed.
    public var position: Int
    /// What was expected at ``position``, in French (« une heure (HH:MM) »).
    public var expected: String
    /// A full French sentence: what is wrong, where (character number counted from 1), what to do.
    public var message: String

    /// Creates an error.
    public init(code: Code, position: Int, expected: String, message: String) {
        self.code = code
        self.position = position
        self.expected = expected
        self.message = message
    }

    public var description: String { message }
}
