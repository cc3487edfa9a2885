/// A training or label the venue holds (field `formations_labels`).
///
/// Raw values are the exact labels of the standard (v1.0.2). The published pattern lists ten
/// labels (the 1.0.2 description has the same ten); "Étapes numériques(La Poste)" has no space
/// before the parenthesis there, and so here, since the validator follows the pattern.
public enum FormationLabel: String, Sendable, Hashable, CaseIterable, Codable {
    case formeAMonEspaceSante = "Formé à « Mon Espace Santé »"
    case formeADuplex = "Formé à « DUPLEX » (illettrisme)"
    case arniaMedNumBFC = "Arnia/MedNum BFC (Bourgogne-Franche-Comté)"
    case collectifRessourcesEtActeursReemploi = "Collectif ressources et acteurs réemploi (Normandie)"
    case etapesNumeriquesLaPoste = "Étapes numériques(La Poste)"
    case fabriquesDeTerritoire = "Fabriques de Territoire"
    case eclaireursDuNumerique = "Les Éclaireurs du numérique (Drôme)"
    case mesPapiers = "Mes Papiers (Métropole de Lyon)"
    case ordi30 = "ORDI 3.0"
    case sudLabs = "SUD LABS (PACA)"
}
