import Foundation
import Hummingbird
import LieuxSchema

/// `POST /validate`: the validation report of a CSV or JSON file sent as the body.
extension LieuxAPI {
    /// The body is read up to ``ServerConfiguration/maximumBodySize`` (413 above). Its format
    /// comes from `Content-Type` (`text/csv`, `application/json`), else from its first byte
    /// (`[` or `{`: JSON). `schema_version=1.0.2|0.1.0|auto` as for `lieux validate`. The answer
    /// is 200 with the report of `lieux validate --format json`, valid or not.
    @Sendable func validate(_ request: Request, context: LieuxRequestContext) async throws -> Response {
        let parameters = try QueryParameters(query: request.uri.query)
        let version = try ParameterReader(parameters: parameters).schemaVersion()
        let type = request.headers[.contentType]?.lowercased()
        try FileBody.check(type)
        let body = try await BodyReader.collect(request, limit: configuration.maximumBodySize)
        guard !body.isEmpty else {
            throw Problem(
                status: .badRequest, code: "corps-absent", title: "Corps de requête absent",
                detail: "La requête n'a pas de corps : envoyez-y le fichier à valider (CSV ou JSON du standard).")
        }
        let format = FileBody.format(type: type, firstByte: FileBody.firstByte(of: body))
        let validator = Validator(version: version)
        let place = "corps de la requête"
        let task: TaskReport
        do {
            switch format {
            case .json:
                var reader = JSONRowReader(data: body, sourceName: place)
                task = try validator.validate(&reader, place: place)
            case .xlsx, .ods:
                // A workbook is a zip archive, read from a file.
                let file = FileManager.default.temporaryDirectory
                    .appendingPathComponent("lieux-validation-\(UUID().uuidString).\(format.rawValue)")
                defer { try? FileManager.default.removeItem(at: file) }
                do {
                    try Data(body).write(to: file)
                } catch {
                    throw Problem.internalError
                }
                task = try validator.validate(fileAt: file, place: place, format: format)
            case .csv:
                do {
                    var reader = try CSVRowReader(data: Data(body), encoding: .auto)
                    task = try validator.validate(&reader, place: place)
                } catch let error as SourceError {
                    // Unreadable from the start (UTF-16…): a report that says so, as `lieux validate` gives.
                    task = try TaskReport.unreadable(
                        error, place: place, format: .csv, version: version ?? .current, options: validator.options)
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
