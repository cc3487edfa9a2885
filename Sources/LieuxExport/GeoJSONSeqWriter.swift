import LieuxModel

/// Writes venues as GeoJSON text sequences (RFC 8142, `application/geo+json-seq`): each
/// feature preceded by the record separator 0x1E and followed by a line feed 0x0A.
///
/// Features are those of ``GeoJSONWriter`` (see there for properties, omitted empty
/// fields and rounding); there is no enclosing collection, so a reader can start on the
/// first feature before the last is written, and a truncated stream loses one feature only.
public struct GeoJSONSeqWriter<Sink: ByteSink> {
    /// Where the bytes go.
    public var sink: Sink
    /// How many features were written.
    public private(set) var featureCount = 0

    private let encoder = FeatureEncoder()
    private let scratch = ScratchStorage()

    public init(sink: Sink) {
        self.sink = sink
    }

    /// Writes `0x1E`, the feature of `lieu`, `0x0A`.
    public mutating func write(_ lieu: Lieu, extras: FeatureExtras = .none) throws {
        var out = scratch.take()
        out.append(0x1E)
        encoder.encode(lieu, extras: extras, into: &out)
        out.append(0x0A)
        scratch.keep(out)
        try out.write(to: &sink)
        featureCount += 1
    }

    /// Writes `0x1E`, a feature kept as bytes with its extras (by default its source and
    /// distance), `0x0A`.
    public mutating func write(_ feature: EncodedFeature, extras: FeatureExtras? = nil) throws {
        var out = scratch.take()
        out.append(0x1E)
        feature.opening.withUnsafeBufferPointer { out.append($0) }
        FeatureEncoder.encodeClosing(extras ?? feature.extras, afterProperty: feature.openingHasProperty, into: &out)
        out.append(0x0A)
        scratch.keep(out)
        try out.write(to: &sink)
        featureCount += 1
    }

    /// Flushes the sink. A sequence has no closing bytes.
    public mutating func end() throws {
        try sink.flush()
    }
}

extension GeoJSONSeqWriter where Sink == DataSink {
    /// A writer into memory.
    public init() {
        self.init(sink: DataSink())
    }
}
