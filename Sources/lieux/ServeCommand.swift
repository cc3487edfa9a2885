import ArgumentParser
import Foundation
import LieuxHTTP
import LieuxStore
import Logging

/// `lieux serve`: the HTTP service (OGC API – Features, nearby search, exports, validation)
/// over the store, until SIGTERM or SIGINT (Ctrl-C), which stop it gracefully.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Sert les lieux en HTTP : OGC API – Features, recherche à proximité, exports et validation.",
        discussion: """
            Adresses : / (accueil), /api (OpenAPI 3.0), /collections/lieux/items (recherche), \
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

    @Option(name: .customLong("log-level"), help: "Niveau du journal : trace, debug, info, notice, warning, error, critical.")
    var logLevel = "info"

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port doit être entre 0 et 65535.") }
        guard maximumBodyMegabytes > 0 else { throw ValidationError("--max-body-mb doit être un nombre positif.") }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level : trace, debug, info, notice, warning, error ou critical.")
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
        let configuration = ServerConfiguration(
            host: host, port: port, baseURL: baseURL, maximumBodySize: maximumBodyMegabytes * 1024 * 1024, logLevel: level,
            serviceVersion: Lieux.configuration.version)
        do {
            try await runServer(configuration: configuration, repository: repository, publisher: repository, logger: Logger(label: "lieux"))
        } catch {
            printError("Erreur : le service HTTP sur \(host):\(port) s'est arrêté : \(error). Si le port est déjà utilisé, choisissez-en un autre avec --port.")
            throw ExitCode(2)
        }
    }
}
