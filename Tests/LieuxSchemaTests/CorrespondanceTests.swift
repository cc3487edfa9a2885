import Foundation
import LieuxModel
import Testing

@testable import LieuxSchema

@Suite("Correspondence files: producers' own files converted to the standard")
struct CorrespondanceTests {
    static let yaml = """
        version: 1
        colonnes:
          id: Identifiant
          nom: Nom de la structure
          adresse: [Numéro, Voie]
          commune: Ville
          code_postal: CP
          telephone: Tél.
          services: Services
          typologie: Type
          date_maj: Mise à jour
        constantes:
          source: Région Sud
          pivot: "00000000000000"
        valeurs:
          services:
            "Aide aux démarches": "Aide aux démarches administratives"
            "Tout le numérique": "Maîtrise des outils numériques du quotidien|Compréhension du monde numérique"
          typologie:
            "Bibliothèque / Médiathèque": BIB
        horaires:
          jours: { lundi: Lundi, mardi: Mardi }
        """

    static func convert(_ csv: String, yaml: String = Self.yaml) throws -> (rows: [SourceRow], issues: [ValidationIssue], labels: [String], summary: ConversionSummary) {
        let correspondance = try Correspondance.parse(yaml)
        var reader = try CorrespondingRowReader(base: try CSVRowReader(data: Data(csv.utf8)), correspondance: correspondance)
        var rows: [SourceRow] = []
        var issues: [ValidationIssue] = []
        while let row = try reader.nextRow() {
            rows.append(row)
            issues += reader.takeIssues()
        }
        return (rows, issues, reader.labels, reader.summary)
    }

    static func value(_ row: SourceRow, _ field: String, _ labels: [String]) -> String? {
        row.cells[labels.firstIndex(of: field)!]
    }

    @Test("columns, joined columns, constants, values mapped by the file and by the standard's labels, hours by day")
    func mapping() throws {
        let csv = """
            Identifiant;Nom de la structure;Numéro;Voie;VILLE;cp;Tél.;Services;Type;Mise à jour;Lundi;Mardi
            a1;Médiathèque;12;rue de la Paix;Digne-les-Bains;4000;04 92 00 00 00;aide aux démarches | MAITRISE des outils numériques du quotidien;Bibliothèque / Médiathèque;02/03/2021;9h-12h;Fermé
            a2;Espace;;Place Haute;Gap;05000;;Tout le numérique;Tiers-lieu;2021-05-01;;
            """
        let (rows, issues, labels, summary) = try Self.convert(csv)
        #expect(labels.count == 32 && labels.first == "id")
        let first = rows[0]
        #expect(Self.value(first, "adresse", labels) == "12 rue de la Paix")
        #expect(Self.value(first, "commune", labels) == "Digne-les-Bains")
        #expect(Self.value(first, "code_postal", labels) == "04000")
        #expect(Self.value(first, "telephone", labels) == "+33492000000")
        #expect(Self.value(first, "services", labels) == "Aide aux démarches administratives|Maîtrise des outils numériques du quotidien")
        #expect(Self.value(first, "typologie", labels) == "BIB")
        #expect(Self.value(first, "date_maj", labels) == "2021-03-02")
        #expect(Self.value(first, "horaires", labels) == "Mo 09:00-12:00")
        #expect(Self.value(first, "source", labels) == "Région Sud")
        #expect(Self.value(first, "pivot", labels) == "00000000000000")
        #expect(Self.value(rows[1], "services", labels) == "Maîtrise des outils numériques du quotidien|Compréhension du monde numérique")
        #expect(Self.value(rows[1], "adresse", labels) == "Place Haute")
        // A typologie without a correspondence is kept for the validator to judge.
        #expect(Self.value(rows[1], "typologie", labels) == "Tiers-lieu")
        #expect(rows.map(\.number) == [2, 3])
        #expect(summary.rows == 2)
        #expect(summary.hours["exacte"] == 1)
        #expect(summary.normalized["code_postal"] == 1 && summary.normalized["telephone"] == 1 && summary.normalized["date_maj"] == 1)
        #expect(issues.isEmpty)
    }

