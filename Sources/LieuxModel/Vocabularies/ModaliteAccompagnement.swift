/// How people are accompanied (field `modalites_accompagnement`).
///
/// Raw values are the exact labels of the standard (v1.0.2).
public enum ModaliteAccompagnement: String, Sendable, Hashable, CaseIterable, Codable {
    case enAutonomie = "En autonomie"
    case accompagnementIndividuel = "Accompagnement individuel"
    case dansUnAtelierCollectif = "Dans un atelier collectif"
    case aDistance = "À distance"
}
