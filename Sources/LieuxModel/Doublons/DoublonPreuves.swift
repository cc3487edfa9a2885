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
    public var raison: String

    /// Contacts at least this many venues share are a network's, not a venue's.
    public static let sharedContactCount = 6

    /// Compares two records; `shared` says whether a contact key is shared by many venues.
    public init(_ a: DoublonFiche, _ b: DoublonFiche, shared: (String) -> Bool = { _ in false }) {
        if let p = a.coordinates, let q = b.coordinates { distance = p.distance(to: q) } else { distance = nil }
        similariteNom = a.analyseNom.similarite(b.analyseNom)
        nomsCompares = [a.analyseNom.texte, b.analyseNom.texte]
        memeCommune = a.communeCle == b.communeCle
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
        decision = .incertain
        score = 0
        raison = ""
        decide()
    }

    /// How many of the venue's own identifiers they share: SIRET, phone, e-mail (a website is
    /// often an organisation's, shared by its sites: it adds to the score only).
    public var identifiantsCommuns: Int { [memeSIRET, memeTelephone, memeCourriel].filter { $0 }.count }

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
        if !servicesDifferents.isEmpty {
            decision = .different
            raison = "Leurs noms désignent des services différents (\(servicesDifferents.joined(separator: " / "))) : deux lieux, même dans un seul bâtiment."
            return
        }
        if itinerancesDifferentes {
            decision = .different
            raison = "L'une est itinérante (un bus, une permanence qui se déplace), l'autre fixe : deux lieux."
            return
        }
        if name >= 0.85 && memeAdresse && memeCommune {
            decision = .meme
            raison = "Noms semblables (\(Self.percent(name))), même adresse" + (distance.map { $0 > 300 ? " (positions à \(Self.metres($0)) : l'une est décalée)" : " et à \(Self.metres($0))" } ?? "") + extraProof() + "."
        } else if let d = distance, d > 2000 {
            decision = memeSIRET && name >= 0.85 ? .incertain : .different
            raison = "Distants de \(Self.metres(d))" + (decision == .incertain ? ", mais même SIRET et noms semblables : à vérifier." : " : deux lieux.")
        } else if name >= 0.85 {
            if within(500) && (close || memeAdresse || (ids > 0 && !autreAdresse)) {
                decision = .meme
                raison = "Noms semblables (\(Self.percent(name))) et " + proof()
            } else if within(500) && typologiesCompatibles && !autreAdresse {
                decision = .meme
                raison = "Noms semblables (\(Self.percent(name))) " + where_() + ", sans adresse contraire."
            } else {
                decision = .incertain
                raison = "Noms semblables (\(Self.percent(name))) mais " + (distance == nil ? "positions inconnues" : "à \(Self.metres(distance!))")
                    + (autreAdresse ? ", adresses différentes" : "") + (typologiesCompatibles ? "" : ", typologies différentes") + " : à vérifier."
            }
        } else if name >= 0.6 {
            if ((memeAdresse || ids > 0) && within(500) || close && typologiesCompatibles) && !autreAdresse {
                decision = .meme
                raison = "Noms proches (\(Self.percent(name))) et " + proof()
            } else if close || memeAdresse || ids > 0 {
                decision = .incertain
                raison = "Noms proches (\(Self.percent(name))) " + where_() + " : à vérifier."
            } else {
                decision = .different
                raison = "Noms seulement proches (\(Self.percent(name))), sans adresse ni contact communs."
            }
        } else if (memeAdresse || close) && ids >= 2 {
            decision = .meme
            raison = "Noms différents (\(Self.percent(name))) mais " + proof()
        } else if memeAdresse || close || (memeSIRET && within(300)) {
            decision = .incertain
            raison = "Noms différents (\(Self.percent(name))) mais " + proof() + " À vérifier."
        } else {
            decision = .different
            raison = "Noms différents (\(Self.percent(name)))."
        }
        // In two communes, without the same address nor a contact of its own, a likeness of
        // names is not enough (a head office and its antenna in the next village).
        if decision == .meme && !memeCommune && !memeAdresse && ids == 0 {
            decision = .incertain
            raison += " Mais dans deux communes différentes : à vérifier."
        }
        // Two establishments (two real SIRETs) are never one venue by the rules alone.
        if decision == .meme && siretsDifferents {
            decision = .incertain
            raison += " Mais leurs SIRET diffèrent (deux établissements) : à vérifier."
        }
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