    @Test("values without a correspondence are left out, counted and reported with their row")
    func unmapped() throws {
        let csv = """
            Identifiant,Nom de la structure,Numéro,Voie,Ville,CP,Tél.,Services,Type,Mise à jour,Lundi,Mardi
            a1,M,1,rue,Gap,05000,,"Aide aux démarches|Cours de cuisine",,2021-05-01,,
            a2,N,2,rue,Gap,05000,,Cours de cuisine,,2021-05-01,du lundi au vendredi 9h-12h,
            """
        let (rows, issues, labels, summary) = try Self.convert(csv)
        #expect(Self.value(rows[0], "services", labels) == "Aide aux démarches administratives")
        #expect(Self.value(rows[1], "services", labels) == "")
        #expect(summary.unmapped["services"] == ["Cours de cuisine": 2])
        let warnings = issues.filter { $0.type == IssueCode.valeurSansCorrespondance.rawValue }
        #expect(warnings.map(\.rowNumber) == [2, 3])
        #expect(warnings.first?.message.contains("« Cours de cuisine » n'a pas de correspondance") == true)
        // A day's cell holding the whole week: converted in part or not, never invented.
        #expect(issues.contains { $0.type == IssueCode.horairesConvertisEnPartie.rawValue || $0.type == IssueCode.horairesNonConvertis.rawValue })
    }

    @Test("ids made for files without an id column: the row's number, or a fingerprint that stays the same")
    func ids() throws {
        let yaml = "version: 1\ncolonnes:\n  nom: Nom\n  adresse: Adresse\n  commune: Commune\nidentifiants: empreinte\n"
        let csv = "Nom,Adresse,Commune\nMédiathèque,1 rue,Gap\nMEDIATHEQUE,1 Rue,GAP\nAutre,2 rue,Gap\n"
        let (rows, _, labels, _) = try Self.convert(csv, yaml: yaml)
        let ids = rows.map { Self.value($0, "id", labels) ?? "" }
        #expect(ids[0].hasPrefix("empreinte-") && ids[0].count == "empreinte-".count + 16)
        #expect(ids[0] == ids[1])
        #expect(ids[0] != ids[2])
        let again = try Self.convert(csv, yaml: yaml)
        #expect(again.rows.map { Self.value($0, "id", labels) ?? "" } == ids)
        let byLine = try Self.convert(csv, yaml: yaml.replacingOccurrences(of: "empreinte", with: "numero_de_ligne"))
        #expect(byLine.rows.map { Self.value($0, "id", labels) ?? "" } == ["ligne-2", "ligne-3", "ligne-4"])
    }

