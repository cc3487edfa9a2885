import LieuxModel

/// How the columns and labels of version 0.1 of the standard become those of version 1.0.
///
/// The standard's `descriptif-des-evolutions` (LaMednum/standard-mediation-num, "Comparaison
/// des versions 0.1.1 et 1.0.1") says which fields were renamed, split or dropped, and that the
/// 15 services were condensed into 9, but it gives no table label by label. Each label below
/// was therefore checked against the national cartography's own conversion: the ANCT exported
/// the same venues in both versions (PACA 2023-05-16 and 05-17, Charente 2023-07-11, New
/// Caledonia 2024-03-20, in `../shared/data/standard`), and comparing them by `id` shows where
/// each 0.1 label went. Where those exports are silent, the choice follows the labels' meaning
/// and its comment says so.
///
/// The tables are keyed by the exact 0.1 labels (`lieux:vocabulary` of `schema-0.1.0.json`);
/// their values are the vocabularies of ``LieuxModel``, whose raw values are the 1.0.2 labels.
enum MigrationV01 {
    /// A label of a version 1.0 vocabulary, with the field it belongs to.
    struct Target: Hashable, Sendable {
        var field: Lieu.Field
        var label: String

        init(field: Lieu.Field, label: String) {
            self.field = field
            self.label = label
        }

        init<V: Vocabulary>(_ value: V) {
            field = V.field
            label = value.rawValue
        }
    }

    /// What becomes of a column that version 0.1 has and version 1.0 no longer has.
    enum ColumnChange: Sendable {
        /// Renamed: the values move to the 1.0 field unchanged (as a list when either side
        /// is multi-valued).
        case renamed(to: Lieu.Field)
        /// Split: each label goes to the field of its ``Target``; `advice` tells, in French,
        /// what to do with a label that has none.
        case split(labels: [String: Target], advice: String)
        /// Removed from the standard: a value is reported, never carried over.
        case removed(advice: String)
    }

    /// The 0.1 columns version 1.0 no longer has, and what becomes of each.
    static let legacyColumns: [String: ColumnChange] = [
        "courriel": .renamed(to: .courriels),
        "labels_autres": .renamed(to: .autresFormationsLabels),
        "accessibilite": .renamed(to: .ficheAccesLibre),
        "cle_ban": .removed(
            advice: "La clé BAN n'existe plus dans la version 1.0 : rien à faire si l'adresse, le code INSEE et les coordonnées du lieu sont renseignés."),
        "publics_accueillis": .split(
            labels: targets(publicsSpecifiquementAdresses, priseEnChargeSpecifique),
            advice: "En version 1.0, un lieu accueille tout public par défaut : indiquez seulement, s'il y a lieu, les publics auxquels il s'adresse spécifiquement (publics_specifiquement_adresses : "
                + PublicSpecifiquementAdresse.labels.joined(separator: ", ")
                + ") et les besoins particuliers qu'il prend en charge (prise_en_charge_specifique : "
                + PriseEnChargeSpecifique.labels.joined(separator: ", ") + ")."),
        "conditions_acces": .split(
            labels: targets(fraisACharge),
            advice: "Indiquez dans frais_a_charge celle des valeurs " + FraisACharge.labels.joined(separator: ", ")
                + " qui s'applique ; le reste peut être précisé dans presentation_detail."),
        "labels_nationaux": .split(
            labels: targets(dispositifProgrammesNationaux, formationsLabels),
            advice: "S'il y a lieu, choisissez un dispositif de dispositif_programmes_nationaux ("
                + DispositifProgrammeNational.labels.joined(separator: ", ")
                + ") ou un label de formations_labels ; sinon, indiquez-le dans autres_formations_labels."),
    ]

    /// Fields both versions have, whose labels changed: 0.1 label → 1.0 label.
    static let sharedVocabularies: [Lieu.Field: [String: Target]] = [
        .services: targets(services),
        .modalitesAccompagnement: targets(modalitesAccompagnement),
    ]

    /// The labels of each 1.0 vocabulary that a 0.1 column's labels go to: a mixed file may
    /// already write them in the 0.1 column, and they are kept.
    static let vocabularies: [Lieu.Field: [String]] = [
        Service.field: Service.labels,
        ModaliteAccompagnement.field: ModaliteAccompagnement.labels,
        FraisACharge.field: FraisACharge.labels,
        PublicSpecifiquementAdresse.field: PublicSpecifiquementAdresse.labels,
        PriseEnChargeSpecifique.field: PriseEnChargeSpecifique.labels,
        DispositifProgrammeNational.field: DispositifProgrammeNational.labels,
        FormationLabel.field: FormationLabel.labels,
    ]

    // MARK: - Shared fields

    /// `services`: the 15 services of 0.1 condensed into the 9 of 1.0.
    static let services: [String: Service] = [
        "Devenir autonome dans les démarches administratives": .aideAuxDemarchesAdministratives,
        "Réaliser des démarches administratives avec un accompagnement": .aideAuxDemarchesAdministratives,
        // ANCT: all 90 venues with this service have "Aide aux démarches administratives".
        "Accompagner les démarches de santé": .aideAuxDemarchesAdministratives,
        "Prendre en main un smartphone ou une tablette": .maitriseDesOutilsNumeriquesDuQuotidien,
        "Prendre en main un ordinateur": .maitriseDesOutilsNumeriquesDuQuotidien,
        "Utiliser le numérique au quotidien": .maitriseDesOutilsNumeriquesDuQuotidien,
        "Approfondir ma culture numérique": .comprehensionDuMondeNumerique,
        // ANCT: the venues whose conversion kept it (New Caledonia, dora) got "Compréhension du
        // monde numérique"; no ANCT venue has "Utilisation sécurisée du numérique". Citizenship
        // in a digital world (rights, information, public debate) is what "comprendre le monde
        // numérique" covers; secure use is a narrower skill.
        "Promouvoir la citoyenneté numérique": .comprehensionDuMondeNumerique,
        "Favoriser mon insertion professionnelle": .insertionProfessionnelleViaLeNumerique,
        // ANCT: the 5 venues with only this service have "Insertion professionnelle via le numérique".
        "Créer et développer mon entreprise": .insertionProfessionnelleViaLeNumerique,
        "Accéder à une connexion internet": .accesInternetEtMaterielInformatique,
        "Accéder à du matériel": .accesInternetEtMaterielInformatique,
        // ANCT: both venues with it have "Acquisition de matériel informatique à prix solidaire".
        "S'équiper en matériel informatique": .acquisitionDeMaterielInformatiqueAPrixSolidaire,
        "Créer avec le numérique": .loisirsEtCreationsNumeriques,
        "Soutenir la parentalité et l'éducation avec le numérique": .parentaliteEtEducationAvecLeNumerique,
    ]

