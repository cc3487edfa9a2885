import LieuxSchema

extension ParameterReader {
    /// A yes-or-no parameter: `1`, `true`, `oui` or empty (`?essai`) for yes, `0`, `false`,
    /// `non` for no; absent is no.
    func flag(_ name: String) throws(Problem) -> Bool {
        guard let given = try parameters.single(name) else { return false }
        let text = given.trimmed(newlines: false)
        switch text.lowercased() {
        case "", "1", "true", "oui": return true
        case "0", "false", "non": return false
        default:
            throw Problem.invalidParameter(name, "« \(text) » : 1 (oui) ou 0 (non).", allowed: ["1", "0"])
        }
    }

    /// `schema_version`: a version of the standard, or `auto` / absent to detect it.
    func schemaVersion() throws(Problem) -> SchemaVersion? {
        switch try text("schema_version") {
        case nil, "auto": return nil
        case let text?:
            guard let known = SchemaVersion(rawValue: text) else {
                throw Problem.invalidParameter(
                    "schema_version", "« \(text) » n'est pas une version du standard : 1.0.2, 0.1.0 ou auto.",
                    allowed: ["auto"] + SchemaVersion.allCases.map(\.rawValue))
            }
            return known
        }
    }
}