    @Test("a correspondence file that cannot be used says why, in French, naming the key")
    func errors() throws {
        func message(_ yaml: String) -> String? {
            do { _ = try Correspondance.parse(yaml, place: "c.yml") } catch { return error.message }
            return nil
        }
        #expect(message("version: 1\ncolonnes:\n  nom_structure: Nom\n")?.contains("« nom_structure » n'est pas un champ du standard") == true)
        #expect(message("version: 1\ncolones:\n  nom: Nom\n")?.contains("la clé « colones » est inconnue") == true)
        #expect(message("version: 2\n")?.contains("version 1") == true)
        #expect(message("version: 1\nfichier: { encodage: ebcdic }\n")?.contains("« ebcdic » n'est pas un encodage connu") == true)
        #expect(message("version: 1\nidentifiants: hasard\n")?.contains("numero_de_ligne ou empreinte") == true)
        #expect(message("version: 1\nhoraires:\n  jours: { lundy: L }\n")?.contains("« lundy » n'est pas un jour") == true)
        #expect(message("colonnes: [")?.contains("n'est pas un YAML valide") == true)
        #expect(message("- a\n- b\n")?.contains("doit être un dictionnaire") == true)
        #expect(message("version: 1\nfichier: { separateur: '#' }\n")?.contains("« # » n'est pas un séparateur connu") == true)
        #expect(message("version: 1\nfichier: { onglet: 2 }\n")?.contains("la clé « onglet » est inconnue") == true)
        // A column the file does not have.
        let correspondance = try Correspondance.parse("version: 1\ncolonnes:\n  nom: Raison sociale\n")
        let error = #expect(throws: SourceError.self) {
            _ = try CorrespondingRowReader(base: try CSVRowReader(data: Data("Nom,Ville\na,b\n".utf8)), correspondance: correspondance)
        }
        #expect(error?.message.contains("« Raison sociale »") == true)
        #expect(error?.message.contains("« Nom », « Ville »") == true)
    }

    @Test("a converted file validates and imports as the standard: Validator.reader wraps the producer's file")
    func throughValidator() throws {
        let csv = """
            Identifiant;Nom de la structure;Numéro;Voie;Ville;CP;Tél.;Services;Type;Mise à jour;Lundi;Mardi
            a1;Médiathèque;12;rue de la Paix;Digne-les-Bains;04000;04 92 00 00 00;Aide aux démarches;Bibliothèque / Médiathèque;2021-03-02;9h-12h;
            """
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lieux-producteur-\(UUID().uuidString).csv")
        try Data(csv.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        var options = ValidationOptions(today: CalendarDate(year: 2026, month: 11, day: 23)!)
        options.reading.correspondance = try Correspondance.parse(Self.yaml)
        let report = try Validator(options: options).validate(fileAt: url, place: "p.csv")
        #expect(report.errors.isEmpty)
        #expect(report.stats.rows == 1)
        let reading = ImportReading(url: url, options: options)
        var imported: [CheckedRow] = []
        let outcome = try reading.read { imported.append($0) }
        #expect(outcome.fileVersion == .v1_0_2)
        #expect(imported.count == 1 && imported[0].isValid)
    }

    @Test("values put in the standard's form only when there is no doubt")
    func normalizer() throws {
        #expect(ValueNormalizer.phone("04 91 00 00 00") == "+33491000000")
        #expect(ValueNormalizer.phone("04.91.00.00.00 / 06 12 34 56 78") == "+33491000000")
        #expect(ValueNormalizer.phone("+33 (0)4 91 00 00 00") == "+33491000000")
        #expect(ValueNormalizer.phone("0033491000000") == "+33491000000")
        #expect(ValueNormalizer.phone("0262 21 34 56") == "+262262213456")
        #expect(ValueNormalizer.phone("0692 12 34 56") == "+262692123456")
        #expect(ValueNormalizer.phone("0590 12 34 56") == "+590590123456")
        #expect(ValueNormalizer.phone("04 91 00 00") == nil)
        #expect(ValueNormalizer.phone("appeler la mairie") == nil)
        #expect(ValueNormalizer.date("2/3/2021") == "2021-03-02")
        #expect(ValueNormalizer.date("05/05/2021 14:29:42") == "2021-05-05")
        #expect(ValueNormalizer.date("2021-05-05T14:29:42") == "2021-05-05")
        #expect(ValueNormalizer.date("31/13/2021") == nil)
    }
}

@Suite("lieux correspondance proposer: a draft from a producer's file")
struct CorrespondanceDraftTests {
    @Test("columns found by their names, day columns as hours, values matched to 1.0 and 0.1 labels, the rest to complete; the draft parses")
    func draft() throws {
        let sample = CorrespondanceDraft.Sample(
            labels: ["Nom de la structure", "Ville", "CP", "Adresse postale", "Tél", "Services", "Lundi", "Mardi", "Divers"],
            rows: [
                ["M", "Gap", "05000", "1 rue", "04 92 00 00 00", "Prendre en main un ordinateur|AIDE AUX DEMARCHES ADMINISTRATIVES", "9h-12h", "", "x"],
                ["N", "Gap", "05000", "2 rue", "", "Cours de cuisine", "", "", ""],
            ],
            place: "producteur.csv")
        let yaml = CorrespondanceDraft.yaml(for: sample)
        #expect(yaml.contains("  nom: \"Nom de la structure\""))
        #expect(yaml.contains("  commune: \"Ville\""))
        #expect(yaml.contains("  code_postal: \"CP\""))
        #expect(yaml.contains("  adresse: \"Adresse postale\""))
        #expect(yaml.contains("  telephone: \"Tél\""))
        #expect(yaml.contains("    lundi: \"Lundi\""))
        #expect(yaml.contains("« Divers »"))
        // 0.1's label → 1.0's, a 1.0 label in other capitals → itself, the rest to complete.
        #expect(yaml.contains("    \"Prendre en main un ordinateur\": \"Maîtrise des outils numériques du quotidien\""))
        #expect(yaml.contains("    \"AIDE AUX DEMARCHES ADMINISTRATIVES\": \"Aide aux démarches administratives\""))
        #expect(yaml.contains("    # \"Cours de cuisine\": \"\"   # à compléter (1 fois)"))
        #expect(yaml.contains("identifiants: empreinte"))
        let correspondance = try Correspondance.parse(yaml)
        #expect(correspondance.columns["nom"] == ["Nom de la structure"])
        #expect(correspondance.hours.days[.lundi] == "Lundi")
        #expect(correspondance.values["services"]?[ValueFolding.fold("Prendre en main un ordinateur")] == "Maîtrise des outils numériques du quotidien")
    }
}

