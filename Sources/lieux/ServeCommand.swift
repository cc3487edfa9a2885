import ArgumentParser
import Foundation
import LieuxHTTP
import LieuxModel
import LieuxStore
import Logging

/// `lieux serve`: the HTTP service (OGC API – Features, nearby search, exports, validation)
/// over the store, until SIGTERM or SIGINT (Ctrl-C), which stop it gracefully.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Sert les lieux en HTTP : OGC API – Features, recherche à proximité, exports et validation.",
        discussion: """
            Un navigateur sur / ouvre la carte. Adresses : /?f=json (accueil de l'API), /api (OpenAPI 3.0), /collections/lieux/items (recherche), \
            /export/lieux.geojson|geojsonseq|csv, POST /validate, /health. \
            Arrêt propre sur SIGTERM ou Ctrl-C : les requêtes en cours se terminent.
            """
    )

    @OptionGroup var store: StoreOptions

    @Option(help: "Adresse d'écoute (0.0.0.0 : toutes les interfaces).")
    var host = "127.0.0.1"

    @Option(help: "Port d'écoute.")
    var port = 8080

    @Option(name: .customLong("base-url"), help: "Adresse publique du service pour les liens (https://lieux.exemple.fr), derrière un mandataire.")
    var baseURL: String?

    @Option(name: .customLong("max-body-mb"), help: "Taille maximale d'un corps de requête (POST /validate), en Mo.")
    var maximumBodyMegabytes = 50

    @Option(
        name: .customLong("delai-inactivite"),
        help: "Une connexion qui n'envoie rien pendant ce délai (entre deux requêtes, ou au milieu des en-têtes d'une requête) est fermée, en secondes.")
    var idleTimeout = 30

    @Option(name: .customLong("log-level"), help: "Niveau du journal : trace, debug, info, notice, warning, error, critical.")
    var logLevel = "info"

    @Option(name: .customLong("tuiles"), help: "Fond de la carte : modèle d'adresse des tuiles ({z}, {x}, {y}) ; « aucun » pour un fond uni.")
    var tiles = ServerConfiguration.openStreetMapTiles

    @Option(name: .customLong("tuiles-attribution"), help: "Attribution du fond de carte.")
    var tilesAttribution = ServerConfiguration.openStreetMapAttribution

    @Option(name: .customLong("leaflet"), help: "Dossier de Leaflet (défaut : $LIEUX_LEAFLET, sinon celui du paquet Debian libjs-leaflet).")
    var leaflet: String?

    @Option(name: .customLong("communes"), help: "Liste des communes de la recherche (défaut : $LIEUX_COMMUNES, sinon data/communes.csv).")
    var communes: String?

    @Option(name: .customLong("geocodeur"), help: "Géocodeur d'adresses compatible avec l'API de la BAN (https://api-adresse.data.gouv.fr), interrogé par la carte (défaut : $LIEUX_GEOCODEUR, sinon aucun : communes seules).")
    var geocoder: String?

    @Option(name: .customLong("maintenant"), help: "Fixe l'instant de « maintenant » (ouvert=maintenant, la carte), en ISO 8601 : 2026-12-24T10:00:00+01:00. Pour une démonstration ou un essai.")
    var fixedNow: String?

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port doit être entre 0 et 65535.") }
        guard maximumBodyMegabytes > 0 else { throw ValidationError("--max-body-mb doit être un nombre positif.") }
        guard (1...3600).contains(idleTimeout) else { throw ValidationError("--delai-inactivite doit être entre 1 et 3600 secondes.") }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level : trace, debug, info, notice, warning, error ou critical.")
        }
        if let geocoder, !geocoder.isEmpty, !(geocoder.hasPrefix("https://") || geocoder.hasPrefix("http://")) {
            throw ValidationError("--geocodeur doit être une adresse http(s) complète (https://api-adresse.data.gouv.fr).")
        }
        if let fixedNow, Self.instant(fixedNow) == nil {
            throw ValidationError("--maintenant « \(fixedNow) » n'est pas un instant ISO 8601 avec son décalage (2026-12-24T10:00:00+01:00 ou 2026-12-24T09:00:00Z).")
        }
        if let baseURL, URL(string: baseURL)?.scheme == nil {
            throw ValidationError("--base-url doit être une adresse complète (https://lieux.exemple.fr).")
        }
    }

    func run() async throws {
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let repository = try store.open()
        // The positions of the venues go to memory while the service starts (see PointIndex).
        repository.refreshPointIndex()
        let environment = ProcessInfo.processInfo.environment
        let communesPath = communes ?? environment["LIEUX_COMMUNES"] ?? "data/communes.csv"
        let gazetteer = (try? String(contentsOfFile: communesPath, encoding: .utf8)).flatMap { CommuneGazetteer(csv: $0) }
        if gazetteer == nil {
            printError("Attention : la liste des communes « \(communesPath) » est absente ou illisible : la recherche de la carte ne proposera pas de communes (option --communes).")
        }
        var configuration = ServerConfiguration(
            host: host, port: port, baseURL: baseURL, maximumBodySize: maximumBodyMegabytes * 1024 * 1024, logLevel: level,
            serviceVersion: Lieux.configuration.version, communes: gazetteer,
            tiles: tiles == "aucun" ? "" : tiles, tilesAttribution: tilesAttribution,
            leafletPath: leaflet ?? environment["LIEUX_LEAFLET"] ?? ServerConfiguration.debianLeafletPath,
            geocoder: geocoder ?? environment["LIEUX_GEOCODEUR"] ?? "", idleTimeout: idleTimeout)
        if let fixed = fixedNow.flatMap(Self.instant) { configuration.now = { fixed } }
        do {
            try await runServer(configuration: configuration, repository: repository, publisher: repository, logger: Logger(label: "lieux"))
        } catch {
            printError("Erreur : le service HTTP sur \(host):\(port) s'est arrêté : \(error). Si le port est déjà utilisé, choisissez-en un autre avec --port.")
            throw ExitCode(2)
        }
    }

    /// An ISO 8601 instant with its offset.
    static func instant(_ text: String) -> Date? {
        try? Date(text, strategy: .iso8601)
    }
}
