import LieuxSchema

/// The French text form of a validation report: per file, one line per problem, then a summary.
struct ReportText {
    let report: ValidationReport
    /// Whether to list every warning, or the first few of each kind.
    let allWarnings: Bool

    static let warningsPerKind = 5

    func render() -> String {
        var out = ""
        for task in report.tasks {
            let verdict = task.valid ? "VALIDE" : "NON VALIDE"
            out += "\(task.place) — \(verdict) (standard \(task.schemaVersion), \(task.format.rawValue.uppercased()))\n"
            out += "  \(plural(task.stats.rows, "ligne")) de données, \(plural(task.stats.validRows, "ligne")) sans erreur, "
                + "\(plural(task.stats.errors, "erreur")), \(plural(task.stats.warnings, "avertissement"))\n"
            if !task.errors.isEmpty {
                out += "  Erreurs :\n"
                for issue in task.errors { out += "    ✗ " + line(issue) }
                if task.stats.errors > task.errors.count {
                    out += "    … et \(task.stats.errors - task.errors.count) autres erreurs (option --limit).\n"
                }
            }
            if !task.warnings.isEmpty {
                out += "  Avertissements :\n"
                var shown: [String: Int] = [:]
                var hidden: [String: Int] = [:]
                for issue in task.warnings {
                    let count = shown[issue.type, default: 0]
                    if allWarnings || count < Self.warningsPerKind {
                        out += "    ! " + line(issue)
                        shown[issue.type] = count + 1
                    } else {
                        hidden[issue.type, default: 0] += 1
                    }
                }
                for (type, count) in hidden.sorted(by: { $0.key < $1.key }) {
                    out += "    … et \(count) autres avertissements « \(type) » (option --all-warnings pour tout voir).\n"
                }
                if task.stats.warnings > task.warnings.count {
                    out += "    … et \(task.stats.warnings - task.warnings.count) autres avertissements (option --limit).\n"
                }
            }
            out += "\n"
        }
        let stats = report.stats
        let valid = report.tasks.filter(\.valid).count
        out += "Résumé : \(plural(stats.tasks, "fichier")), \(valid) valide\(valid > 1 ? "s" : ""), "
            + "\(plural(stats.errors, "erreur")), \(plural(stats.warnings, "avertissement")).\n"
        return out
    }

    private func line(_ issue: ValidationIssue) -> String {
        "[\(issue.type)] \(issue.message)\n"
    }

    private func plural(_ n: Int, _ word: String) -> String {
        "\(n) \(word)\(n > 1 ? "s" : "")"
    }
}
