import Foundation
import LieuxModel
import Logging

/// How the HTTP service runs: where it listens, what it accepts, how it names itself.
/// Every value has a default; `lieux serve` sets them from its options.
public struct ServerConfiguration: Sendable {
    /// The address to listen on.
    public var host: String
    public var port: Int
    /// The public address of the service for links (`https://lieux.exemple.fr`), when a
    /// proxy stands in front; `nil`: `http://` and each request's `Host`.
    public var baseURL: String?
    /// The largest request body accepted (`POST /validate`, `POST …/search`), in bytes: 413 above.
    public var maximumBodySize: Int
    /// `max-age` of `Cache-Control` on data responses, in seconds (ETags revalidate after).
    public var cacheMaxAge: Int
    /// Bodies of a known length smaller than this are sent as they are, not gzipped.
    public var compressionThreshold: Int
    /// Exports that may run at once (each holds a reading thread); more get 503.
    public var maximumConcurrentExports: Int
    /// The level of the service's log (access log at `info`).
    public var logLevel: Logger.Level
    /// The version of the service, in `/health` and in ETags (a new version changes them).
    public var serviceVersion: String
    /// The title of the landing page.
    public var title: String
    /// The clock: `ouvert=maintenant`, `timeStamp`.
    public var now: @Sendable () -> Date
    /// The largest file a source may publish (`PUT /sources/{source}/lieux`), in bytes: 413
    /// above. The body goes to a temporary file, never into memory.
    public var maximumImportSize: Int
    /// Failed token checks one address may make in ``failedTokenWindow`` seconds (a minute);
    /// then 429 for that address.
    public var failedTokenLimit: Int
    public var failedTokenWindow: Int = 60
    /// Reports (`…/signalements`) one address may send in ten minutes; then 429.
    public var reportLimit: Int
    /// The communes the map's search field suggests (`/communes`); `nil`: 503 there.
    public var communes: CommuneGazetteer?
    /// The map's background tiles: a URL template (`{z}`, `{x}`, `{y}`, `{s}`) and its attribution.
    public var tiles: String
    public var tilesAttribution: String
    /// The folder of Leaflet's files (`leaflet.js`, `leaflet.css`, `images/`), served under
    /// `/carte/leaflet/`: Debian's `libjs-leaflet` by default.
    public var leafletPath: String
    /// An address geocoder compatible with the BAN's API (`…/search/?q=`), asked by the map's
    /// search field in the browser; empty: communes only.
    public var geocoder: String
    /// A connection that sends nothing for this long, between requests or in the middle of a
    /// request's head (a slow client dribbling its headers), is closed, in seconds.
    public var idleTimeout: Int

    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        baseURL: String? = nil,
        maximumBodySize: Int = 50 * 1024 * 1024,
        cacheMaxAge: Int = 60,
        compressionThreshold: Int = 1024,
        maximumConcurrentExports: Int = 4,
        logLevel: Logger.Level = .info,
        serviceVersion: String = "0.1.0",
        title: String = "Lieux de médiation numérique",
        now: @escaping @Sendable () -> Date = { Date() },
        maximumImportSize: Int = 500 * 1024 * 1024,
        failedTokenLimit: Int = 10,
        reportLimit: Int = 10,
        communes: CommuneGazetteer? = nil,
        tiles: String = ServerConfiguration.openStreetMapTiles,
        tilesAttribution: String = ServerConfiguration.openStreetMapAttribution,
        leafletPath: String = ServerConfiguration.debianLeafletPath,
        geocoder: String = "",
        idleTimeout: Int = 30
    ) {
        self.geocoder = geocoder
        self.idleTimeout = idleTimeout
        self.communes = communes
        self.tiles = tiles
        self.tilesAttribution = tilesAttribution
        self.leafletPath = leafletPath
        self.maximumImportSize = maximumImportSize
        self.failedTokenLimit = failedTokenLimit
        self.reportLimit = reportLimit
        self.host = host
        self.port = port
        self.baseURL = baseURL
        self.maximumBodySize = maximumBodySize
        self.cacheMaxAge = cacheMaxAge
        self.compressionThreshold = compressionThreshold
        self.maximumConcurrentExports = maximumConcurrentExports
        self.logLevel = logLevel
        self.serviceVersion = serviceVersion
        self.title = title
        self.now = now
    }

    /// OpenStreetMap's standard tiles.
    public static let openStreetMapTiles = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    public static let openStreetMapAttribution = "© les contributeurs d'OpenStreetMap"
    /// Where Debian's `libjs-leaflet` puts Leaflet.
    public static let debianLeafletPath = "/usr/share/javascript/leaflet"
}
