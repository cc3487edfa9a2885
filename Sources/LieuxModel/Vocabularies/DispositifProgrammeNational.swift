/// A national scheme the venue belongs to (field `dispositif_programmes_nationaux`).
///
/// Raw values are the exact labels of the standard (v1.0.2).
public enum DispositifProgrammeNational: String, Sendable, Hashable, CaseIterable, Codable {
    case aidantsConnect = "Aidants Connect"
    case bibliothequesNumeriqueDeReference = "Bibliothèques numérique de référence"
    case certificationPIX = "Certification PIX"
    case conseillersNumeriques = "Conseillers numériques"
    case emmausConnect = "Emmaüs Connect"
    case franceServices = "France Services"
    case grandeEcoleDuNumerique = "Grande école du numérique"
    case laCroixRouge = "La Croix Rouge"
    case pointDAccesNumeriqueCAF = "Point d'accès numérique CAF"
    case promeneursDuNet = "Promeneurs du net"
    case relaisNumeriqueEmmausConnect = "Relais numérique (Emmaüs Connect)"
}
