import LieuxModel

/// The formats of a full export.
public enum ExportFormat: String, Sendable, CaseIterable {
    /// A GeoJSON FeatureCollection (``GeoJSONWriter``).
    case geojson
    /// GeoJSON text sequences, RFC 8142 (``GeoJSONSeqWriter``).
    case geojsonseq
    /// The standard's CSV (``CSVWriter``).
    case csv

    /// Whether the format is written from the venues' fields (CSV), not from their features.
    public var needsVenues: Bool { self == .csv }
}

/// An export in one of the ``ExportFormat``s, venue by venue: the one writer of
/// `lieux export` and of the HTTP exports.
///
/// ```swift
/// var writer = ExportWriter(.geojson, sink: try FileSink(path: "lieux.geojson"))
/// try writer.begin()
/// try store.forEachFeature(source: nil) { try writer.write($0) }
/// try writer.end()
/// ```
///
/// Features kept as bytes (``write(_:extras:)-(EncodedFeature,_)``) are written by the GeoJSON
/// formats only; CSV needs the venues' fields (``ExportFormat/needsVenues``).
public struct ExportWriter<Sink: ByteSink> {
    public let format: ExportFormat

    private enum Writer {
        case geojson(GeoJSONWriter<Sink>)
        case geojsonseq(GeoJSONSeqWriter<Sink>)
        case csv(CSVWriter<Sink>)
    }

    /// The format's writer; taken out while it writes, so that its sink is never shared (a
    /// ``DataSink`` would copy its bytes at every write).
    private var writer: Writer?

    public init(_ format: ExportFormat, sink: Sink) {
        self.format = format
        switch format {
        case .geojson: writer = .geojson(GeoJSONWriter(sink: sink))
        case .geojsonseq: writer = .geojsonseq(GeoJSONSeqWriter(sink: sink))
        case .csv: writer = .csv(CSVWriter(sink: sink))
        }
    }

    private mutating func take() -> Writer {
        defer { writer = nil }
        guard let writer else { preconditionFailure("ExportWriter utilisé pendant une écriture") }
        return writer
    }

    /// Writes what comes before the first venue (a collection's start, CSV's header).
    public mutating func begin() throws {
        switch take() {
        case .geojson(var w):
            defer { writer = .geojson(w) }
            try w.begin()
        case .geojsonseq(let w):
            writer = .geojsonseq(w)
        case .csv(var w):
            defer { writer = .csv(w) }
            try w.begin()
        }
    }

    /// Writes a venue with its extra properties (CSV has none: the standard's columns only).
    public mutating func write(_ lieu: Lieu, extras: FeatureExtras) throws {
        switch take() {
        case .geojson(var w):
            defer { writer = .geojson(w) }
            try w.write(lieu, extras: extras)
        case .geojsonseq(var w):
            defer { writer = .geojsonseq(w) }
            try w.write(lieu, extras: extras)
        case .csv(var w):
            defer { writer = .csv(w) }
            try w.write(lieu)
        }
    }

    /// Writes a feature kept as bytes, with its source and distance or the `extras` given.
    /// - Precondition: the format is not CSV.
    public mutating func write(_ feature: EncodedFeature, extras: FeatureExtras? = nil) throws {
        switch take() {
        case .geojson(var w):
            defer { writer = .geojson(w) }
            try w.write(feature, extras: extras)
        case .geojsonseq(var w):
            defer { writer = .geojsonseq(w) }
            try w.write(feature, extras: extras)
        case .csv(let w):
            writer = .csv(w)
            preconditionFailure("ExportWriter : le CSV s'écrit à partir des lieux, pas de leurs features")
        }
    }

    /// Writes what follows the last venue and flushes the sink.
    public mutating func end() throws {
        switch take() {
        case .geojson(var w):
            defer { writer = .geojson(w) }
            try w.end()
        case .geojsonseq(var w):
            defer { writer = .geojsonseq(w) }
            try w.end()
        case .csv(var w):
            defer { writer = .csv(w) }
            try w.end()
        }
    }

    /// Runs `body` on the sink.
    public mutating func withSink<R>(_ body: (inout Sink) throws -> R) rethrows -> R {
        switch take() {
        case .geojson(var w):
            defer { writer = .geojson(w) }
            return try body(&w.sink)
        case .geojsonseq(var w):
            defer { writer = .geojsonseq(w) }
            return try body(&w.sink)
        case .csv(var w):
            defer { writer = .csv(w) }
            return try body(&w.sink)
        }
    }
}

extension ExportWriter where Sink == DataSink {
    /// The bytes held by the sink and not taken yet.
    public mutating func bufferedCount() -> Int { withSink { $0.count } }

    /// The bytes held by the sink, which is emptied (see ``DataSink/takeBytes()``).
    public mutating func takeBytes() -> [UInt8] { withSink { $0.takeBytes() } }
}
