/// The stable codes of validation issues.
///
/// Schema errors use frictionless' error types, so that programs reading both reports agree;
/// warnings (checks beyond the schema) use Lieux' own codes, in French.
public enum IssueCode: String, Sendable, CaseIterable, Codable {
    // Errors, as frictionless names them.
    case typeError = "type-error"
    case constraintError = "constraint-error"
    case uniqueError = "unique-error"
    case primaryKey = "primary-key"
    case missingLabel = "missing-label"
    case duplicateLabel = "duplicate-label"
    case incorrectLabel = "incorrect-label"
    case extraLabel = "extra-label"
    case missingCell = "missing-cell"
    case extraCell = "extra-cell"
    case blankRow = "blank-row"
    case encodingError = "encoding-error"
    case formatError = "format-error"
    case schemeError = "scheme-error"
    case schemaError = "schema-error"

    // Warnings: the file's structure.
    /// A cell of a sheet that the spreadsheet damaged (a postal code stored as a number), repaired.
    case celluleReparee = "cellule-reparee"
    /// Merged cells of a sheet, whose value is taken for each of them.
    case cellulesFusionnees = "cellules-fusionnees"
    /// A CSV file read in Windows-1252 or ISO-8859-1, not UTF-8.
    case encodageNonUtf8 = "encodage-non-utf8"
    /// A producer's value that the correspondence file does not map to the standard: left out.
    case valeurSansCorrespondance = "valeur-sans-correspondance"
    /// A producer's opening hours converted in part (what was not converted is said).
    case horairesConvertisEnPartie = "horaires-convertis-en-partie"
    /// A producer's opening hours that could not be converted: left empty.
    case horairesNonConvertis = "horaires-non-convertis"
    case colonneInconnue = "colonne-inconnue"
    case colonneFacultativeAbsente = "colonne-facultative-absente"
    case versionAncienne = "version-ancienne"

    // Warnings: checks beyond the schema.
    case coordonneesHorsFrance = "coordonnees-hors-france"
    case coordonneesInversees = "coordonnees-inversees"
    case coordonneesNulles = "coordonnees-nulles"
    case coordonneesIncompletes = "coordonnees-incompletes"
    case coordonneesHorsDepartement = "coordonnees-hors-departement"
    /// A venue without coordinates given its commune's (`--positions-communes`).
    case coordonneesApproximatives = "coordonnees-approximatives"
    /// A venue without a postal code given its commune's, the only one (`--positions-communes`).
    case codePostalDeduit = "code-postal-deduit"
    case siretInvalide = "siret-invalide"
    case pivotFictif = "pivot-fictif"
    case dateMajFuture = "date-maj-future"
    case dateMajAncienne = "date-maj-ancienne"
    case codePostalInseeIncoherents = "code-postal-insee-incoherents"
    case departementInconnu = "departement-inconnu"
    case typologieInconnue = "typologie-inconnue"
    case horairesInvalides = "horaires-invalides"

    // Warnings: migration of a version 0.1 file to version 1.0.
    /// A label of a 0.1 column has no 1.0 equivalent: it is not carried over.
    case migrationValeurSansCorrespondance = "migration-valeur-sans-correspondance"
    /// A value of a 0.1 column is not carried over: the column was removed (`cle_ban`), or a
    /// 1.0 column of the same file has its own value.
    case migrationColonne = "migration-colonne"

    /// Whether issues of this code make a file invalid.
    public var isError: Bool {
        switch self {
        case .typeError, .constraintError, .uniqueError, .primaryKey, .missingLabel, .duplicateLabel, .incorrectLabel,
            .extraLabel, .missingCell, .extraCell, .blankRow, .encodingError, .formatError, .schemeError,
            .schemaError:
            return true
        default:
            return false
        }
    }
}
