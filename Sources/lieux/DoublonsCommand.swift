import ArgumentParser
import Foundation
import LieuxModel
import LieuxStore

/// `lieux doublons`: the venues that several records describe, and people's decisions.
struct DoublonsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doublons",
        abstract: "Liste les lieux décrits plusieurs fois (par une source ou par plusieurs), avec les preuves ; enregistre les décisions.",
        discussion: """
            Deux fiches sont comparées quand elles sont à moins de 300 m, partagent un SIRET, un téléphone, \
            un courriel ou un site web, ou ont un mot du nom en commun dans la même commune. La décision \
            (meme, different, incertain) vient de règles écrites dans chaque paire ; `lieux doublons decider` \
            la remplace par la vôtre, qui survit aux imports.
            """,
        subcommands: [Lister.self, Decider.self],
        defaultSubcommand: Lister.self
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, csv }

    /// `lieux doublons [lister]`.
    struct Lister: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "lister", abstract: "Liste les groupes de doublons et les paires incertaines.")

        @Option(help: "Seulement les groupes et paires qui touchent cette source.")
        var source: String?

        @Flag(name: .customLong("incertains"), help: "Seulement les paires incertaines, à décider.")
        var uncertainOnly = false

        @Flag(name: .customLong("toutes"), help: "Aussi toutes les paires comparées, quelle que soit leur décision (pour vérifier les règles).")
        var allPairs = false

        @Option(help: "Format : text, json ou csv.")
        var format: Format = .text

        @OptionGroup var store: StoreOptions

        func run() throws {
            let store = try store.open()
            let found: (recherche: DoublonRecherche, resultat: DoublonResultat)
            do {
                found = try store.doublons(source: source, toutes: allPairs)
            } catch {
                printError("Erreur : \(error.message)")
                throw ExitCode(2)
            }
            var resultat = found.resultat
            if uncertainOnly { resultat.groupes = [] }
            let noms = Dictionary(found.recherche.fiches.map { ($0.ref, $0.nom) }, uniquingKeysWith: { first, _ in first })
            switch format {
            case .json: try Self.writeJSON(resultat, allPairs: allPairs)
            case .csv: print(Self.csv(resultat, noms: noms, allPairs: allPairs), terminator: "")
            case .text: print(Self.text(resultat, noms: noms, lieux: found.recherche.fiches.count, allPairs: allPairs), terminator: "")
            }
        }

        /// The JSON of ``DoublonResultat`` (keys sorted, as `ReportJSON` writes it), written
        /// one group or pair at a time: among a million venues the uncertain pairs alone make
        /// gigabytes of JSON, which one encoding of the whole would hold in memory several times.
        static func writeJSON(_ resultat: DoublonResultat, allPairs: Bool) throws {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            var buffer: [UInt8] = []
            buffer.reserveCapacity(1 << 21)
            func flush(force: Bool = false) {
                if force || buffer.count >= 1 << 20 {
                    FileHandle.standardOutput.write(Data(buffer))
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            func array(_ key: String, _ items: [some Encodable], last: Bool) throws {
                buffer += Array("  \"\(key)\" : [".utf8)
                for (index, item) in items.enumerated() {
                    // Each element as JSONEncoder writes it, indented one level deeper.
                    // Each line indented by four spaces, blank lines left blank.
                    let json = try encoder.encode(item)
                    buffer.append(contentsOf: index == 0 ? [0x0A] : [0x2C, 0x0A])
                    var lineStart = true
                    for byte in [UInt8](json) {
                        if lineStart && byte != 0x0A { buffer.append(contentsOf: [0x20, 0x20, 0x20, 0x20]) }
                        buffer.append(byte)
                        lineStart = byte == 0x0A
                    }
                    flush()
                }
                buffer += Array((items.isEmpty ? "\n\n  ]" : "\n  ]").utf8) + Array((last ? "\n" : ",\n").utf8)
            }
            buffer += Array("{\n  \"comparees\" : \(resultat.comparees),\n".utf8)
            try array("groupes", resultat.groupes, last: false)
            try array("incertains", resultat.incertains, last: !allPairs)
            if allPairs { try array("paires", resultat.paires, last: true) }
            buffer += Array("}\n".utf8)
            flush(force: true)
        }

        static func text(_ resultat: DoublonResultat, noms: [LieuRef: String], lieux: Int, allPairs: Bool) -> String {
            var out = ""
            for groupe in resultat.groupes {
                out += "Groupe \(groupe.id) : \(groupe.membres.count) fiches pour un lieu\n"
                for membre in groupe.membres { out += "  \(membre)  \(noms[membre] ?? "")\n" }
                for paire in groupe.paires { out += "  " + line(paire) + "\n" }
            }
            if !resultat.incertains.isEmpty {
                out += "Paires incertaines, à décider (lieux doublons decider meme|different A B) :\n"
                for paire in resultat.incertains {
                    out += "  \(paire.a) « \(noms[paire.a] ?? "") » ~ \(paire.b) « \(noms[paire.b] ?? "") »\n    " + line(paire) + "\n"
                }
            }
            if allPairs {
                out += "Toutes les paires comparées :\n"
                for paire in resultat.paires { out += "  " + line(paire) + "\n" }
            }
            let members = resultat.groupes.reduce(0) { $0 + $1.membres.count }
            out += "\(lieux) fiches, \(resultat.comparees) paires comparées : \(resultat.groupes.count) groupes de doublons (\(members) fiches), "
                + "\(resultat.incertains.count) paires incertaines.\n"
            return out
        }

        static func line(_ paire: DoublonPaire) -> String {
            let score = String(format: "%.2f", paire.preuves.score).replacingOccurrences(of: ".", with: ",")
            return "\(paire.a) ~ \(paire.b) : \(paire.decision.rawValue)\(paire.parUnePersonne ? " (décidé par une personne)" : "") [\(score)] \(paire.preuves.raison)"
        }

        static func csv(_ resultat: DoublonResultat, noms: [LieuRef: String], allPairs: Bool) -> String {
            func cell(_ text: String) -> String {
                text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
            }
            var out = "groupe,a,nom_a,b,nom_b,decision,par_une_personne,score,distance_m,similarite_nom,raison\n"
            let groupOf = Dictionary(
                resultat.groupes.flatMap { groupe in groupe.membres.map { ($0, groupe.id) } }, uniquingKeysWith: { first, _ in first })
            let rows: [(String, DoublonPaire)] = allPairs
                ? resultat.paires.map { paire in (groupOf[paire.a] == groupOf[paire.b] ? groupOf[paire.a] ?? "" : "", paire) }
                : resultat.groupes.flatMap { groupe in groupe.paires.map { (groupe.id, $0) } } + resultat.incertains.map { ("", $0) }
            for (groupe, paire) in rows {
                let p = paire.preuves
                out += [
                    groupe, paire.a.description, noms[paire.a] ?? "", paire.b.description, noms[paire.b] ?? "", paire.decision.rawValue,
                    paire.parUnePersonne ? "1" : "0", String(format: "%.3f", p.score), p.distance.map { String(Int($0.rounded())) } ?? "",
                    String(format: "%.3f", p.similariteNom), p.raison,
                ].map(cell).joined(separator: ",") + "\n"
            }
            return out
        }
    }

    /// `lieux doublons decider meme|different SOURCE:ID SOURCE:ID`.
    struct Decider: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "decider", abstract: "Enregistre que deux fiches sont le même lieu (meme) ou deux lieux (different).")

        @Argument(help: "meme ou different.")
        var decision: String

        @Argument(help: "La première fiche, SOURCE:ID.")
        var a: String

        @Argument(help: "La seconde fiche, SOURCE:ID.")
        var b: String

        @Option(help: "Qui décide (pour le journal).")
        var auteur: String?

        @OptionGroup var store: StoreOptions

        func validate() throws {
            guard decision == "meme" || decision == "different" else {
                throw ValidationError("La décision est « meme » ou « different », pas « \(decision) ».")
            }
            for ref in [a, b] where LieuRef(ref) == nil {
                throw ValidationError("« \(ref) » n'est pas une fiche : écrivez SOURCE:ID (par exemple hub-sud:mairie-12).")
            }
        }

        func run() throws {
            let store = try store.open()
            guard let first = LieuRef(a), let second = LieuRef(b), let value = DoublonDecision(rawValue: decision) else { throw ExitCode(2) }
            do {
                try store.decideDoublon(first, second, decision: value, auteur: auteur)
            } catch {
                printError("Erreur : \(error.message)")
                throw ExitCode(2)
            }
            print(value == .meme ? "Enregistré : \(first) et \(second) sont le même lieu." : "Enregistré : \(first) et \(second) sont deux lieux différents.")
        }
    }
}
