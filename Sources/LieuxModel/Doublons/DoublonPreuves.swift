/// Whether two records are one venue.
public enum DoublonDecision: String, Sendable, Hashable, CaseIterable {
    case meme, different, incertain
}

/// The evidence about two records, and the decision it leads to, with its reason in French.
public struct DoublonPreuves: Sendable, Hashable {
    /// Great-circle distance in metres; nil when one has no position.
    public var distance: Double?
    /// Similarity of the names, 0 to 1, after folding (see ``NomAnalyse``).
    public var similariteNom: Double
    /// The names as compared.
    public var nomsCompares: [String]
    public var memeCommune: Bool
    public var memeAdresse: Bool
    public var memeNumero: Bool
    public var memeSIRET: Bool
    /// The same SIREN (the same organisation) with different SIRETs: a commune's mairie and its
    /// médiathèque share one; not evidence of one venue on its own.
    public var memeSIREN: Bool
    /// One record is mobile (a bus), the other fixed: two venues.
    public var itinerancesDifferentes: Bool
    /// Two real SIRETs that differ: two establishments.
    public var siretsDifferents: Bool
    /// Both addresses numbered, on different streets or at different numbers.
    public var autreAdresse: Bool
    public var memeTelephone: Bool
    public var memeCourriel: Bool
    public var memeSite: Bool
    /// A contact (phone, e-mail, website) shared with many other venues (a network's): weak.
    public var contactPartage: Bool
    public var typologiesCompatibles: Bool
    /// The kinds of service each name names, when they differ (médiathèque vs France Services).
    public var servicesDifferents: [String]
    public var decision: DoublonDecision
    /// 0 to 1: how strongly the evidence says « the same venue ».
    public var score: Double
    var regle: Regle = .differents
    var reserve: Reserve = .aucune

    /// Contacts at least this many venues share are a network's, not a venue's.
    public static let sharedContactCount = 6

    /// Compares two records; `shared` says whether a contact key is shared by many venues.
    public init(_ a: DoublonFiche, _ b: DoublonFiche, shared: (String) -> Bool = { _ in false }) {
        if let p = a.coordinates, let q = b.coordinates { distance = p.distance(to: q) } else { distance = nil }
        similariteNom = a.analyseNom.similarite(b.analyseNom)
        nomsCompares = [a.analyseNom.texte, b.analyseNom.texte]
        memeCommune = a.communeCle == b.communeCle || (a.communePerdue || b.communePerdue)
            && NomAnalyse.wildcardEqual(Array(a.communeCle.utf8), Array(b.communeCle.utf8))
        memeAdresse = a.analyseAdresse.memeAdresse(b.analyseAdresse)
        memeNumero = a.analyseAdresse.numero != nil && a.analyseAdresse.numero == b.analyseAdresse.numero
        memeSIRET = a.siret != nil && a.siret == b.siret
        memeSIREN = !memeSIRET && a.siret != nil && b.siret != nil && a.siret!.prefix(9) == b.siret!.prefix(9)
        itinerancesDifferentes = (a.itinerant == true) != (b.itinerant == true)
        siretsDifferents = a.siret != nil && b.siret != nil && a.siret != b.siret
        autreAdresse = memeCommune && a.analyseAdresse.autreAdresse(b.analyseAdresse)
        let phone = a.telephone.map { !$0.isEmpty && $0 == b.telephone } ?? false
        let mails = Set(a.courriels).intersection(b.courriels)
        let sites = Set(a.sites).intersection(b.sites)
        let phoneShared = phone && shared("t:" + a.telephone!)
        let mailsOwn = mails.filter { !shared("c:" + $0) }
        let sitesOwn = sites.filter { !shared("w:" + $0) }
        memeTelephone = phone && !phoneShared
        memeCourriel = !mailsOwn.isEmpty
        memeSite = !sitesOwn.isEmpty
        contactPartage = phoneShared || mailsOwn.count < mails.count || sitesOwn.count < sites.count
        typologiesCompatibles = a.typologies.isEmpty || b.typologies.isEmpty || !a.typologies.isDisjoint(with: b.typologies)
        let servicesA = a.analyseNom.services, servicesB = b.analyseNom.services
        if !servicesA.isEmpty, !servicesB.isEmpty, servicesA.isDisjoint(with: servicesB) {
            servicesDifferents = [servicesA, servicesB].map { $0.sorted().map(\.rawValue).joined(separator: ", ") }
        } else {
            servicesDifferents = []
        }
        serviceUnique = memeCommune ? a.analyseNom.memeServiceUnique(b.analyseNom) : nil
        communeContenue = !memeCommune && Self.communeContenue(a.communeCle, b.communeCle)
        franceServicesHebergee = (servicesA.contains(.franceServices) || servicesB.contains(.franceServices)) && servicesDifferents.isEmpty
        posteFranceServices = memeAdresse
            && (servicesA == [.franceServices] && b.analyseNom.laPoste || servicesB == [.franceServices] && a.analyseNom.laPoste)
        decision = .incertain
        score = 0
        decide()
    }

