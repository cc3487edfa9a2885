import Foundation
import Synchronization
import Hummingbird
import LieuxExport
import LieuxModel

/// Full exports over HTTP, with the filters of the items: streamed chunk by chunk from the
/// repository's stream of venues, in constant memory whatever the number of venues.
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
    /// The repository reads the venues on a thread of its own and hands them in batches
    /// (``ItemStream``): this task encodes them into 64 KiB chunks as the client takes them,
    /// and when the client reads slowly, the reading waits. The first chunk is made before the
    /// response starts, so that a query that fails at once is still a problem with its status;
    /// a failure later cuts the body.
    func export(_ request: Request, format: ExportFormat) async throws -> Response {
        let parameters = try QueryParameters(query: request.uri.query)
        let items = try ItemsParameters(parameters, route: .export, now: configuration.now())
        try await checkArea(items.query.spatial)
        guard exports.acquire() else { throw Problem.busy(retryAfter: 10) }
        let exports = self.exports
        let body: ExportBody
        do {
            body = ExportBody(format, try await exportSource(format, items), onEnd: { exports.release() })
        } catch {
            exports.release()
            throw error
        }
        let first: [UInt8]?
        do {
            first = try await body.nextChunk()
        } catch {
            body.close()
            throw error
        }
        let response = ResponseBody { writer in
            do {
                if let first { try await writer.write(ByteBuffer(bytes: first)) }
                while let chunk = try await body.nextChunk() {
                    try await writer.write(ByteBuffer(bytes: chunk))
                }
                try await writer.finish(nil)
            } catch {
                body.close()
                throw error
            }
        }
        var headers: HTTPFields = [.contentType: format.contentType, .contentDisposition: "attachment; filename=\"\(format.fileName)\""]
        if format != .csv { headers[.contentCRS] = MediaType.contentCRS84 }
        return Response(status: .ok, headers: headers, body: response)
    }

    /// What an export writes: the merged view (`doublons=fusionner`), else the features the
    /// store keeps when the format is GeoJSON, else the venues.
    func exportSource(_ format: ExportFormat, _ items: ItemsParameters) async throws -> ExportBody.Source {
        if items.fusionner {
            let today = CalendarDate.paris(configuration.now())
            return .merged(try await repository.mergedMatches(items.query, today: today), today: today)
        }
        if !format.needsVenues, let features = repository as? any FeatureRepository {
            return .features(features.features(items.query))
        }
        return .venues(repository.venues(items.query))
    }
}

/// The body of an export: the venues of its source encoded chunk by chunk, as the client takes
/// them. Its end (or its ``close()``, or its being dropped unwritten: a HEAD request, a client
/// gone before the body) stops the repository's reading and calls `onEnd` once.
final class ExportBody: @unchecked Sendable {
    enum Source {
        case features(ItemStream<EncodedFeature>)
        case venues(ItemStream<FoundLieu>)
        case merged([LieuFusionne], today: CalendarDate)
    }

    private let format: ExportFormat
    private let source: Source
    private var writer: ExportWriter<DataSink>
    private var begun = false
    private var done = false
    /// The next merged venue to write.
    private var mergedIndex = 0
    private let onEnd: Mutex<(@Sendable () -> Void)?>

    init(_ format: ExportFormat, _ source: Source, onEnd: @escaping @Sendable () -> Void) {
        self.format = format
        self.source = source
        writer = ExportWriter(format, sink: DataSink(capacity: LieuxAPI.chunkSize + 16 * 1024))
        self.onEnd = Mutex(onEnd)
    }

    deinit {
        close()
    }

    /// The next chunk of the body, `nil` after the last. Called by one task at a time.
    func nextChunk() async throws -> [UInt8]? {
        guard !done else { return nil }
        if !begun {
            try writer.begin()
            begun = true
        }
        while writer.bufferedCount() < LieuxAPI.chunkSize {
            guard try await writeMore() else {
                try writer.end()
                done = true
                end()
                let rest = writer.takeBytes()
                // An empty sequence of GeoJSON texts is an empty body.
                return rest.isEmpty && format == .geojsonseq ? nil : rest
            }
        }
        return writer.takeBytes()
    }

    /// Writes the next batch of the source; `false` at its end.
    private func writeMore() async throws -> Bool {
        switch source {
        case .features(let stream):
            guard let batch = try await stream.next() else { return false }
            for feature in batch { try writer.write(feature) }
        case .venues(let stream):
            guard let batch = try await stream.next() else { return false }
            for found in batch {
                try writer.write(found.lieu, extras: FeatureExtras(sourceImport: found.source, distance: found.distance))
            }
        case .merged(let all, let today):
            guard mergedIndex < all.count else { return false }
            let batch = all[mergedIndex..<min(all.count, mergedIndex + 256)]
            mergedIndex = batch.endIndex
            for merged in batch { try writer.write(merged.found.lieu, extras: LieuxAPI.mergedExtras(merged, today: today)) }
        }
        return true
    }

    /// Stops the reading (the client is gone, or the body failed).
    func close() {
        switch source {
        case .features(let stream): stream.cancel()
        case .venues(let stream): stream.cancel()
        case .merged: break
        }
        end()
    }

    private func end() {
        let onEnd = self.onEnd.withLock { onEnd in
            defer { onEnd = nil }
            return onEnd
        }
        onEnd?()
    }
}
