/// A kind of help a venue offers (field `services`).
///
/// Raw values are the exact labels of the standard (v1.0.2).
public enum Service: String, Sendable, Hashable, CaseIterable, Codable {
    case aideAuxDemarchesAdministratives = "Aide aux démarches administratives"
    case maitriseDesOutilsNumeriquesDuQuotidien = "Maîtrise des outils numériques du quotidien"
    case insertionProfessionnelleViaLeNumerique = "Insertion professionnelle via le numérique"
    case utilisationSecuriseeDuNumerique = "Utilisation sécurisée du numérique"
    case parentaliteEtEducationAvecLeNumerique = "Parentalité et éducation avec le numérique"
    case loisirsEtCreationsNumeriques = "Loisirs et créations numériques"
    case comprehensionDuMondeNumerique = "Compréhension du monde numérique"
    case accesInternetEtMaterielInformatique = "Accès internet et matériel informatique"
    case acquisitionDeMaterielInformatiqueAPrixSolidaire = "Acquisition de matériel informatique à prix solidaire"
}
