import LieuxModel

/// A venue's GeoJSON feature as bytes, kept by the store since the venue was written, so that
/// pages and exports copy bytes instead of decoding the venue's fields and encoding them again.
///
/// ``opening`` is the feature as ``GeoJSONWriter`` writes it up to the venue's last field in
/// `properties`, the object left open (`{"type":"Feature",…,"properties":{…`). The writers
/// append the ``FeatureExtras`` of the request (`source_import`, `distance`) and close it:
/// the bytes are those of the venue encoded whole, which `FeatureBytesTests` checks.
public struct EncodedFeature: Sendable, Hashable {
    /// The feature's bytes up to its last field, the `properties` object open.
    public var opening: [UInt8]
    /// The import source the venue belongs to.
    public var source: String
    /// Distance from the search's point, in metres, for nearby searches.
    public var distance: Double?

    public init(opening: [UInt8], source: String, distance: Double? = nil) {
        self.opening = opening
        self.source = source
        self.distance = distance
    }

    /// The extras a page or an export writes after the fields.
    public var extras: FeatureExtras { FeatureExtras(sourceImport: source, distance: distance) }

    /// Whether the opening holds a property (it ends with `{` when the venue has none).
    var openingHasProperty: Bool { opening.last != UInt8(ascii: "{") }
}

/// One page of results as encoded features.
public struct FeaturePage: Sendable, Hashable {
    public var features: [EncodedFeature]
    /// How many venues match, over all pages.
    public var numberMatched: Int

    public init(features: [EncodedFeature], numberMatched: Int) {
        self.features = features
        self.numberMatched = numberMatched
    }
}

extension Lieu {
    /// The opening of the venue's feature (see ``EncodedFeature/opening``), as the store keeps it.
    public func geoJSONFeatureOpening() -> [UInt8] {
        OutputBuffer.collect { FeatureEncoder.shared.encodeOpening(self, into: &$0) }
    }
}

extension EncodedFeature {
    /// The whole feature document, with the extras of ``extras`` or those given.
    public func document(extras: FeatureExtras? = nil) -> [UInt8] {
        OutputBuffer.collect(capacity: opening.count + 128) { out in
            opening.withUnsafeBufferPointer { out.append($0) }
            FeatureEncoder.encodeClosing(extras ?? self.extras, afterProperty: openingHasProperty, into: &out)
        }
    }
}

/// A repository that keeps its venues' features as bytes (the store): pages and exports
/// are written from them. Its answers are those of ``LieuRepository/search(_:)`` and
/// ``LieuRepository/forEach(_:_:)``, encoded.
public protocol FeatureRepository: LieuRepository {
    /// One page of the venues matching `query`, as features.
    func featurePage(_ query: LieuQuery) async throws -> FeaturePage
    /// Every venue matching `query` (its page ignored), as features, in order: the answer of
    /// ``LieuRepository/venues(_:)``, encoded.
    func features(_ query: LieuQuery) -> ItemStream<EncodedFeature>
    /// The venue `id` of `source` (without a source: of the first source in alphabetical
    /// order that has it) as a feature, with its name; the answer of ``LieuRepository/lieu(id:)``
    /// and ``LieuRepository/lieu(source:id:)``, encoded.
    func featureItem(source: String?, id: Lieu.ID) async throws -> (feature: EncodedFeature, nom: String)?
}
