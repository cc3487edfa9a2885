import ArgumentParser
import Foundation
import OpeningHours

/// `lieux horaires`: checks an `opening_hours` value by hand.
struct HorairesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "horaires",
        abstract: "Vérifie des horaires au format OpenStreetMap opening_hours : ouvert ou fermé à un instant, semaine, prochain changement.",
        discussion: """
            Exemple : lieux horaires "Mo-Fr 09:00-12:00,14:00-18:00; Sa 09:00-12:00" --at 2026-12-24T10:00
            Les instants sans décalage sont à l'heure de Paris. Code de sortie : 0 si les horaires sont
            lisibles, 1 sinon (avec la position de l'erreur et une correction proposée).
            """
    )

    @Argument(help: "La valeur du champ horaires, entre guillemets.")
    var expression: String

    @Option(help: "Instant ISO 8601 (AAAA-MM-JJTHH:MM, heure de Paris sans décalage) ; par défaut : maintenant.")
    var at: String?

    func run() throws {
        let instant: Date
        if let at {
            guard let date = ParisTime.parse(at) else {
                printError("Erreur : « \(at) » n'est pas un instant ISO 8601 (ex. 2026-12-24T10:00 ou 2026-12-24T10:00+01:00).")
                throw ExitCode(2)
            }
            instant = date
        } else {
            instant = Date()
        }
        let hours: OpeningHours
        do {
            hours = try OpeningHours(parsing: expression)
        } catch {
            print("Horaires illisibles : \(error.message)")
            print("  \(expression)")
            print("  " + String(repeating: " ", count: error.position) + "^ attendu : \(error.expected)")
            if let suggestion = OpeningHours.suggestCorrection(for: expression) {
                print("Proposition : \(suggestion)")
            }
            throw ExitCode(1)
        }
        let paris = OpeningHours.defaultTimeZone
        print("Forme normalisée : \(hours.normalized)")
        print("\(ParisTime.format(instant)) : \(hours.state(at: instant).frenchLabel)")
        if let next = hours.nextChange(after: instant) {
            print("Prochain changement : \(ParisTime.format(next))")
        }
        print("Semaine :")
        for day in hours.week(containing: instant, timeZone: paris) {
            print("  \(day)")
        }
    }
}

/// Instants written and read in Paris time.
enum ParisTime {
    static let zone = TimeZone(identifier: "Europe/Paris")!

    /// `2026-12-24T10:00` (Paris time), with seconds or an offset (`Z`, `+01:00`) if given.
    static func parse(_ text: String) -> Date? {
        let withOffset = ISO8601DateFormatter()
        if let date = withOffset.date(from: text) { return date }
        withOffset.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = withOffset.date(from: text) { return date }
        for format in ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = zone
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }

    /// `mardi 24 novembre 2026 à 10:00`.
    static func format(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "fr_FR")
        formatter.timeZone = zone
        formatter.dateFormat = "EEEE d MMMM yyyy 'à' HH:mm"
        return formatter.string(from: date)
    }
}
