import ArgumentParser
import Foundation

/// The `lieux` command: validate, import, query and serve venues of digital inclusion.
@main
struct Lieux: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lieux",
        abstract: "Lieux de médiation numérique : valider, importer, interroger et servir les lieux du standard national.",
        version: "0.1.0",
        subcommands: [ValidateCommand.self, ImportCommand.self, ConvertirCommand.self, CorrespondanceCommand.self, HistoriqueCommand.self, AnnulerCommand.self, JournalCommand.self, JetonsCommand.self, SignalementsCommand.self, ExportCommand.self, StatsCommand.self, AreasCommand.self, CouvertureCommand.self, DoublonsCommand.self, HorairesCommand.self, ServeCommand.self]
    )

    /// Runs the command; a usage error exits with 2, as every `lieux` failure to start does.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                printError(fullMessage(for: error))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
