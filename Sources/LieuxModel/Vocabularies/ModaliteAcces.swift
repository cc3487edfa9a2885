/// How to get access to the venue's help (field `modalites_acces`).
///
/// Raw values are the exact labels of the standard (v1.0.2).
public enum ModaliteAcces: String, Sendable, Hashable, CaseIterable, Codable {
    case sePresenter = "Se présenter"
    case telephoner = "Téléphoner"
    case contacterParMail = "Contacter par mail"
    case prendreUnRDVEnLigne = "Prendre un RDV en ligne"
    case neRecoitPasDePublic = "Ce lieu n'accueille pas de public"
    case envoyerUnMailAvecUneFicheDePrescription = "Envoyer un mail avec une fiche de prescription"
}
