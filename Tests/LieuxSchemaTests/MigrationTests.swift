import Foundation
import LieuxModel
import Testing

@testable import LieuxSchema

/// Reads every row of `base` through a ``MigratingRowReader``, with the issues it reports.
private func migrate<Base: RowReader>(_ base: Base) throws -> (rows: [SourceRow], issues: [ValidationIssue]) {
    var reader = MigratingRowReader(base: base)
    var issues = reader.takeIssues()
    var rows: [SourceRow] = []
    while let row = try reader.nextRow() {
        rows.append(row)
        issues += reader.takeIssues()
    }
    #expect(reader.labels == Lieu.Field.allCases.map(\.rawValue))
    return (rows, issues)
}

/// A JSON array of flat objects, keys in the order given (`nil`: JSON null).
private func json(_ objects: [[(String, String?)]]) -> Data {
    func quoted(_ text: String) -> String { String(decoding: try! JSONEncoder().encode(text), as: UTF8.self) }
    let body = objects.map { pairs in
        "{" + pairs.map { quoted($0.0) + ":" + ($0.1.map(quoted) ?? "null") }.joined(separator: ",") + "}"
    }
    return Data(("[" + body.joined(separator: ",\n") + "]").utf8)
}

private func migrate(json objects: [[(String, String?)]]) throws -> (rows: [SourceRow], issues: [ValidationIssue]) {
    try migrate(JSONRowReader(data: json(objects)))
}

private func migrate(csv text: String) throws -> (rows: [SourceRow], issues: [ValidationIssue]) {
    try migrate(CSVRowReader(data: Data(text.utf8)))
}

extension SourceRow {
    /// The migrated cell of `field`.
    subscript(field: Lieu.Field) -> String? { cells[field.number - 1] }
}

/// The exact labels of a field's vocabulary in a version's schema file.
private func vocabulary(_ field: String, _ version: SchemaVersion) throws -> [String] {
    try #require(try version.schema.field(named: field)?.vocabulary)
}

@Suite("MigratingRowReader")
struct MigrationTests {
    // MARK: - Tables

    @Test("labels are the 32 fields of 1.0.2 in the schema's order, whatever the source")
    func labels() throws {
        let schemaFields = try SchemaVersion.v1_0_2.schema.fields.map(\.name)
        #expect(schemaFields.count == 32)
        #expect(MigratingRowReader(base: try CSVRowReader(data: Data("id,courriel\n".utf8))).labels == schemaFields)
        #expect(MigratingRowReader(base: JSONRowReader(data: Data("[]".utf8))).labels == schemaFields)
    }

    @Test(
        "every 0.1 service becomes its 1.0 service",
        arguments: MigrationV01.services.sorted { $0.key < $1.key }.map { ($0.key, $0.value.rawValue) })
    func service(old: String, new: String) throws {
        let (rows, issues) = try migrate(json: [[("id", "a"), ("services", old)]])
        #expect(rows[0][.services] == new)
        #expect(issues.isEmpty)
    }

    @Test(
        "every 0.1 modality of support becomes its 1.0 modality",
        arguments: MigrationV01.modalitesAccompagnement.sorted { $0.key < $1.key }.map { ($0.key, $0.value.rawValue) })
    func modalite(old: String, new: String) throws {
        let (rows, issues) = try migrate(json: [[("id", "a"), ("modalites_accompagnement", old)]])
        #expect(rows[0][.modalitesAccompagnement] == new)
        #expect(issues.isEmpty)
    }

    /// Every entry of the tables of the split or renamed vocabularies: 0.1 column, 0.1 label, 1.0 target.
    static let splitEntries: [(String, String, MigrationV01.Target)] =
        MigrationV01.fraisACharge.map { ("conditions_acces", $0.key, .init($0.value)) }
        + MigrationV01.publicsSpecifiquementAdresses.map { ("publics_accueillis", $0.key, .init($0.value)) }
        + MigrationV01.priseEnChargeSpecifique.map { ("publics_accueillis", $0.key, .init($0.value)) }
        + MigrationV01.dispositifProgrammesNationaux.map { ("labels_nationaux", $0.key, .init($0.value)) }
        + MigrationV01.formationsLabels.map { ("labels_nationaux", $0.key, .init($0.value)) }