    /// How many of the venue's own identifiers they share: SIRET, phone, e-mail (a website is
    /// often an organisation's, shared by its sites: it adds to the score only).
    public var identifiantsCommuns: Int { [memeSIRET, memeTelephone, memeCourriel].filter { $0 }.count }

    /// The rule that decided, for ``raison`` (the text is written only when it is read: most
    /// pairs compared are never shown).
    enum Regle: UInt8, Sendable, Hashable {
        case services, itinerance, nomEtAdresse, serviceUniqueCommune, poste, loin, loinMemeSIRET, semblablesPreuve, semblablesSansContraire, semblablesDouteux,
            prochesPreuve, prochesDouteux, prochesSansRien, differentsPreuves, differentsDouteux, differents
    }

    /// What lowered a « meme » to « incertain ».
    enum Reserve: UInt8, Sendable, Hashable { case aucune, communes, sirets }

    /// The rules, in order; the first that applies decides. A pair is `different` only on
    /// evidence against it (services named, far apart, names unlike with nothing shared): two
    /// records at one address with unlike names are `incertain`, for a person to decide.
    mutating func decide() {
        let name = similariteNom
        let ids = identifiantsCommuns
        // Proximity: 1 at the same point, 0 from 300 m; unknown positions count half.
        let proximity = distance.map { max(0, 1 - $0 / 300) } ?? (memeCommune ? 0.5 : 0)
        score = min(1, 0.5 * name + 0.2 * proximity + 0.15 * (memeAdresse ? 1 : 0) + 0.15 * min(1, (Double(ids) + (memeSite ? 0.5 : 0)) / 2))
        let (known, sameCommune) = (distance, memeCommune)
        let within = { (metres: Double) in known.map { $0 <= metres } ?? sameCommune }
        let close = distance.map { $0 <= 50 } ?? false
        let within100 = distance.map { $0 <= 100 } ?? false
        reserve = .aucune
        if !servicesDifferents.isEmpty {
            (decision, regle) = (.different, .services)
            return
        }
        if itinerancesDifferentes {
            (decision, regle) = (.different, .itinerance)
            return
        }
        if posteFranceServices && !autreAdresse {
            (decision, regle) = (.meme, .poste)
        } else if name >= 0.85 && memeAdresse && memeCommune {
            (decision, regle) = (.meme, .nomEtAdresse)
        } else if let d = distance, d > 2000 {
            (decision, regle) = memeSIRET && name >= 0.85 ? (.incertain, .loinMemeSIRET) : (.different, .loin)
        } else if name >= 0.85 {
            if within(500) && (close || memeAdresse || (ids > 0 && !autreAdresse)) {
                (decision, regle) = (.meme, .semblablesPreuve)
            } else if within(500) && typologiesCompatibles && !autreAdresse {
                (decision, regle) = (.meme, .semblablesSansContraire)
            } else {
                (decision, regle) = (.incertain, .semblablesDouteux)
            }
        } else if name >= 0.6 {
            if ((memeAdresse || ids > 0) && within(500) || close && typologiesCompatibles) && !autreAdresse {
                (decision, regle) = (.meme, .prochesPreuve)
            } else if close || memeAdresse || ids > 0 {
                (decision, regle) = (.incertain, .prochesDouteux)
            } else {
                (decision, regle) = (.different, .prochesSansRien)
            }
        } else if (memeAdresse || close) && (ids >= 2 || ids == 1 && !autreAdresse && franceServicesHebergee) {
            (decision, regle) = (.meme, .differentsPreuves)
        } else if memeAdresse || close || (memeSIRET && within(300)) {
            (decision, regle) = (.incertain, .differentsDouteux)
        } else {
            (decision, regle) = (.different, .differents)
        }
        // One service a town has only one of (its France Services, its mairie, one named
        // mairie annexe) under the same name in one commune, within 500 m: one address is out
        // of date, or one position is moved by geocoding.
        if decision != .meme && memeServiceUnique && within(500) && typologiesCompatibles && !siretsDifferents {
            (decision, regle) = (.meme, .serviceUniqueCommune)
        }
        // In two communes, without the same address nor a contact of its own, a likeness of
        // names is not enough (a head office and its antenna in the next village).
        // Within 100 m, a commune whose name holds the other's is one way of writing it
        // (« Marseille 13e » and « Marseille », « Pays-de-Clerval » and « Clerval »); two
        // communes of other names at one point are a geocoding's (each at the other's mairie).
        if decision == .meme && !memeCommune && !memeAdresse && ids == 0 && !(within100 && communeContenue) {
            (decision, reserve) = (.incertain, .communes)
        }
        // Two establishments (two real SIRETs) are never one venue by the rules alone.
        if decision == .meme && siretsDifferents {
            (decision, reserve) = (.incertain, .sirets)
        }
    }

    /// Both names name the same service, one a town has only one of (France Services, mairie),
    /// in one commune, and what else the names hold agrees: the words of one that are not
    /// generic are all in the other (« Espace France Services » and « France Services du
    /// Rouillacais », but not « France Services 14e » and « France Services 13e »).
    public var serviceUnique: NomAnalyse.ServiceNomme?
    var memeServiceUnique: Bool { serviceUnique != nil }

