import LieuxModel

extension Lieu {
    /// The venue as a GeoJSON Feature document (RFC 7946), as ``GeoJSONWriter`` writes each
    /// feature: for the one-venue response of an API.
    public func geoJSONFeature(extras: FeatureExtras = .none) -> [UInt8] {
        OutputBuffer.collect { FeatureEncoder.shared.encode(self, extras: extras, into: &$0) }
    }
}