    @Test(
        "every label of a split 0.1 column goes to the right 1.0 field, and only there",
        arguments: splitEntries.sorted { ($0.0, $0.1) < ($1.0, $1.1) })
    func split(column: String, old: String, target: MigrationV01.Target) throws {
        let (rows, issues) = try migrate(json: [[("id", "a"), (column, old)]])
        #expect(rows[0][target.field] == target.label)
        let others = Lieu.Field.allCases.filter { $0 != target.field && $0 != .id }
        #expect(others.allSatisfy { rows[0][$0] == nil })
        #expect(issues.isEmpty)
    }

    @Test(
        "a renamed 0.1 column moves to its 1.0 field",
        arguments: [
            ("courriel", "contact@mairie.fr", Lieu.Field.courriels),
            ("labels_autres", "ZRR", .autresFormationsLabels),
            ("accessibilite", "https://acceslibre.beta.gouv.fr/app/erp/mairie/", .ficheAccesLibre),
        ])
    func renamed(column: String, value: String, field: Lieu.Field) throws {
        let (rows, issues) = try migrate(json: [[("id", "a"), (column, value)]])
        #expect(rows[0][field] == value)
        #expect(issues.isEmpty)
    }

    @Test("the tables' keys are labels of 0.1 and their values labels of 1.0.2, as the schema files write them")
    func tablesMatchTheSchemas() throws {
        let tables: [(String, [String: MigrationV01.Target])] = [
            ("services", MigrationV01.services.mapValues(MigrationV01.Target.init)),
            ("modalites_accompagnement", MigrationV01.modalitesAccompagnement.mapValues(MigrationV01.Target.init)),
        ] + Dictionary(grouping: Self.splitEntries, by: \.0).map { column, entries in
            (column, Dictionary(uniqueKeysWithValues: entries.map { ($0.1, $0.2) }))
        }
        for (column, table) in tables {
            let old = try vocabulary(column, .v0_1_0)
            // "A distance" is the unaccented spelling of a 1.0 label, accepted as a variant.
            for key in table.keys where key != "A distance" {
                #expect(old.contains(key), "« \(key) » is not a 0.1 label of \(column)")
            }
            for target in table.values {
                #expect(try vocabulary(target.field.rawValue, .v1_0_2).contains(target.label))
            }
        }
    }

    @Test(
        "every label of a 0.1 vocabulary has a 1.0 label or is listed as having none",
        arguments: ["services", "modalites_accompagnement", "publics_accueillis", "conditions_acces", "labels_nationaux"])
    func coverage(column: String) throws {
        let mapped: Set<String>
        switch column {
        case "services": mapped = Set(MigrationV01.services.keys)
        case "modalites_accompagnement": mapped = Set(MigrationV01.modalitesAccompagnement.keys)
        default: mapped = Set(Self.splitEntries.filter { $0.0 == column }.map(\.1))
        }
        let without = Set(MigrationV01.withoutCorrespondence[column] ?? [])
        #expect(mapped.isDisjoint(with: without))
        #expect(Set(try vocabulary(column, .v0_1_0)) == mapped.union(without).subtracting(["A distance"]))
    }

    @Test("the 0.1 columns the migration knows are exactly those 1.0.2 no longer has")
    func legacyColumns() throws {
        let old = Set(try SchemaVersion.v0_1_0.schema.fields.map(\.name))
        let new = Set(try SchemaVersion.v1_0_2.schema.fields.map(\.name))
        #expect(Set(MigrationV01.legacyColumns.keys) == old.subtracting(new))
        #expect(Set(try SchemaVersion.v0_1_0.schema.detectionColumns) == old.subtracting(new))
    }

    // MARK: - Warnings