    /// The words of one commune (after its département) are all in the other's, in one
    /// département.
    var communeContenue = false

    static func communeContenue(_ a: String, _ b: String) -> Bool {
        let x = a.split(separator: " "), y = b.split(separator: " ")
        guard let dx = x.first, dx == y.first, x.count > 1, y.count > 1 else { return false }
        let (short, long) = x.count <= y.count ? (x.dropFirst(), y.dropFirst()) : (y.dropFirst(), x.dropFirst())
        return short.allSatisfy { word in long.contains { NomAnalyse.sameWord(String(word), String($0)) } }
    }

    /// One name names a France Services, the other no other service (« France Services » and
    /// « Communauté de communes du Pays de L'Arbresle »): at one address with one contact of
    /// their own, the France Services is that place's counter.
    var franceServicesHebergee = false

    /// La Poste and a France Services at one address: the France Services is the post
    /// office's counter (La Poste holds hundreds of them).
    public var posteFranceServices = false

    /// Why the rules decided, in one French sentence.
    public var raison: String {
        let name = Self.percent(similariteNom)
        var text: String
        switch regle {
        case .services:
            text = "Leurs noms désignent des services différents (\(servicesDifferents.joined(separator: " / "))) : deux lieux, même dans un seul bâtiment."
        case .itinerance:
            text = "L'une est itinérante (un bus, une permanence qui se déplace), l'autre fixe : deux lieux."
        case .nomEtAdresse:
            text = "Noms semblables (\(name)), même adresse"
                + (distance.map { $0 > 300 ? " (positions à \(Self.metres($0)) : l'une est décalée)" : " et à \(Self.metres($0))" } ?? "")
                + extraProof() + "."
        case .serviceUniqueCommune:
            text = "Le même service, qu'une commune n'a qu'une fois (\(serviceUnique?.rawValue ?? "")), dans la même commune "
                + where_() + (autreAdresse ? " : l'une des adresses est sans doute périmée." : ".")
        case .poste: text = "La Poste et une France Services à la même adresse : la France Services est le guichet du bureau de poste."
        case .loin: text = "Distants de \(Self.metres(distance ?? 0)) : deux lieux."
        case .loinMemeSIRET: text = "Distants de \(Self.metres(distance ?? 0)), mais même SIRET et noms semblables : à vérifier."
        case .semblablesPreuve: text = "Noms semblables (\(name)) et " + proof()
        case .semblablesSansContraire: text = "Noms semblables (\(name)) " + where_() + ", sans adresse contraire."
        case .semblablesDouteux:
            text = "Noms semblables (\(name)) mais " + (distance.map { "à \(Self.metres($0))" } ?? "positions inconnues")
                + (autreAdresse ? ", adresses différentes" : "") + (typologiesCompatibles ? "" : ", typologies différentes") + " : à vérifier."
        case .prochesPreuve: text = "Noms proches (\(name)) et " + proof()
        case .prochesDouteux: text = "Noms proches (\(name)) " + where_() + " : à vérifier."
        case .prochesSansRien: text = "Noms seulement proches (\(name)), sans adresse ni contact communs."
        case .differentsPreuves: text = "Noms différents (\(name)) mais " + proof()
        case .differentsDouteux: text = "Noms différents (\(name)) mais " + proof() + " À vérifier."
        case .differents: text = "Noms différents (\(name))."
        }
        switch reserve {
        case .aucune: break
        case .communes: text += " Mais dans deux communes différentes : à vérifier."
        case .sirets: text += " Mais leurs SIRET diffèrent (deux établissements) : à vérifier."
        }
        return text
    }

    private func extraProof() -> String {
        var parts: [String] = []
        if memeSIRET { parts.append("même SIRET") }
        if memeTelephone { parts.append("même téléphone") }
        if memeCourriel { parts.append("même courriel") }
        if memeSite { parts.append("même site web") }
        return parts.isEmpty ? "" : ", " + parts.joined(separator: ", ")
    }

    private func proof() -> String {
        var parts: [String] = []
        if let d = distance { parts.append("à \(Self.metres(d))") }
        if memeAdresse { parts.append("même adresse") }
        if memeSIRET { parts.append("même SIRET") }
        if memeTelephone { parts.append("même téléphone") }
        if memeCourriel { parts.append("même courriel") }
        if memeSite { parts.append("même site web") }
        return parts.joined(separator: ", ") + "."
    }

    private func where_() -> String {
        if let d = distance { return "à \(Self.metres(d))" }
        return memeCommune ? "dans la même commune (positions inconnues)" : "(positions inconnues)"
    }

    static func metres(_ d: Double) -> String {
        d < 1000 ? "\(Int(d.rounded())) m" : "\(Double(Int((d / 100).rounded())) / 10) km".replacingOccurrences(of: ".", with: ",")
    }

    static func percent(_ x: Double) -> String { "\(Int((x * 100).rounded())) %" }
}
