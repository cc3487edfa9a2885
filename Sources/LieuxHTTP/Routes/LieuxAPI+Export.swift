import Foundation
import Hummingbird
import LieuxExport
import LieuxModel

/// Full exports over HTTP, with the filters of the items: streamed chunk by chunk from the
/// repository's `forEach`, in constant memory whatever the number of venues.
extension LieuxAPI {
    enum ExportFormat: Sendable {
        case geoJSON, geoJSONSeq, csv

        var contentType: String {
            switch self {
            case .geoJSON: return MediaType.geoJSON
            case .geoJSONSeq: return MediaType.geoJSONSeq
            case .csv: return MediaType.csv
            }
        }

        var fileName: String {
            switch self {
            case .geoJSON: return "lieux.geojson"
            case .geoJSONSeq: return "lieux.geojsonseq"
            case .csv: return "lieux.csv"
            }
        }
    }

    /// Chunks are handed to the client once they pass this size.
    static let chunkSize = 64 * 1024

    /// `GET /export/lieux.{geojson,geojsonseq,csv}`.
    ///
    /// The repository's `forEach` runs on a thread of its own (``ThreadExecutor``) and hands
    /// 64 KiB chunks through a ``ChunkChannel`` of four: when the client reads slowly, the
    /// reading waits. The first chunk is awaited before the response starts, so that a query
    /// that fails at once is still a problem with its status; a failure later cuts the body.
    func export(_ request: Request, format: ExportFormat) async throws -> Response {
        let parameters = try QueryParameters(query: request.uri.query)
        let items = try ItemsParameters(parameters, route: .export, now: configuration.now())
        try await checkArea(items.query.spatial)
        guard exports.acquire() else { throw Problem.busy(retryAfter: 10) }

        let channel = ChunkChannel(capacity: 4)
        let executor = ThreadExecutor(name: "lieux-export")
        let repository = self.repository, query = items.query, exports = self.exports
        let merged = items.fusionner ? CalendarDate.paris(configuration.now()) : nil
        Task(executorPreference: executor) {
            do {
                try await Self.produce(format, query: query, repository: repository, mergedOn: merged, into: channel)
                channel.finish()
            } catch {
                channel.finish(throwing: error)
            }
            exports.release()
            executor.shutdown()
        }

        let first: [UInt8]?
        do {
            first = try await channel.next()
        } catch {
            channel.cancel()
            throw error
        }
        let owner = ChannelOwner(channel)
        let body = ResponseBody { writer in
            let channel = owner.channel
            do {
                if let first { try await writer.write(ByteBuffer(bytes: first)) }
                while let chunk = try await channel.next() {
                    try await writer.write(ByteBuffer(bytes: chunk))
                }
                try await writer.finish(nil)
            } catch {
                channel.cancel()
                throw error
            }
        }
        var headers: HTTPFields = [.contentType: format.contentType, .contentDisposition: "attachment; filename=\"\(format.fileName)\""]
        if format != .csv { headers[.contentCRS] = MediaType.contentCRS84 }
        return Response(status: .ok, headers: headers, body: body)
    }

    /// Writes every venue of `query` in `format`, chunk by chunk, into `channel`; with
    /// `mergedOn` (today), the merged view (one venue per group of duplicates).
    static func produce(
        _ format: ExportFormat, query: LieuQuery, repository: any LieuRepository, mergedOn today: CalendarDate? = nil,
        into channel: ChunkChannel
    ) async throws {
        let capacity = chunkSize + 16 * 1024
        // Each venue with its extra properties, from the repository or from the merged view.
        func forEach(_ body: (FoundLieu, FeatureExtras) throws -> Void) async throws {
            if let today {
                for merged in try await repository.mergedMatches(query, today: today) { try body(merged.found, mergedExtras(merged, today: today)) }
            } else {
                try await repository.forEach(query) { found in try body(found, FeatureExtras(sourceImport: found.source, distance: found.distance)) }
            }
        }
        switch format {
        case .geoJSON:
            var writer = GeoJSONWriter(sink: DataSink(capacity: capacity))
            try writer.begin()
            try await forEach { found, extras in
                try writer.write(found.lieu, extras: extras)
                if writer.sink.count >= chunkSize { try channel.send(writer.sink.takeBytes()) }
            }
            try writer.end()
            try channel.send(writer.sink.takeBytes())
        case .geoJSONSeq:
            var writer = GeoJSONSeqWriter(sink: DataSink(capacity: capacity))
            try await forEach { found, extras in
                try writer.write(found.lieu, extras: extras)
                if writer.sink.count >= chunkSize { try channel.send(writer.sink.takeBytes()) }
            }
            try writer.end()
            if writer.sink.count > 0 { try channel.send(writer.sink.takeBytes()) }
        case .csv:
            var writer = CSVWriter(sink: DataSink(capacity: capacity))
            try writer.begin()
            try await forEach { found, _ in
                try writer.write(found.lieu)
                if writer.sink.count >= chunkSize { try channel.send(writer.sink.takeBytes()) }
            }
            try writer.end()
            try channel.send(writer.sink.takeBytes())
        }
    }
}