    static let unmapped: [(String, String)] = MigrationV01.withoutCorrespondence
        .flatMap { column, labels in labels.map { (column, $0) } }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }

    @Test("a label without a 1.0 label is not carried over and gives a warning on its row and column", arguments: unmapped)
    func unmappedLabel(column: String, label: String) throws {
        let (rows, issues) = try migrate(json: [
            [("id", "a"), ("nom", "Lieu A")],
            [("id", "b"), (column, label)],
        ])
        #expect(rows.map(\.number) == [2, 3])
        #expect(Lieu.Field.allCases.filter { $0 != .id }.allSatisfy { rows[1][$0] == nil })
        let issue = try #require(issues.only)
        #expect(issue.type == "migration-valeur-sans-correspondance")
        #expect(issue.severity == .warning)
        #expect(issue.rowNumber == 3)
        #expect(issue.fieldName == column)
        #expect(issue.fieldNumber == 3)
        #expect(issue.cell == label)
        #expect(issue.note == "no 1.0 label for \"\(label)\"")
        #expect(issue.message.hasPrefix("Ligne 3, colonne « \(column) » (version 0.1) : « \(label) » n'a pas d'équivalent"))
        #expect(issue.message.contains("n'est pas repris."))
    }

    @Test("one warning per row and column lists all the cell's labels without a 1.0 label; the others are carried over")
    func severalUnmappedLabels() throws {
        let cell = "Adultes;Seniors (+ 65 ans);Surdité;Lève-tôt"
        let (rows, issues) = try migrate(csv: "id,publics_accueillis,labels_nationaux\nx,\(cell),APTIC;CNFS;French Tech\n")
        #expect(rows[0][.publicsSpecifiquementAdresses] == "Seniors")
        #expect(rows[0][.priseEnChargeSpecifique] == "Surdité")
        #expect(rows[0][.dispositifProgrammesNationaux] == "Conseillers numériques")
        #expect(issues.count == 2)
        #expect(issues[0].fieldName == "publics_accueillis")
        #expect(issues[0].fieldNumber == 2)
        #expect(issues[0].cell == cell)
        #expect(issues[0].note == #"no 1.0 label for "Adultes", "Lève-tôt""#)
        #expect(issues[0].message.contains("« Adultes », « Lève-tôt » n'ont pas d'équivalent"))
        #expect(issues[0].message.contains("publics_specifiquement_adresses"))
        #expect(issues[1].fieldName == "labels_nationaux")
        #expect(issues[1].note == #"no 1.0 label for "APTIC", "French Tech""#)
        #expect(issues[1].message.contains("autres_formations_labels"))
        #expect(issues.allSatisfy { $0.rowNumber == 2 && $0.severity == .warning })
    }

    @Test("a non-empty cle_ban is dropped with a warning; an empty one silently")
    func cleBan() throws {
        let (rows, issues) = try migrate(csv: "id,cle_ban,nom\na,13001_3079_00001,A\nb,,B\nc,  ,C\n")
        #expect(rows.count == 3)
        #expect(rows.allSatisfy { $0.cells.count == 32 && !$0.cells.contains("13001_3079_00001") })
        let issue = try #require(issues.only)
        #expect(issue.type == "migration-colonne")
        #expect(issue.rowNumber == 2)
        #expect(issue.fieldName == "cle_ban")
        #expect(issue.cell == "13001_3079_00001")
        #expect(issue.note == #"column "cle_ban" was removed in 1.0; its value is not carried over"#)
        #expect(issue.message.contains("« 13001_3079_00001 » n'est pas reprise"))
    }

    @Test("a column of neither version is reported once and dropped")
    func unknownColumn() throws {
        let (rows, issues) = try migrate(csv: "id,nom,remarque,services\na,A,à revoir,Prendre en main un ordinateur\nb,B,,\n")
        #expect(rows.count == 2)
        #expect(rows.allSatisfy { $0.cells.count == 32 && !$0.cells.contains("à revoir") })
        #expect(rows[0][.services] == "Maîtrise des outils numériques du quotidien")
        let issue = try #require(issues.only)
        #expect(issue.type == "colonne-inconnue")
        #expect(issue.rowNumber == 1)
        #expect(issue.fieldName == "remarque")
        #expect(issue.fieldNumber == 3)
        #expect(issue.severity == .warning)
    }

    @Test("a JSON key of neither version is reported once, when it first appears")
    func unknownJSONKey() throws {
        var reader = MigratingRowReader(base: JSONRowReader(data: json([
            [("id", "a")], [("id", "b"), ("note", "x")], [("id", "c"), ("note", "y")],
        ])))
        #expect(reader.takeIssues().isEmpty)
        _ = try reader.nextRow()
        #expect(reader.takeIssues().isEmpty)
        _ = try reader.nextRow()
        #expect(reader.takeIssues().map(\.fieldName) == ["note"])
        _ = try reader.nextRow()
        #expect(reader.takeIssues().isEmpty)
        #expect(try reader.nextRow() == nil)
    }

    @Test("labels that differ only in case or accents are read, with the validator's incorrect-label error")
    func closeLabels() throws {
        let (rows, issues) = try migrate(csv: "id,Courriel,Publics accueillis\na,a@b.fr,Jeunes (16-26 ans)\n")
        #expect(rows[0][.courriels] == "a@b.fr")
        #expect(rows[0][.publicsSpecifiquementAdresses] == "Jeunes")
        #expect(issues.map(\.type) == ["incorrect-label", "incorrect-label"])
        #expect(issues.map(\.fieldName) == ["courriel", "publics_accueillis"])
    }

    // MARK: - Values

    @Test("; becomes | in multi-valued fields, and values are trimmed")
    func separators() throws {
        let (rows, issues) = try migrate(csv: """
            id,typologie,site_web,services,modalites_accompagnement,labels_autres,telephone
            a,TIERS_LIEUX;ASSO,https://a.fr/; https://b.fr/,Prendre en main un ordinateur;Créer avec le numérique,Seul : j'ai accès à du matériel et une connexion;Dans un atelier : j'apprends collectivement à utiliser le numérique,SudLabs;Nièvre médiation numérique,+33180059880

            """)
        #expect(issues.isEmpty)
        #expect(rows[0][.typologie] == "TIERS_LIEUX|ASSO")
        #expect(rows[0][.siteWeb] == "https://a.fr/|https://b.fr/")
        #expect(rows[0][.services] == "Maîtrise des outils numériques du quotidien|Loisirs et créations numériques")
        #expect(rows[0][.modalitesAccompagnement] == "En autonomie|Dans un atelier collectif")
        #expect(rows[0][.autresFormationsLabels] == "SudLabs|Nièvre médiation numérique")
        #expect(rows[0][.telephone] == "+33180059880")
    }

    @Test("0.1 labels condensed into one 1.0 label give it once")
    func duplicatesMerged() throws {
        let (rows, _) = try migrate(json: [[
            ("id", "a"),
            ("services", "Prendre en main un ordinateur;Utiliser le numérique au quotidien;Accéder à du matériel;Accéder à une connexion internet"),
            ("labels_nationaux", "Point relais CAF;Point numérique CAF"),
        ]])
        #expect(rows[0][.services] == "Maîtrise des outils numériques du quotidien|Accès internet et matériel informatique")
        #expect(rows[0][.dispositifProgrammesNationaux] == "Point d'accès numérique CAF")
    }

    @Test("the short form of a 0.1 label and a typographic apostrophe are understood")
    func variants() throws {
        let (rows, issues) = try migrate(json: [[
            ("id", "a"),
            ("modalites_accompagnement", "Seul;Avec de l’aide;A distance : par téléphone"),
            ("conditions_acces", "Adhésion"),
            ("services", "S’équiper en matériel informatique"),
        ]])
        #expect(issues.isEmpty)
        #expect(rows[0][.modalitesAccompagnement] == "En autonomie|Accompagnement individuel|À distance")
        #expect(rows[0][.fraisACharge] == "Payant")
        #expect(rows[0][.services] == "Acquisition de matériel informatique à prix solidaire")
    }

    @Test("in services, a label of neither version is kept for the validator to report")
    func unknownServiceKept() throws {
        let (rows, issues) = try migrate(json: [[("id", "a"), ("services", "Aide informatique;Créer avec le numérique")]])
        #expect(rows[0][.services] == "Aide informatique|Loisirs et créations numériques")
        #expect(issues.isEmpty)
    }

    @Test("new 1.0 fields stay empty; a CSV row has 32 cells, empty ones as \"\", a JSON row nil")
    func emptyFields() throws {
        let csv = try migrate(csv: "id,nom\na,A\n").rows[0]
        #expect(csv.cells.count == 32)
        #expect(csv[.itinerance] == "")
        #expect(csv[.dispositifProgrammesNationaux] == "")
        let json = try migrate(json: [[("id", "a"), ("nom", "A")]]).rows[0]
        #expect(json.cells.count == 32)
        #expect(json[.itinerance] == nil)
        #expect(json[.modalitesAcces] == nil)
        #expect(json[.nom] == "A")
    }

    // MARK: - Mixed files

    @Test("in a mixed file, a 1.0 column is kept and the 0.1 column mapping to it adds its values without duplicates")
    func mixedMerge() throws {
        let (rows, issues) = try migrate(json: [
            [("id", "a"), ("courriels", "a@x.fr"), ("courriel", "b@x.fr")],
            [("id", "b"), ("courriels", "a@x.fr|c@x.fr"), ("courriel", "c@x.fr")],
            [("id", "c"), ("courriel", "d@x.fr")],
            [("id", "d"), ("courriels", "e@x.fr")],
            [("id", "e"), ("publics_specifiquement_adresses", "Jeunes"), ("publics_accueillis", "Jeunes (16-26 ans);Seniors (+ 65 ans)")],
            [("id", "f"), ("dispositif_programmes_nationaux", "France Services"), ("labels_nationaux", "CNFS;France Services")],
            [("id", "g"), ("services", "Aide aux démarches administratives|Prendre en main un ordinateur")],
            [("id", "h"), ("frais_a_charge", "Gratuit"), ("conditions_acces", "Payant : L'accès au lieu et/ou à ses services est payant")],
            [("id", "i"), ("courriels", ""), ("courriel", "f@x.fr")],
        ])
        #expect(issues.isEmpty)
        #expect(rows.map { $0[.courriels] } == ["a@x.fr|b@x.fr", "a@x.fr|c@x.fr", "d@x.fr", "e@x.fr", nil, nil, nil, nil, "f@x.fr"])
        #expect(rows[4][.publicsSpecifiquementAdresses] == "Jeunes|Seniors")
        #expect(rows[5][.dispositifProgrammesNationaux] == "France Services|Conseillers numériques")
        #expect(rows[6][.services] == "Aide aux démarches administratives|Maîtrise des outils numériques du quotidien")
        #expect(rows[7][.fraisACharge] == "Gratuit|Payant")
    }

    @Test("the 1.0 column's values come first whatever the order of the columns")
    func mixedOrder() throws {
        let (rows, _) = try migrate(csv: "courriel,id,courriels\nb@x.fr,a,a@x.fr\n")
        #expect(rows[0][.courriels] == "a@x.fr|b@x.fr")
        #expect(rows[0][.id] == "a")
    }

    @Test("a single-valued 0.1 column fills its 1.0 field only when empty; a different value is reported")
    func mixedSingle() throws {
        let (rows, issues) = try migrate(csv: """
            id,fiche_acces_libre,accessibilite
            a,,https://acceslibre/1
            b,https://acceslibre/2,https://acceslibre/2
            c,https://acceslibre/3,https://acceslibre/4

            """)
        #expect(rows.map { $0[.ficheAccesLibre] } == ["https://acceslibre/1", "https://acceslibre/2", "https://acceslibre/3"])
        let issue = try #require(issues.only)
        #expect(issue.type == "migration-colonne")
        #expect(issue.rowNumber == 4)
        #expect(issue.fieldName == "accessibilite")
        #expect(issue.cell == "https://acceslibre/4")
        #expect(issue.message.contains("celle de « fiche_acces_libre » est gardée"))
    }

    // MARK: - Rows

    @Test("row numbers are the source's, blank lines and multi-line cells included")
    func rowNumbers() throws {
        let text = "id,nom,presentation_detail\na,A,\"deux\nlignes\"\n\nb,B,x\n"
        let base = try migrate(CSVRowReader(data: Data(text.utf8)))
        var plain = try CSVRowReader(data: Data(text.utf8))
        var numbers: [Int] = []
        while let row = try plain.nextRow() { numbers.append(row.number) }
        #expect(base.rows.map(\.number) == numbers)
        #expect(numbers == [2, 3, 4])
        #expect(base.rows[0][.presentationDetail] == "deux\nlignes")
        #expect(base.issues.isEmpty)  // a blank line is the validator's to report
    }

    @Test("CSV rows of the wrong length are reported as the validator would on the source")
    func rowShape() throws {
        let (rows, issues) = try migrate(csv: "id,nom,remarque,courriel\na,A\nb,B,x,b@x.fr,en trop\n")
        #expect(rows.count == 2)
        // The unknown column is not read, so its missing cell is not reported.
        #expect(issues.map(\.type) == ["colonne-inconnue", "missing-cell", "extra-cell"])
        #expect(issues.map(\.rowNumber) == [1, 2, 3])
        #expect(issues[1].fieldName == "courriel")
        #expect(issues[1].fieldNumber == 4)
        #expect(issues[2].cell == "en trop")
        #expect(issues.dropFirst().allSatisfy { $0.severity == .error })
    }

    // MARK: - Deciding

    @Test(
        "needsMigration: always for 0.1.0, for 1.0.2 only with a 0.1 column left",
        arguments: [
            (["id", "courriel"], SchemaVersion.v0_1_0, true),
            ([], .v0_1_0, true),
            (["id", "courriels"], .v1_0_2, false),
            (Lieu.Field.allCases.map(\.rawValue), .v1_0_2, false),
            (Lieu.Field.allCases.map(\.rawValue) + ["courriel"], .v1_0_2, true),
            (["id", "labels_nationaux"], .v1_0_2, true),
            (["id", "Cle BAN"], .v1_0_2, true),
            (["id", "remarque"], .v1_0_2, false),
        ])
    func needsMigration(labels: [String], version: SchemaVersion, expected: Bool) {
        #expect(MigratingRowReader<CSVRowReader>.needsMigration(labels: labels, version: version) == expected)
    }

    @Test("the validator adds the reader's warnings to its report and validates the migrated rows against 1.0.2")
    func validator() throws {
        let data = Data("""
            id,pivot,nom,commune,code_postal,code_insee,adresse,typologie,courriel,date_maj,services,publics_accueillis,conditions_acces
            a,21510454800007,Médiathèque,Reims,51100,51454,2 rue des Fuseliers,BIB;MUNI,contact@reims.fr,2025-03-14,Prendre en main un ordinateur,Adultes;Seniors (+ 65 ans),Gratuit : Je peux accéder gratuitement au lieu et à ses services

            """.utf8)
        var reader = MigratingRowReader(base: try CSVRowReader(data: data))
        let options = ValidationOptions(today: CalendarDate(year: 2026, month: 11, day: 23)!)
        let task = try Validator(version: .v1_0_2, options: options).validate(&reader, place: "test.csv")
        #expect(task.schemaVersion == "1.0.2")
        #expect(task.labels == Lieu.Field.allCases.map(\.rawValue))
        #expect(task.valid, "\(task.errors)")
        #expect(task.stats.rows == 1)
        let warning = try #require(task.warnings.first { $0.type == "migration-valeur-sans-correspondance" })
        #expect(warning.rowNumber == 2)
        #expect(warning.fieldName == "publics_accueillis")
        #expect(!task.warnings.contains { $0.type == "colonne-facultative-absente" })
    }
}

