import LieuxModel

/// What an encoder does with each field of a ``Lieu``, by the kind of its value.
///
/// `index` is the field's position in the list given to ``Lieu/visitFields(_:with:)``, so
/// that an encoder finds what it prepared for the field (its JSON key) without hashing.
protocol LieuFieldVisitor {
    /// A field held as text; `nil` when empty.
    mutating func text(_ index: Int, _ value: String?)
    /// A multi-valued field (`a|b` in a CSV file).
    mutating func values<T: RawRepresentable>(_ index: Int, _ values: MultiValue<T>) where T.RawValue == String
    /// `latitude` or `longitude`; `nil` when the venue has no coordinates.
    mutating func coordinate(_ index: Int, _ value: Double?)
    /// `date_maj`.
    mutating func date(_ index: Int, _ value: CalendarDate)
}

extension Lieu {
    /// Hands each field of `fields`, in that order, to `visitor` with its typed value.
    ///
    /// The encoders' one mapping from the standard's fields to `Lieu`'s properties, the
    /// typed counterpart of ``Lieu/text(_:)`` (which builds a `String` per field).
    func visitFields<V: LieuFieldVisitor>(_ fields: [Field], with visitor: inout V) {
        for index in fields.indices {
            switch fields[index] {
            case .id: visitor.text(index, id.rawValue)
            case .pivot: visitor.text(index, pivot.rawValue)
            case .nom: visitor.text(index, nom)
            case .commune: visitor.text(index, commune)
            case .codePostal: visitor.text(index, codePostal.rawValue)
            case .codeINSEE: visitor.text(index, codeINSEE?.rawValue)
            case .adresse: visitor.text(index, adresse)
            case .complementAdresse: visitor.text(index, complementAdresse)
            case .latitude: visitor.coordinate(index, coordinates?.latitude)
            case .longitude: visitor.coordinate(index, coordinates?.longitude)
            case .typologie: visitor.values(index, typologies)
            case .telephone: visitor.text(index, telephone?.rawValue)
            case .courriels: visitor.values(index, courriels)
            case .siteWeb: visitor.values(index, sitesWeb)
            case .horaires: visitor.text(index, horaires)
            case .presentationResume: visitor.text(index, presentationResume)
            case .presentationDetail: visitor.text(index, presentationDetail)
            case .source: visitor.text(index, source)
            case .itinerance: visitor.values(index, itinerance)
            case .structureParente: visitor.text(index, structureParente)
            case .dateMaj: visitor.date(index, dateMaj)
            case .services: visitor.values(index, services)
            case .publicsSpecifiquementAdresses: visitor.values(index, publicsSpecifiquementAdresses)
            case .priseEnChargeSpecifique: visitor.values(index, priseEnChargeSpecifique)
            case .fraisACharge: visitor.values(index, fraisACharge)
            case .dispositifProgrammesNationaux: visitor.values(index, dispositifProgrammesNationaux)
            case .formationsLabels: visitor.values(index, formationsLabels)
            case .autresFormationsLabels: visitor.text(index, autresFormationsLabels)
            case .modalitesAcces: visitor.values(index, modalitesAcces)
            case .modalitesAccompagnement: visitor.values(index, modalitesAccompagnement)
            case .ficheAccesLibre: visitor.text(index, ficheAccesLibre?.rawValue)
            case .priseRdv: visitor.text(index, priseRdv?.rawValue)
            }
        }
    }
}
