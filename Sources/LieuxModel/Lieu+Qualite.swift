extension Lieu {
    /// How complete and fresh the record is, 0 to 100: what a médiateur needs most weighs most.
    ///
    /// | what | points |
    /// |---|---:|
    /// | opening hours (`horaires`) | 20 |
    /// | services | 15 |
    /// | a phone number or an e-mail address | 15 |
    /// | a position | 15 |
    /// | a website, a real SIRET (not a placeholder), a typology, the publics, the fees, the access, a presentation | 5 each |
    ///
    /// The sum is multiplied by 0.8 when `date_maj` is more than a year before `today`, by 0.6
    /// when it is more than three years before, and rounded.
    public func qualite(today: CalendarDate) -> Int {
        var points = 0
        if horaires != nil { points += 20 }
        if !services.isEmpty { points += 15 }
        if telephone != nil || !courriels.isEmpty { points += 15 }
        if coordinates != nil { points += 15 }
        if !sitesWeb.isEmpty { points += 5 }
        if DoublonFiche.realSIRET(pivot.rawValue) != nil { points += 5 }
        if !typologies.isEmpty { points += 5 }
        if !publicsSpecifiquementAdresses.isEmpty { points += 5 }
        if !fraisACharge.isEmpty { points += 5 }
        if !modalitesAcces.isEmpty { points += 5 }
        if presentationResume != nil || presentationDetail != nil { points += 5 }
        let age = (today.year - dateMaj.year) * 12 + (today.month - dateMaj.month) - (today.day < dateMaj.day ? 1 : 0)
        let factor = age >= 36 ? 0.6 : age >= 12 ? 0.8 : 1
        return Int((Double(points) * factor).rounded())
    }
}