extension Array {
    /// The only element, or `nil` when there are none or several.
    fileprivate var only: Element? { count == 1 ? first : nil }
}

// MARK: - Real files

@Suite("MigratingRowReader on real files", .enabled(if: SharedData.isAvailable, SharedData.absent))
struct MigrationRealFilesTests {
    func report(_ path: String) throws -> TaskReport {
        let options = ValidationOptions(listLimit: 100_000, today: CalendarDate(year: 2026, month: 11, day: 23)!)
        var reader = MigratingRowReader(base: try JSONRowReader(url: SharedData.url(path)))
        return try Validator(version: .v1_0_2, options: options).validate(&reader, place: path)
    }

    /// The fields whose labels the migration writes.
    static let vocabularyFields = [
        "services", "modalites_accompagnement", "frais_a_charge", "publics_specifiquement_adresses",
        "prise_en_charge_specifique", "dispositif_programmes_nationaux", "formations_labels",
    ]

    /// Counted by hand (a script over the JSON files): rows whose `publics_accueillis` has
    /// "Adultes", rows whose `labels_nationaux` has "APTIC"; no file has `cle_ban`, an unknown
    /// key, or both `accessibilite` and `fiche_acces_libre`.
    @Test(
        "the ANCT files of 0.1, and the mixed 1.0 ones, migrate to valid 1.0.2 labels with the expected warnings",
        arguments: [
            ("standard/v0.1/anct-hub-du-sud-paca-20230516-v0.1.json", 792, 193),
            ("standard/v0.1/anct-charente-20230711-v0.1.json", 188, 22),
            ("standard/v0.1/anct-nouvelle-caledonie-20240320-v0.1.json", 90, 77),
            ("standard/v0.1/anct-bus-france-services-charente-20231003-v0.1.json", 12, 12),
            ("standard/v1/anct-hub-du-sud-paca-20230517-v1.json", 646, 125),
            ("standard/v1/anct-charente-20230711-v1.json", 188, 22),
            ("standard/v1/anct-nouvelle-caledonie-20240320-v1.json", 90, 0),
        ])
    func realFile(path: String, rows: Int, unmapped: Int) throws {
        let task = try report(path)
        #expect(task.stats.rows == rows)
        #expect(task.labels == Lieu.Field.allCases.map(\.rawValue))
        #expect(!task.errors.contains { ["format-error", "encoding-error", "scheme-error"].contains($0.type) })
        let vocabularyErrors = task.errors.filter { Self.vocabularyFields.contains($0.fieldName ?? "") }
        #expect(vocabularyErrors.isEmpty, "\(vocabularyErrors.prefix(3))")
        #expect(task.warnings.filter { $0.type == "migration-valeur-sans-correspondance" }.count == unmapped)
        #expect(!task.warnings.contains { $0.type == "migration-colonne" || $0.type == "colonne-inconnue" })
        // What is left is the producers' own: long presentations (and, for New Caledonia's
        // 0.1 file, nothing else since code_insee is optional in 1.0.2).
        #expect(task.errors.allSatisfy { $0.fieldName == "presentation_resume" }, "\(task.errors.prefix(3))")
    }

