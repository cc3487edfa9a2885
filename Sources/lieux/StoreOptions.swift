import ArgumentParser
import Foundation
import LieuxStore

/// The `--db` option shared by the commands that use the store.
struct StoreOptions: ParsableArguments {
    /// The default store, relative to the working directory.
    static let defaultPath = "data/lieux.sqlite"

    @Option(name: .customLong("db"), help: "Base SQLite des lieux (défaut : $LIEUX_DB, sinon data/lieux.sqlite).")
    var path: String?

    /// The store's path: `--db`, then `LIEUX_DB`, then the default.
    var resolvedPath: String {
        if let path, !path.isEmpty { return path }
        if let env = ProcessInfo.processInfo.environment["LIEUX_DB"], !env.isEmpty { return env }
        return Self.defaultPath
    }

    func open() throws -> Store {
        do {
            return try Store.open(path: resolvedPath)
        } catch {
            printError("Erreur : \(error.message)")
            throw ExitCode(2)
        }
    }
}
