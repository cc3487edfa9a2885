import ArgumentParser

/// The `lieux` command: validate, import, query and serve venues of digital inclusion.
@main
struct Lieux: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lieux",
        abstract: "Lieux de médiation numérique : valider, importer, interroger et servir les lieux du standard national.",
        version: "0.1.0",
        subcommands: [ValidateCommand.self]
    )
}