    @Test("the 0.1 example of the standard becomes a valid 1.0.2 row; its cle_ban and \"Adultes\" are reported")
    func example() throws {
        let options = ValidationOptions(today: CalendarDate(year: 2026, month: 11, day: 23)!)
        var reader = MigratingRowReader(base: try CSVRowReader(url: SharedData.url("standard/v0.1/lamednum-exemple-valide-v0.1.0.csv")))
        let task = try Validator(version: .v1_0_2, options: options).validate(&reader, place: "exemple")
        #expect(task.valid, "\(task.errors)")
        let migration = task.warnings.filter { $0.type.hasPrefix("migration-") }
        #expect(migration.map(\.fieldName) == ["cle_ban", "publics_accueillis", "conditions_acces", "labels_nationaux"])
    }

    /// Rows of a file, migrated, by id.
    func migratedRows(_ path: String) throws -> [String: SourceRow] {
        let rows = try migrate(JSONRowReader(url: SharedData.url(path))).rows
        return Dictionary(rows.map { ($0[.id]!, $0) }) { first, _ in first }
    }

    /// The national cartography converted the same venues itself, and the migration agrees
    /// with it but for these venues, checked one by one: in PACA, 8 venues of the source cr93
    /// whose "Promouvoir la citoyenneté numérique" it dropped (we give "Compréhension du monde
    /// numérique", as it did for other sources); in Charente, one venue whose "Créer et
    /// développer mon entreprise" it dropped (it gave "Insertion professionnelle via le
    /// numérique" elsewhere), 3 venues whose "Avec de l'aide" it dropped next to "Dans un
    /// atelier", and one whose typologie `MUNI;RFS` it cut to `MUNI`.
    @Test(
        "the migration of a 0.1 export agrees with the national cartography's own 1.0 export of the same venues",
        arguments: [
            ("standard/v0.1/anct-hub-du-sud-paca-20230516-v0.1.json", "standard/v1/anct-hub-du-sud-paca-20230517-v1.json", 646, [Lieu.Field.services: 8]),
            ("standard/v0.1/anct-charente-20230711-v0.1.json", "standard/v1/anct-charente-20230711-v1.json", 188, [.services: 1, .modalitesAccompagnement: 3, .typologie: 1]),
            ("standard/v0.1/anct-nouvelle-caledonie-20240320-v0.1.json", "standard/v1/anct-nouvelle-caledonie-20240320-v1.json", 90, [:]),
        ])
    func agreesWithANCT(old: String, new: String, common: Int, differences: [Lieu.Field: Int]) throws {
        let before = try migratedRows(old)
        let after = try migratedRows(new)
        let ids = Set(before.keys).intersection(after.keys)
        #expect(ids.count == common)
        func values(_ row: SourceRow, _ field: Lieu.Field) -> Set<Substring> {
            Set((row[field] ?? "").split(separator: "|"))
        }
        let compared: [Lieu.Field] = [
            .services, .modalitesAccompagnement, .fraisACharge, .courriels, .publicsSpecifiquementAdresses,
            .priseEnChargeSpecifique, .dispositifProgrammesNationaux, .formationsLabels, .autresFormationsLabels,
            .ficheAccesLibre, .typologie, .siteWeb,
        ]
        for field in compared {
            let differing = ids.filter { values(before[$0]!, field) != values(after[$0]!, field) }.count
            #expect(differing == differences[field] ?? 0, "\(field.rawValue)")
        }
    }

