import Foundation

extension Lieu {
    /// Why a record could not become a `Lieu`: a required field is empty or a value does not
    /// have the form of its type. The validator reports these first; this is the last guard.
    public struct DecodingError: Error, Sendable, Equatable, CustomStringConvertible {
        public var field: Field
        public var value: String?
        public var description: String {
            "champ « \(field.rawValue) » : " + (value.map { "valeur « \($0) » invalide" } ?? "valeur obligatoire absente")
        }
    }

    /// A venue from the text of its fields, as a file of the standard (v1.0.2) holds them.
    ///
    /// `text(field)` returns the cell of a field, `nil` or empty when absent. Multi-valued
    /// fields are split on `|`; labels outside a vocabulary are dropped (the validator has
    /// already rejected them); addresses without a pattern in the standard are kept verbatim. Coordinates are kept only when both are valid numbers.
    public init(text: (Field) -> String?) throws(DecodingError) {
        func value(_ field: Field) -> String? {
            guard let raw = text(field) else { return nil }
            let trimmed = raw.trimmed()
            return trimmed.isEmpty ? nil : raw
        }
        func required<T>(_ field: Field, _ make: (String) -> T?) throws(DecodingError) -> T {
            guard let raw = value(field) else { throw DecodingError(field: field, value: nil) }
            guard let parsed = make(raw) else { throw DecodingError(field: field, value: raw) }
            return parsed
        }
        func optional<T>(_ field: Field, _ make: (String) -> T?) -> T? { value(field).flatMap(make) }
        func multi<T>(_ field: Field, _ make: (String) -> T?) -> MultiValue<T> {
            value(field).map { MultiValue<T>.parse($0, element: make).value } ?? []
        }
        func labels<T: Vocabulary>(_ type: T.Type) -> MultiValue<T> { multi(T.field) { T(rawValue: $0) } }

        self.init(
            id: try required(.id) { ID(rawValue: $0) },
            pivot: try required(.pivot) { Pivot(rawValue: $0) },
            nom: try required(.nom) { $0 },
            commune: try required(.commune) { $0 },
            codePostal: try required(.codePostal) { CodePostal(rawValue: $0) },
            adresse: try required(.adresse) { $0 },
            dateMaj: try required(.dateMaj) { CalendarDate(iso: $0) })
        codeINSEE = optional(.codeINSEE) { CodeINSEE(rawValue: $0) }
        complementAdresse = value(.complementAdresse)
        if let lat = optional(.latitude, Self.number), let lon = optional(.longitude, Self.number) {
            coordinates = Coordinates(latitude: lat, longitude: lon)
        }
        typologies = multi(.typologie) { Typologie(code: $0) }
        telephone = optional(.telephone) { Telephone(rawValue: $0) }
        courriels = multi(.courriels) { Courriel(verbatim: $0) }
        sitesWeb = multi(.siteWeb) { WebAddress(verbatim: $0) }
        horaires = value(.horaires)
        presentationResume = value(.presentationResume)
        presentationDetail = value(.presentationDetail)
        source = value(.source)
        itinerance = labels(Itinerance.self)
        structureParente = value(.structureParente)
        services = labels(Service.self)
        publicsSpecifiquementAdresses = labels(PublicSpecifiquementAdresse.self)
        priseEnChargeSpecifique = labels(PriseEnChargeSpecifique.self)
        fraisACharge = labels(FraisACharge.self)
        dispositifProgrammesNationaux = labels(DispositifProgrammeNational.self)
        formationsLabels = labels(FormationLabel.self)
        autresFormationsLabels = value(.autresFormationsLabels)
        modalitesAcces = labels(ModaliteAcces.self)
        modalitesAccompagnement = labels(ModaliteAccompagnement.self)
        ficheAccesLibre = optional(.ficheAccesLibre) { WebAddress(verbatim: $0) }
        priseRdv = optional(.priseRdv) { WebAddress(verbatim: $0) }
    }

    /// A number as the standard writes it (a point for decimals, spaces around allowed).
    static func number(_ text: String) -> Double? {
        Double(text.trimmed())
    }

    /// The text of a field as a file of the standard holds it: multi-values joined with `|`,
    /// numbers in their shortest exact form, `nil` when the field is empty.
    public func text(_ field: Field) -> String? {
        func joined<T: RawRepresentable>(_ values: MultiValue<T>) -> String? where T.RawValue == String {
            values.isEmpty ? nil : values.text
        }
        switch field {
        case .id: return id.rawValue
        case .pivot: return pivot.rawValue
        case .nom: return nom
        case .commune: return commune
        case .codePostal: return codePostal.rawValue
        case .codeINSEE: return codeINSEE?.rawValue
        case .adresse: return adresse
        case .complementAdresse: return complementAdresse
        case .latitude: return coordinates.map { Self.format($0.latitude) }
        case .longitude: return coordinates.map { Self.format($0.longitude) }
        case .typologie: return joined(typologies)
        case .telephone: return telephone?.rawValue
        case .courriels: return joined(courriels)
        case .siteWeb: return joined(sitesWeb)
        case .horaires: return horaires
        case .presentationResume: return presentationResume
        case .presentationDetail: return presentationDetail
        case .source: return source
        case .itinerance: return joined(itinerance)
        case .structureParente: return structureParente
        case .dateMaj: return dateMaj.description
        case .services: return joined(services)
        case .publicsSpecifiquementAdresses: return joined(publicsSpecifiquementAdresses)
        case .priseEnChargeSpecifique: return joined(priseEnChargeSpecifique)
        case .fraisACharge: return joined(fraisACharge)
        case .dispositifProgrammesNationaux: return joined(dispositifProgrammesNationaux)
        case .formationsLabels: return joined(formationsLabels)
        case .autresFormationsLabels: return autresFormationsLabels
        case .modalitesAcces: return joined(modalitesAcces)
        case .modalitesAccompagnement: return joined(modalitesAccompagnement)
        case .ficheAccesLibre: return ficheAccesLibre?.rawValue
        case .priseRdv: return priseRdv?.rawValue
        }
    }

    /// The shortest text that reads back as the same `Double` (`45.681367`, not `45.681367000000002`).
    public static func format(_ value: Double) -> String {
        var text = "\(value)"
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }
}
