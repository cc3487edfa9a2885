import ArgumentParser
import Foundation
import LieuxSchema
import LieuxStore

/// `lieux jetons`: the tokens that let producers publish their source over HTTP.
struct JetonsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jetons",
        abstract: "Jetons de publication : chacun permet d'écrire une seule source par l'API HTTP.",
        discussion: """
            « lieux serve » sert les routes d'écriture dès qu'un jeton existe. Un jeton n'est affiché
            qu'une fois, à sa création : la base n'en garde que l'empreinte (SHA-256).
            """,
        subcommands: [Creer.self, Liste.self, Revoquer.self]
    )

    struct Creer: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "creer", abstract: "Crée un jeton pour une source et l'affiche (une seule fois).")

        @Option(help: "La source que le jeton pourra écrire.")
        var source: String

        @Option(help: "Qui détient le jeton (« Mairie de X »).")
        var nom: String

        @OptionGroup var store: StoreOptions

        func validate() throws {
            guard !source.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--source ne peut pas être vide.") }
            guard !nom.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--nom ne peut pas être vide.") }
        }

        func run() throws {
            let store = try store.open()
            do {
                let (token, text) = try store.createToken(source: source, name: nom)
                print(text)
                printError("Jeton n° \(token.id) créé pour la source « \(token.source) » (\(token.name)). "
                    + "Transmettez-le à son détenteur par un canal sûr : il ne sera plus jamais affiché.")
            } catch {
                printError("Erreur : \(error.message)")
                throw ExitCode(2)
            }
        }
    }

    struct Liste: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "liste", abstract: "Liste les jetons (jamais leur texte).")

        @Option(help: "Format : text ou json.")
        var format: ReportFormat = .text

        @OptionGroup var store: StoreOptions

        func run() throws {
            let store = try store.open()
            do {
                let tokens = try store.tokens()
                switch format {
                case .json: try ReportJSON.write(tokens)
                case .text:
                    if tokens.isEmpty { print("Aucun jeton : « lieux jetons creer --source S --nom N » en crée un.") }
                    for token in tokens {
                        print("n° \(token.id) source « \(token.source) » — \(token.name), créé le \(token.createdAt)"
                            + (token.revokedAt.map { ", RÉVOQUÉ le \($0)" } ?? ""))
                    }
                }
            } catch let error as StoreError {
                printError("Erreur : \(error.message)")
                throw ExitCode(2)
            }
        }
    }

    struct Revoquer: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "revoquer", abstract: "Révoque un jeton : il n'ouvre plus rien.")

        @Argument(help: "Le numéro du jeton (lieux jetons liste).")
        var id: Int64

        @OptionGroup var store: StoreOptions

        func run() throws {
            let store = try store.open()
            do {
                guard let token = try store.revokeToken(id: id) else {
                    printError("Erreur : aucun jeton n° \(id) (lieux jetons liste les donne).")
                    throw ExitCode(1)
                }
                print("Jeton n° \(token.id) de la source « \(token.source) » (\(token.name)) révoqué.")
            } catch let error as StoreError {
                printError("Erreur : \(error.message)")
                throw ExitCode(2)
            }
        }
    }
}
