/// The JSON of duplicates (`lieux doublons --format json`, `/items/{id}/doublons`):
/// `{"groupes": [{"id", "membres": [{"source", "id"}], "paires": [...]}], "incertains": [...]}`,
/// a pair being `{"a": "source:id", "b": …, "decision", "score", "par_une_personne", "preuves": {…}}`.
extension DoublonResultat: Encodable {
    enum Keys: String, CodingKey { case groupes, incertains, paires, comparees }

    /// `paires` (every pair compared) only when the encoder's user info asks for it
    /// (``DoublonResultat/toutesLesPaires``); `comparees` counts them.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(groupes, forKey: .groupes)
        try container.encode(incertains, forKey: .incertains)
        try container.encode(comparees, forKey: .comparees)
        if encoder.userInfo[Self.toutesLesPaires] as? Bool == true { try container.encode(paires, forKey: .paires) }
    }

    /// The user info key that puts every pair compared in the JSON.
    public static let toutesLesPaires = CodingUserInfoKey(rawValue: "toutesLesPaires")!
}

extension DoublonGroupe: Encodable {
    enum Keys: String, CodingKey { case id, membres, paires }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(id, forKey: .id)
        try container.encode(membres, forKey: .membres)
        try container.encode(paires, forKey: .paires)
    }
}

extension LieuRef: Encodable {
    enum Keys: String, CodingKey { case source, id }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(source, forKey: .source)
        try container.encode(id, forKey: .id)
    }
}

extension DoublonPaire: Encodable {
    enum Keys: String, CodingKey { case a, b, decision, score, parUnePersonne = "par_une_personne", preuves }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(a.description, forKey: .a)
        try container.encode(b.description, forKey: .b)
        try container.encode(decision.rawValue, forKey: .decision)
        try container.encode((preuves.score * 1000).rounded() / 1000, forKey: .score)
        try container.encode(parUnePersonne, forKey: .parUnePersonne)
        try container.encode(preuves, forKey: .preuves)
    }
}

extension DoublonPreuves: Encodable {
    enum Keys: String, CodingKey {
        case distance = "distance_m", similariteNom = "similarite_nom", nomsCompares = "noms_compares", memeCommune = "meme_commune",
            memeAdresse = "meme_adresse", memeNumero = "meme_numero", memeSIRET = "meme_siret", memeSIREN = "meme_siren", siretsDifferents = "sirets_differents", itinerancesDifferentes = "itinerances_differentes", autreAdresse = "autre_adresse",
            memeTelephone = "meme_telephone", memeCourriel = "meme_courriel", memeSite = "meme_site", contactPartage = "contact_partage",
            typologiesCompatibles = "typologies_compatibles", servicesDifferents = "services_differents", serviceUnique = "service_unique", posteFranceServices = "poste_france_services", decision = "decision_du_score",
            raison
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(distance.map { $0.rounded() }, forKey: .distance)
        try container.encode((similariteNom * 1000).rounded() / 1000, forKey: .similariteNom)
        try container.encode(nomsCompares, forKey: .nomsCompares)
        try container.encode(memeCommune, forKey: .memeCommune)
        try container.encode(memeAdresse, forKey: .memeAdresse)
        try container.encode(memeNumero, forKey: .memeNumero)
        try container.encode(memeSIRET, forKey: .memeSIRET)
        try container.encode(memeSIREN, forKey: .memeSIREN)
        try container.encode(siretsDifferents, forKey: .siretsDifferents)
        try container.encode(itinerancesDifferentes, forKey: .itinerancesDifferentes)
        try container.encode(autreAdresse, forKey: .autreAdresse)
        try container.encode(memeTelephone, forKey: .memeTelephone)
        try container.encode(memeCourriel, forKey: .memeCourriel)
        try container.encode(memeSite, forKey: .memeSite)
        try container.encode(contactPartage, forKey: .contactPartage)
        try container.encode(typologiesCompatibles, forKey: .typologiesCompatibles)
        try container.encode(servicesDifferents, forKey: .servicesDifferents)
        try container.encode(serviceUnique?.rawValue, forKey: .serviceUnique)
        try container.encode(posteFranceServices, forKey: .posteFranceServices)
        try container.encode(decision.rawValue, forKey: .decision)
        try container.encode(raison, forKey: .raison)
    }
}