    @Test("known PACA rows migrate to the expected cells")
    func pacaRows() throws {
        let rows = try migrate(JSONRowReader(url: SharedData.url("standard/v0.1/anct-hub-du-sud-paca-20230516-v0.1.json")))
        let peyruis = try #require(rows.rows.first { $0.number == 44 })
        let expected: [Lieu.Field: String] = [
            .id: "mediation-numerique-conseiller-numerique-6284b556e42c5106ec5cce07",
            .nom: "Commune de Peyruis",
            .services: "Maîtrise des outils numériques du quotidien|Compréhension du monde numérique",
            .pivot: "00000000000000",
            .commune: "PEYRUIS",
            .codePostal: "04310",
            .adresse: "PL DE L'HOTEL DE VILLE",
            .latitude: "44.0434",
            .longitude: "5.9286",
            .telephone: "+33492332100",
            .courriels: "mairie@peyruis.fr",
            .siteWeb: "https://www.peyruis.fr",
            .fraisACharge: "Gratuit",
            .dispositifProgrammesNationaux: "Conseillers numériques|France Services",
            .horaires: "Mo-Fr 08:30-12:00,13:00-17:00; Th 08:00-13:00,13:01-15:00",
            .source: "conseiller-numerique",
            .dateMaj: "2022-05-18",
        ]
        for field in Lieu.Field.allCases {
            #expect(peyruis[field] == expected[field], "\(field.rawValue)")
        }

        let fruitiere = try #require(rows.rows.first { $0.number == 780 })
        #expect(fruitiere[.nom] == "FRUITIERE NUMERIQUE")
        #expect(fruitiere[.services] == [
            "Aide aux démarches administratives", "Maîtrise des outils numériques du quotidien",
            "Compréhension du monde numérique", "Insertion professionnelle via le numérique",
            "Accès internet et matériel informatique", "Loisirs et créations numériques",
            "Parentalité et éducation avec le numérique",
        ].joined(separator: "|"))
        #expect(fruitiere[.modalitesAccompagnement] == "Dans un atelier collectif|Accompagnement individuel")
        #expect(fruitiere[.publicsSpecifiquementAdresses] == nil)
        let warning = try #require(rows.issues.first { $0.rowNumber == 780 })
        #expect(warning.type == "migration-valeur-sans-correspondance")
        #expect(warning.fieldName == "publics_accueillis")
        #expect(warning.cell == "Adultes")
        #expect(warning.note == #"no 1.0 label for "Adultes""#)
    }
}
