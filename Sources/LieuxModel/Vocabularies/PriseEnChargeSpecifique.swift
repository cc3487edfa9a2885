/// A specific care the venue provides (field `prise_en_charge_specifique`).
///
/// Raw values are the exact labels of the standard (v1.0.2).
public enum PriseEnChargeSpecifique: String, Sendable, Hashable, CaseIterable, Codable {
    case surdite = "Surdité"
    case handicapsMoteurs = "Handicaps moteurs"
    case handicapsMentaux = "Handicaps mentaux"
    case illettrisme = "Illettrisme"
    case languesEtrangeresAnglais = "Langues étrangères (anglais)"
    case languesEtrangeresAutres = "Langues étrangères (autres)"
    case deficienceVisuelle = "Déficience visuelle"
}