@Suite("fichier.separateur of a correspondence file")
struct CorrespondanceSeparatorTests {
    @Test("a forced delimiter reads a file whose header would suggest another")
    func separator() throws {
        // The header has more commas than semicolons; the cells are separated by semicolons.
        let csv = "Nom, prénom;Adresse, rue;Ville\nMédiathèque;1 rue;Gap\n"
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lieux-separateur-\(UUID().uuidString).csv")
        try Data(csv.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let yaml = "version: 1\nfichier: { separateur: ';' }\ncolonnes:\n  nom: Nom, prénom\n  adresse: Adresse, rue\n  commune: Ville\nidentifiants: numero_de_ligne\n"
        var reading = ReadingOptions()
        reading.correspondance = try Correspondance.parse(yaml)
        var reader = try Validator.reader(for: url, reading: reading)
        let row = try #require(try reader.nextRow())
        #expect(row.cells[reader.labels.firstIndex(of: "nom")!] == "Médiathèque")
        #expect(row.cells[reader.labels.firstIndex(of: "commune")!] == "Gap")
    }
}

@Suite("The standard's own workbooks (0.1)", .enabled(if: SharedData.isAvailable, SharedData.absent))
struct StandardWorkbooksTests {
    @Test("the example and the template of 0.1 validate as 0.1.0 and import with the migration to 1.0.2")
    func workbooks() throws {
        let options = ValidationOptions(today: CalendarDate(year: 2026, month: 11, day: 23)!)
        let example = try Validator(options: options).validate(fileAt: SharedData.url("standard/v0.1/lamednum-exemple-valide-v0.1.0.xlsx"))
        #expect(example.schemaVersion == "0.1.0" && example.valid && example.stats.rows == 1 && example.format == .xlsx)
        let template = try Validator(options: options).validate(fileAt: SharedData.url("standard/v0.1/lamednum-gabarit-v0.1.0.xlsx"))
        #expect(template.schemaVersion == "0.1.0" && template.valid && template.stats.rows == 0)
        var rows: [CheckedRow] = []
        let outcome = try ImportReading(url: SharedData.url("standard/v0.1/lamednum-exemple-valide-v0.1.0.xlsx"), options: options).read { rows.append($0) }
        #expect(outcome.fileVersion == .v0_1_0)
        #expect(outcome.report.schemaVersion == "1.0.2")
        #expect(rows.count == 1 && rows[0].isValid)
        // The same venue as the CSV of the example, field for field, but site_web: the workbook
        // writes its two addresses with a comma, the CSV with 0.1's « ; ».
        var fromCSV: [CheckedRow] = []
        _ = try ImportReading(url: SharedData.url("standard/v0.1/lamednum-exemple-valide-v0.1.0.csv"), options: options).read { fromCSV.append($0) }
        let site = try SchemaVersion.current.schema.fields.firstIndex { $0.name == "site_web" }!
        var workbook = try #require(rows.first).values, csv = try #require(fromCSV.first).values
        #expect(workbook[site] == "https://www.laquincaillerie.tl/,https://m.facebook.com/laquincaillerienumerique/")
        #expect(csv[site] == "https://www.laquincaillerie.tl/|https://m.facebook.com/laquincaillerienumerique/")
        workbook[site] = nil
        csv[site] = nil
        #expect(workbook == csv)
    }
}

