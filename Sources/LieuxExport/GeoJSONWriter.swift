import LieuxModel

/// Writes venues as a GeoJSON FeatureCollection (RFC 7946), one feature at a time.
///
/// ```swift
/// var writer = GeoJSONWriter(sink: try FileSink(path: "lieux.geojson"))
/// try writer.begin()
/// for lieu in lieux { try writer.write(lieu, extras: FeatureExtras(sourceImport: "hinaura")) }
/// try writer.end()
/// ```
///
/// The document is `{"type":"FeatureCollection","features":[…]}` (members given to
/// ``begin(members:)`` go before `features`, those given to ``end(members:)`` after it); no
/// `crs` member, no `bbox`. Each feature is
///
/// `{"type":"Feature","id":"<id>","geometry":{"type":"Point","coordinates":[lon,lat]},"properties":{…}}`
///
/// - `geometry` is `null` for a venue without coordinates. Coordinates are WGS 84,
///   `[longitude, latitude]`, rounded to 6 decimals (about 0.1 m) to the nearest, ties to even,
///   in their shortest form (`4.5`, not `4.500000`).
/// - `properties` holds every field of the standard under its name (``Lieu/Field``'s raw
///   values, `id` included), in the standard's order, **except `latitude` and `longitude`**,
///   which the geometry carries. Multi-valued fields (`typologie`, `courriels`, `site_web`,
///   `services`…) are arrays of strings; the others are strings, `date_maj` as `YYYY-MM-DD`.
///   **Empty fields are left out**, not written as `null`.
/// - Then the ``FeatureExtras``: `source_import` (the import source; the standard's `source`
///   keeps its meaning) and `distance` (metres, one decimal).
///
/// Each feature is encoded into a reused buffer and handed to the sink in one
/// ``ByteSink/write(_:)``; the writer holds nothing else, whatever the number of features.
public struct GeoJSONWriter<Sink: ByteSink> {
    /// Where the bytes go; a ``DataSink``'s bytes can be taken from here between features.
    public var sink: Sink
    /// How many features were written.
    public private(set) var featureCount = 0

    private let encoder = FeatureEncoder()
    private let scratch = ScratchStorage()
    private var state = State.notBegun

    private enum State { case notBegun, open, ended }

    public init(sink: Sink) {
        self.sink = sink
    }

    /// Writes the start of the collection, with `members` before `features`.
    /// ``write(_:extras:)`` calls it, without members, if it was not called.
    public mutating func begin(members: (inout JSONMembers) -> Void = { _ in }) throws {
        precondition(state == .notBegun, "GeoJSONWriter.begin() appelé deux fois")
        state = .open
        let bytes = OutputBuffer.collect(capacity: 256) { out in
            out.append("{\"type\":\"FeatureCollection\"")
            var collection = JSONMembers(out: out)
            members(&collection)
            out = collection.out
            out.append(",\"features\":[")
        }
        try sink.write(bytes)
    }

    /// Writes the feature of `lieu`, with the extra properties of `extras`.
    public mutating func write(_ lieu: Lieu, extras: FeatureExtras = .none) throws {
        if state == .notBegun { try begin() }
        precondition(state == .open, "GeoJSONWriter.write(_:) après end()")
        var out = scratch.take()
        if featureCount > 0 { out.append(UInt8(ascii: ",")) }
        encoder.encode(lieu, extras: extras, into: &out)
        scratch.keep(out)
        try out.write(to: &sink)
        featureCount += 1
    }

    /// Writes a feature kept as bytes, with the extra properties of `extras` (by default
    /// its source and distance).
    public mutating func write(_ feature: EncodedFeature, extras: FeatureExtras? = nil) throws {
        if state == .notBegun { try begin() }
        precondition(state == .open, "GeoJSONWriter.write(_:) après end()")
        var out = scratch.take()
        if featureCount > 0 { out.append(UInt8(ascii: ",")) }
        feature.opening.withUnsafeBufferPointer { out.append($0) }
        FeatureEncoder.encodeClosing(extras ?? feature.extras, afterProperty: feature.openingHasProperty, into: &out)
        scratch.keep(out)
        try out.write(to: &sink)
        featureCount += 1
    }

    /// Closes the collection, with `members` after `features`, and flushes the sink.
    public mutating func end(members: (inout JSONMembers) -> Void = { _ in }) throws {
        if state == .notBegun { try begin() }
        precondition(state == .open, "GeoJSONWriter.end() appelé deux fois")
        state = .ended
        let bytes = OutputBuffer.collect(capacity: 256) { out in
            out.append(UInt8(ascii: "]"))
            var collection = JSONMembers(out: out)
            members(&collection)
            out = collection.out
            out.append(UInt8(ascii: "}"))
        }
        try sink.write(bytes)
        try sink.flush()
    }
}

extension GeoJSONWriter where Sink == DataSink {
    /// A writer into memory.
    public init() {
        self.init(sink: DataSink())
    }
}