    /// `modalites_accompagnement`: the 0.1 labels, with their explanation after « : ».
    static let modalitesAccompagnement: [String: ModaliteAccompagnement] = [
        "Seul : j'ai accès à du matériel et une connexion": .enAutonomie,
        "Avec de l'aide : je suis accompagné seul dans l'usage du numérique": .accompagnementIndividuel,
        "Dans un atelier : j'apprends collectivement à utiliser le numérique": .dansUnAtelierCollectif,
        // 1.0 has no "à ma place"; having an authorised person do the procedure is a one-to-one
        // service, the nearest of the four. (ANCT's only converted venue with it listed every
        // modality, so it tells nothing.)
        "A ma place : une personne habilitée fait les démarches à ma place": .accompagnementIndividuel,
        // Not a 0.1 label (1.0 added remote support), but the unaccented spelling producers
        // write, alone or before « : ».
        "A distance": .aDistance,
    ]

    // MARK: - Split and renamed fields

    /// `conditions_acces` → `frais_a_charge`.
    static let fraisACharge: [String: FraisACharge] = [
        "Gratuit : Je peux accéder gratuitement au lieu et à ses services": .gratuit,
        "Gratuit sous condition : La gratuité est conditionnée à des critères (situation familiale, convention avec un organisme social...)":
            .gratuitSousCondition,
        "Payant : L'accès au lieu et/ou à ses services est payant": .payant,
        // A membership fee is a charge; ANCT converted both venues with it to "Payant".
        "Adhésion : L'accès au lieu et/ou à ses services nécessite d'y adhérer": .payant,
    ]

    /// `publics_accueillis` → `publics_specifiquement_adresses` (who the venue is meant for).
    static let publicsSpecifiquementAdresses: [String: PublicSpecifiquementAdresse] = [
        "Seniors (+ 65 ans)": .seniors,
        "Familles/enfants": .famillesEtOuEnfants,
        "Jeunes (16-26 ans)": .jeunes,
        "Uniquement femmes": .femmes,
    ]

    /// `publics_accueillis` → `prise_en_charge_specifique` (particular needs it can support).
    static let priseEnChargeSpecifique: [String: PriseEnChargeSpecifique] = [
        "Public langues étrangères": .languesEtrangeresAutres,
        "Déficience visuelle": .deficienceVisuelle,
        "Surdité": .surdite,
        // 1.0 has no psychic disability; ANCT converted it to "Handicaps mentaux" (New Caledonia).
        "Handicaps psychiques : troubles psychiatriques donnant lieu à des atteintes comportementales": .handicapsMentaux,
        "Handicaps mentaux : déficiences limitant les activités d'une personne": .handicapsMentaux,
        "Personnes en situation d'illettrisme": .illettrisme,
    ]

    /// `labels_nationaux` → `dispositif_programmes_nationaux` (national schemes).
    static let dispositifProgrammesNationaux: [String: DispositifProgrammeNational] = [
        "France Services": .franceServices,
        "CNFS": .conseillersNumeriques,  // Conseillers numériques France Services
        "Aidants Connect": .aidantsConnect,
        "Grandes écoles du numérique": .grandeEcoleDuNumerique,
        "Point relais CAF": .pointDAccesNumeriqueCAF,
        "Point numérique CAF": .pointDAccesNumeriqueCAF,
    ]

    /// `labels_nationaux` → `formations_labels` (labels the venue obtained).
    static let formationsLabels: [String: FormationLabel] = [
        "Fabriques de Territoire": .fabriquesDeTerritoire
    ]

    /// Labels of 0.1 vocabularies that have no 1.0 equivalent, by 0.1 column: each occurrence
    /// is reported as a warning and not carried over.
    static let withoutCorrespondence: [String: [String]] = [
        // 1.0 assumes every venue welcomes adults: it only lists publics a venue specifically targets.
        "publics_accueillis": ["Adultes"],
        // A means of payment, not a charge: it says nothing of whether access is free.
        "conditions_acces": [
            "Accepte le Pass numérique : Il est possible d'utiliser un Pass numérique pour accéder au lieu"
        ],
        // Neither a 1.0 scheme nor a 1.0 label (APTIC issues the Pass numérique).
        "labels_nationaux": ["APTIC", "Relais pôle emploi", "French Tech", "Campus connecté"],
    ]

    /// The tables of a column, merged, as targets.
    private static func targets<V: Vocabulary>(_ table: [String: V]) -> [String: Target] {
        table.mapValues(Target.init)
    }

    private static func targets<V: Vocabulary, W: Vocabulary>(_ first: [String: V], _ second: [String: W]) -> [String: Target] {
        targets(first).merging(targets(second)) { a, _ in a }
    }
}
