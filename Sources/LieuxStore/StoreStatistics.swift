/// Counts of the stored venues: per source, per département, per service.
public struct StoreStatistics: Sendable, Encodable {
    public struct SourceCount: Sendable, Codable {
        public var source: String
        public var lieux: Int
        public var withCoordinates: Int
        /// When the source was last imported (ISO 8601), if ever.
        public var lastImport: String?
    }

    public struct Count: Sendable, Codable {
        public var key: String
        public var lieux: Int
    }

    public var lieux: Int
    public var withCoordinates: Int
    public var withoutCoordinates: Int { lieux - withCoordinates }
    public var sources: [SourceCount]
    public var departements: [Count]
    public var services: [Count]

    enum CodingKeys: String, CodingKey {
        case lieux, withCoordinates, withoutCoordinates, sources, departements, services
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(lieux, forKey: .lieux)
        try c.encode(withCoordinates, forKey: .withCoordinates)
        try c.encode(withoutCoordinates, forKey: .withoutCoordinates)
        try c.encode(sources, forKey: .sources)
        try c.encode(departements, forKey: .departements)
        try c.encode(services, forKey: .services)
    }
}
