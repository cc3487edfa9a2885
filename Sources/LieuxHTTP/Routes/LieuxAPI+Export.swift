import Foundation
import Hummingbird
import LieuxExport
import LieuxModel

/// Full exports over HTTP, with the filters of the items: streamed chunk by chunk from the
/// repository's `forEach`, in constant memory whatever the number of venues.
extension ExportFormat {
    /// The media type of the HTTP export.
    var contentType: String {
        switch self {
        case .geojson: return MediaType.geoJSON
        case .geojsonseq: return MediaType.geoJSONSeq
        case .csv: return MediaType.csv
        }
    }

    /// The HTTP export's file name, under `/export/`.
    var fileName: String { "lieux." + rawValue }
}

extension LieuxAPI {
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
    /// `mergedOn` (today), the merged view (one venue per group of duplicates). GeoJSON is
    /// copied from the features the store keeps, when it keeps them.
    static func produce(
        _ format: ExportFormat, query: LieuQuery, repository: any LieuRepository, mergedOn today: CalendarDate? = nil,
        into channel: ChunkChannel
    ) async throws {
        var writer = ExportWriter(format, sink: DataSink(capacity: chunkSize + 16 * 1024))
        try writer.begin()
        func sendFull() throws {
            if writer.bufferedCount() >= chunkSize { try channel.send(writer.takeBytes()) }
        }
        if let today {
            for merged in try await repository.mergedMatches(query, today: today) {
                try writer.write(merged.found.lieu, extras: mergedExtras(merged, today: today))
                try sendFull()
            }
        } else if !format.needsVenues, let features = repository as? any FeatureRepository {
            try features.forEachFeature(query) { feature in
                try writer.write(feature)
                try sendFull()
            }
        } else {
            try await repository.forEach(query) { found in
                try writer.write(found.lieu, extras: FeatureExtras(sourceImport: found.source, distance: found.distance))
                try sendFull()
            }
        }
        try writer.end()
        let rest = writer.takeBytes()
        if !rest.isEmpty || format != .geojsonseq { try channel.send(rest) }
    }
}
