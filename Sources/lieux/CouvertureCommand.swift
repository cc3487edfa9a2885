import ArgumentParser
import Foundation
import LieuxHTTP
import LieuxModel
import LieuxStore

/// `lieux couverture`: how far the population lives from the venues of a search.
struct CouvertureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "couverture",
        abstract: "Mesure la population à moins de N km d'un lieu (les filtres choisissent les lieux), par territoire, les communes au-delà et où ouvrir les prochains lieux.",
        discussion: """
            La population vient de la grille de l'INSEE si elle est importée (lieux areas import … --grille),
            sinon des communes importées avec leur population (lieux areas import … --kind commune --population …).
            Les distances sont à vol d'oiseau (grand cercle), pas des temps de trajet. Les filtres sont ceux
            de /collections/lieux/items ; une valeur peut en donner plusieurs, séparées par des virgules.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, csv, geojson
    }

    @OptionGroup var store: StoreOptions

    @Option(help: "Seuils en km, séparés par des virgules (défaut : 1,2,5,10,20,30).")
    var seuils: String?
    @Option(help: "La couverture de chaque departement ou region.")
    var par: String?
    @Option(name: .customLong("au-dela"), help: "Seuil en km des communes listées au-delà et des suggestions (défaut : 10).")
    var auDela: String?
    @Option(help: "Nombre de communes où un nouveau lieu ajouterait le plus d'habitants à moins du seuil --au-dela (au plus 100).")
    var suggestions: String?
    @Option(help: "Ne compte que la population de ce territoire : commune:CODE, departement:CODE ou region:CODE.")
    var territoire: String?
    @Option(help: "Nombre de communes au-delà du seuil listées (défaut : 100).")
    var limite: String?
    @Option(help: "Format : text, json (le résumé, comme GET /couverture), csv ou geojson (chaque commune, sa population et sa distance, comme GET /couverture/communes).")
    var format: Format = .text

    // The filters of the items, named as their parameters (« _ » written « - »).
    @Option(help: "Services (valeurs du standard).") var services: [String] = []
    @Option(name: .customLong("publics-specifiquement-adresses")) var publics: [String] = []
    @Option(name: .customLong("prise-en-charge-specifique")) var priseEnCharge: [String] = []
    @Option(name: .customLong("frais-a-charge")) var frais: [String] = []
    @Option var itinerance: [String] = []
    @Option(name: .customLong("modalites-acces")) var modalitesAcces: [String] = []
    @Option(name: .customLong("modalites-accompagnement")) var modalitesAccompagnement: [String] = []
    @Option(name: .customLong("dispositif-programmes-nationaux")) var dispositifs: [String] = []
    @Option(name: .customLong("formations-labels")) var formationsLabels: [String] = []
    @Option(help: "Typologies (RFS, EPN, BIB…).") var typologie: [String] = []
    @Option(name: .customLong("code-postal")) var codePostal: [String] = []
    @Option(name: .customLong("code-insee")) var codeINSEE: [String] = []
    @Option(help: "Départements des lieux (pas de la population : voir --territoire).") var departement: [String] = []
    @Option(help: "Sources d'import des lieux.") var source: [String] = []
    @Option(name: .customLong("date-maj-min")) var dateMajMin: String?
    @Option(help: "Mots du nom, de l'adresse ou de la commune des lieux.") var q: String?
    @Option(help: "Lieux ouverts à cet instant : maintenant ou 2026-12-24T10:00 (heure de Paris).") var ouvert: String?
    @Option(help: "Lieux d'un rectangle minLon,minLat,maxLon,maxLat.") var bbox: String?
    @Option(help: "Lieux d'un territoire importé : commune:CODE, departement:CODE ou region:CODE.") var within: String?

    /// The options as the parameters of `GET /couverture`.
    var parameters: [(name: String, value: String)] {
        var pairs: [(name: String, value: String)] = []
        func add(_ name: String, _ values: [String]) { pairs += values.map { (name, $0) } }
        func add(_ name: String, _ value: String?) { if let value { pairs.append((name, value)) } }
        add("seuils", seuils)
        add("par", par)
        add("au_dela", auDela)
        add("suggestions", suggestions)
        add("territoire", territoire)
        add("limit", limite)
        add("services", services)
        add("publics_specifiquement_adresses", publics)
        add("prise_en_charge_specifique", priseEnCharge)
        add("frais_a_charge", frais)
        add("itinerance", itinerance)
        add("modalites_acces", modalitesAcces)
        add("modalites_accompagnement", modalitesAccompagnement)
        add("dispositif_programmes_nationaux", dispositifs)
        add("formations_labels", formationsLabels)
        add("typologie", typologie)
        add("code_postal", codePostal)
        add("code_insee", codeINSEE)
        add("departement", departement)
        add("source", source)
        add("date_maj_min", dateMajMin)
        add("q", q)
        add("ouvert", ouvert)
        add("bbox", bbox)
        add("within", within)
        return pairs
    }

    func run() throws {
        let parsed: CouvertureParameters
        do {
            parsed = try CouvertureParameters(parameters, now: Date())
        } catch {
            let option = error.parameter.map { " (--\($0 == "limit" ? "limite" : $0.replacingOccurrences(of: "_", with: "-")))" } ?? ""
            printError("Erreur\(option) : \(error.message)")
            throw ExitCode(2)
        }
        let store = try store.open()
        do {
            switch format {
            case .csv, .geojson:
                let communes = try store.couvertureCommunesSynchronously(parsed.query, territoire: parsed.options.territoire)
                guard !communes.isEmpty else {
                    printError("Erreur : \(Couverture.sansPopulation)")
                    throw ExitCode(2)
                }
                if format == .geojson {
                    FileHandle.standardOutput.write(Data(CouvertureGeoJSON.communes(communes) + Array("\n".utf8)))
                } else {
                    FileHandle.standardOutput.write(Data(Self.csv(communes).utf8))
                }
            case .text, .json:
                let couverture = try store.couvertureSynchronously(parsed.query, options: parsed.options)
                guard couverture.points != .aucun else {
                    printError("Erreur : \(Couverture.sansPopulation)")
                    throw ExitCode(2)
                }
                if format == .json { try ReportJSON.write(couverture) } else { print(Self.text(couverture), terminator: "") }
            }
        } catch let error as StoreError {
            printError("Erreur : \(error.message)")
            throw ExitCode(2)
        }
    }

    /// A number of inhabitants, with spaces between thousands.
    static func habitants(_ value: Double) -> String {
        let digits = String(Int(value.rounded()))
        var out = ""
        for (i, c) in digits.reversed().enumerated() {
            if i > 0 && i % 3 == 0 && c != "-" { out.append("\u{202F}") }
            out.append(c)
        }
        return String(out.reversed())
    }

    static func percent(_ part: Double) -> String { String(format: "%.1f %%", part * 100).replacingOccurrences(of: ".", with: ",") }
    static func km(_ value: Double?) -> String {
        value.map { String(format: "%.1f km", $0).replacingOccurrences(of: ".", with: ",") } ?? "—"
    }
    static func seuil(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value).replacingOccurrences(of: ".", with: ",")
    }

    static func text(_ c: Couverture) -> String {
        let sorte = c.points == .carreaux ? "carreaux de la grille de population" : "communes (un point chacune)"
        var out = "\(habitants(c.population)) habitants (\(sorte)), \(c.lieux) lieux avec coordonnées.\n"
        for s in c.seuils { out += "  à moins de \(seuil(s.km)) km : \(habitants(s.population)) (\(percent(s.part)))\n" }
        out += "  distance médiane : \(km(c.medianeKm)) ; 90 % à moins de \(km(c.p90Km))\n"
        if let par = c.par {
            out += "\nPar territoire :\n"
            for t in par {
                let parts = t.seuils.map { "\(seuil($0.km)) km \(percent($0.part))" }.joined(separator: ", ")
                out += "  \(t.code) \(t.nom ?? "") : \(habitants(t.population)) hab. ; \(parts) ; médiane \(km(t.medianeKm))\n"
            }
        }
        out += "\n\(c.nombreCommunesAuDela) communes ont des habitants à plus de \(seuil(c.auDelaKm)) km d'un lieu"
        out += c.communesAuDela.isEmpty ? ".\n" : " ; les plus peuplées :\n"
        for commune in c.communesAuDela {
            out += "  \(commune.code) \(commune.nom ?? "") : \(habitants(commune.population)) hab., \(km(commune.distanceKm))\n"
        }
        if !c.suggestions.isEmpty {
            out += "\nOù ouvrir (chaque lieu ajoute ces habitants à moins de \(seuil(c.auDelaKm)) km, après les précédents) :\n"
            for (i, s) in c.suggestions.enumerated() {
                out += "  \(i + 1). \(s.code ?? "") \(s.nom ?? "") : +\(habitants(s.population)) hab.\n"
            }
        }
        return out
    }

    static func csv(_ communes: [CommuneDistance]) -> String {
        func cell(_ text: String) -> String {
            text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        var out = "code_insee,nom,population,distance_km\n"
        for c in communes {
            let distance = c.distance.map { String(format: "%.3f", $0 / 1000) } ?? ""
            out += "\(cell(c.code)),\(cell(c.nom ?? "")),\(habitants(c.population).replacingOccurrences(of: "\u{202F}", with: "")),\(distance)\n"
        }
        return out
    }
}
