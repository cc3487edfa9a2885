import Foundation
import Hummingbird
import LieuxSchema

/// `POST /validate`: the validation report of a CSV or JSON file sent as the body.
extension LieuxAPI {
    /// The body is read up to ``ServerConfiguration/maximumBodySize`` (413 above). Its format
    /// comes from `Content-Type` (`text/csv`, `application/json`), else from its first byte
    /// (`[` or `{`: JSON). `schema_version=1.0.2|0.1.0|auto` as for `lieux validate`. The answer
    /// is 200 with the report of `lieux validate --format json`, valid or not.
    @Sendable func validate(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let parameters = try QueryParameters(query: request.uri.query)
        let version: SchemaVersion?
        switch try ParameterReader(parameters: parameters).text("schema_version") {
        case nil, "auto": version = nil
        case let text?:
            guard let known = SchemaVersion(rawValue: text) else {
                throw Problem.invalidParameter(
                    "schema_version", "« \(text) » n'est pas une version du standard : 1.0.2, 0.1.0 ou auto.",
                    allowed: ["auto"] + SchemaVersion.allCases.map(\.rawValue))
            }
            version = known
        }
        let type = request.headers[.contentType]?.lowercased()
        if let type, !(type.contains("csv") || type.contains("json") || type.hasPrefix("text/plain") || type.hasPrefix("application/octet-stream")) {
            throw Problem.unsupportedMediaType(type, accepted: ["text/csv", "application/json"])
        }
        let body = try await BodyReader.collect(request, limit: configuration.maximumBodySize)
        let format: SourceFormat
        if let type, type.contains("json") {
            format = .json
        } else if let type, type.contains("csv") {
            format = .csv
        } else {
            let first = body.first { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }
            format = first == UInt8(ascii: "[") || first == UInt8(ascii: "{") ? .json : .csv
        }
        let validator = Validator(version: version)
        let place = "corps de la requête"
        let task: TaskReport
        do {
            switch format {
            case .json:
                var reader = JSONRowReader(data: body, sourceName: place)
                task = try validator.validate(&reader, place: place)
            case .csv:
                do {
                    var reader = try CSVRowReader(data: body)
                    task = try validator.validate(&reader, place: place)
                } catch let error as SourceError {
                    // Unreadable from the start (UTF-16…): a report that says so, as `lieux validate` gives.
                    var session = try ValidationSession(
                        schema: (version ?? .current).schema, place: place, format: .csv, options: validator.options)
                    session.fail(error)
                    task = session.finish()
                }
            }
        } catch let error as SchemaError {
            logger.error("Validation : schéma inutilisable : \(error.message)")
            throw Problem.internalError
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(ValidationReport(tasks: [task]))
        var response = Response(
            status: .ok, headers: [.contentType: MediaType.json], body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
        response.headers[.cacheControl] = "no-store"
        return response
    }
}
