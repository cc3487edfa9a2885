import Foundation
import HTTPTypes
import Hummingbird
import LieuxModel
import OpeningHours

extension LieuxAPI {
    /// `GET /collections/lieux/items/{featureId}/horaires`: a venue's opening hours read for
    /// people — open or closed now (or at `ouvert=…`), the next change, and the week.
    @Sendable func horaires(_ request: Request, context: LieuxRequestContext) async throws -> Response {
        let parameters = try QueryParameters(query: request.uri.query)
        let instant = try ParameterReader(parameters: parameters).openAt(now: configuration.now()) ?? configuration.now()
        let found = try await requireLieu(context).found
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = OpeningHours.defaultTimeZone
        formatter.formatOptions = [.withInternetDateTime]
        var members: [(String, JSONValue)] = [
            ("id", .string(found.lieu.id.rawValue)),
            ("source_import", .string(found.source)),
            ("instant", .string(formatter.string(from: instant))),
        ]
        guard let value = found.lieu.horaires else {
            members += [("horaires", .null), ("etat", .string(OpeningState.unknown.rawValue)),
                        ("message", .string("Ce lieu n'a pas renseigné ses horaires."))]
            return json(.object(members.map { JSONValue.Member(key: $0.0, value: $0.1) }))
        }
        members.append(("horaires", .string(value)))
        do {
            let hours = try OpeningHours(parsing: value)
            let status = hours.status(at: instant, timeZone: OpeningHours.defaultTimeZone)
            members += [
                ("normalise", .string(hours.normalized)),
                ("etat", .string(status.state.rawValue)),
                ("libelle", .string(status.state.frenchLabel)),
            ]
            if let comment = status.comment { members.append(("commentaire", .string(comment))) }
            members.append(("prochain_changement", hours.nextChange(after: instant).map { .string(formatter.string(from: $0)) } ?? .null))
            let week = hours.week(containing: instant).map { day -> JSONValue in
                var entries: [(String, JSONValue)] = [
                    ("date", .string(CalendarDate(year: day.year, month: day.month, day: day.day)?.description ?? "")),
                    ("jour", .string(day.dayName)),
                    ("plages", .array(day.intervals.map { .string($0.description) })),
                ]
                if let holiday = day.publicHoliday { entries.append(("jour_ferie", .string(holiday))) }
                return .object(entries.map { JSONValue.Member(key: $0.0, value: $0.1) })
            }
            members.append(("semaine", .array(week)))
        } catch {
            members += [
                ("etat", .string(OpeningState.unknown.rawValue)),
                ("erreur", .string(error.message)),
                ("position", .integer(error.position)),
                ("suggestion", OpeningHours.suggestCorrection(for: value).map(JSONValue.string) ?? .null),
            ]
        }
        return json(.object(members.map { JSONValue.Member(key: $0.0, value: $0.1) }))
    }

    private func json(_ value: JSONValue) -> Response {
        Response(
            status: .ok, headers: [.contentType: MediaType.json],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: value.serialized(indent: true))))
    }
}
