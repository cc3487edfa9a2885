import Foundation
import Testing

@Suite("Schema files of the standard")
struct SchemaFilesTests {

    // MARK: Our files alone

    @Test("our schema file parses and says which version it is", arguments: Version.all)
    func parses(version: Version) throws {
        let schema = try version.load()
        #expect(schema["version"] as? String == version.version)
        #expect(schema["lieux:version"] as? String == version.version)
        #expect(schema["lieux:multiValueSeparator"] as? String == version.separator)
        #expect(schema["missingValues"] as? [String] == [""])
        #expect(schema["primaryKey"] as? String == "id")
        let fields = try fieldList(schema)
        #expect(fields.count > 20)
        let names = fields.compactMap { $0["name"] as? String }
        #expect(names.count == fields.count, "every field has a name")
        #expect(Set(names).count == names.count, "field names are unique")
        for field in fields {
            let name = field["name"] as? String ?? "?"
            #expect(!(field["description"] as? String ?? "").isEmpty, "\(name) has a description")
            #expect(["string", "number", "date"].contains(field["type"] as? String ?? ""), "\(name) has a known type")
        }
    }

    @Test("every pattern compiles with NSRegularExpression", arguments: Version.all)
    func patternsCompile(version: Version) throws {
        let patterns = try fieldList(version.load()).compactMap { constraints(of: $0)["pattern"] as? String }
        #expect(patterns.count >= 4)
        for pattern in patterns {
            #expect(throws: Never.self, "\(pattern)") { try NSRegularExpression(pattern: pattern) }
        }
    }

    @Test("each vocabulary is the unescaped alternatives of its field's pattern", arguments: Version.all)
    func vocabulariesFollowPatterns(version: Version) throws {
        var counts: [String: Int] = [:]
        for field in try fieldList(version.load()) {
            let name = field["name"] as? String ?? "?"
            let parsed = (constraints(of: field)["pattern"] as? String).flatMap(VocabularyPattern.init)
            let vocabulary = field["lieux:vocabulary"] as? [String]
            #expect(vocabulary == parsed?.labels, "\(name)")
            if let parsed {
                #expect(parsed.separator == version.separator, "\(name) is separated by the file's separator")
                #expect(field["lieux:multiValue"] as? Bool == true, "\(name) is multi-valued")
                counts[name] = parsed.labels.count
            }
        }
        #expect(counts == version.vocabularyCounts)
    }

    @Test("each label matches its pattern alone and joined with the others; other values do not",
          arguments: Version.all)
    func labelsMatchPatterns(version: Version) throws {
        for field in try fieldList(version.load()) {
            guard let labels = field["lieux:vocabulary"] as? [String],
                  let pattern = constraints(of: field)["pattern"] as? String
            else { continue }
            let name = field["name"] as? String ?? "?"
            // Table Schema patterns match the whole value, as frictionless does.
            let regex = try NSRegularExpression(pattern: "^(?:\(pattern))$")
            for label in labels {
                #expect(regex.matchesWhole(label), "\(name): \(label)")
            }
            #expect(regex.matchesWhole(labels.joined(separator: version.separator)), "\(name): all labels")
            #expect(!regex.matchesWhole("Valeur hors liste"), "\(name)")
            #expect(!regex.matchesWhole(labels[0] + version.separator), "\(name): trailing separator")
            if labels.count > 1 {
                #expect(!regex.matchesWhole(labels[0] + ", " + labels[1]), "\(name): wrong separator")
            }
        }
    }

    @Test("detection columns belong to their version and to no other")
    func detectionColumns() throws {
        let schemas = try Version.all.map { try $0.load() }
        let fieldNames = try schemas.map { Set(try fieldList($0).compactMap { $0["name"] as? String }) }
        for (index, schema) in schemas.enumerated() {
            let columns = try #require(schema["lieux:detectionColumns"] as? [String])
            #expect(!columns.isEmpty)
            for column in columns {
                #expect(fieldNames[index].contains(column), "\(column) is a field of its version")
                for other in fieldNames.indices where other != index {
                    #expect(!fieldNames[other].contains(column), "\(column) is in no other version")
                }
            }
        }
    }

    // MARK: Against the official files

    @Test("fields are the official ones, in order, with the same title, type and format",
          .enabled(if: SharedData.isAvailable, SharedData.absent), arguments: Version.all)
    func fieldsMatchOfficial(version: Version) throws {
        let ours = try fieldList(version.load())
        let official = try fieldList(version.loadOfficial())
        #expect(ours.map { $0["name"] as? String } == official.map { $0["name"] as? String })
        for (our, their) in zip(ours, official) {
            let name = their["name"] as? String ?? "?"
            for key in ["title", "type", "format"] {
                let ourValue = try canonicalJSON(our[key]), officialValue = try canonicalJSON(their[key])
                #expect(ourValue == officialValue, "\(name).\(key)")
            }
        }
    }

    @Test("every official constraint is ours with an equal value, and we add none",
          .enabled(if: SharedData.isAvailable, SharedData.absent), arguments: Version.all)
    func constraintsMatchOfficial(version: Version) throws {
        let ours = try fieldList(version.load())
        let official = try fieldList(version.loadOfficial())
        try #require(ours.count == official.count)
        for (our, their) in zip(ours, official) {
            let name = their["name"] as? String ?? "?"
            let ourConstraints = constraints(of: our)
            let theirConstraints = constraints(of: their)
            #expect(Set(ourConstraints.keys) == Set(theirConstraints.keys), "\(name)")
            for (key, value) in theirConstraints {
                let ourValue = try canonicalJSON(ourConstraints[key]), officialValue = try canonicalJSON(value)
                #expect(ourValue == officialValue, "\(name).\(key)")
            }
        }
    }

    @Test("the primary key is the official one",
          .enabled(if: SharedData.isAvailable, SharedData.absent), arguments: Version.all)
    func primaryKeyMatchesOfficial(version: Version) throws {
        let official = try #require(try version.loadOfficial()["primaryKey"])
        let ours = try canonicalJSON(version.load()["primaryKey"]), theirs = try canonicalJSON(official)
        #expect(ours == theirs)
    }

    @Test("vocabularies are the official pattern alternatives, unescaped",
          .enabled(if: SharedData.isAvailable, SharedData.absent), arguments: Version.all)
    func vocabulariesMatchOfficial(version: Version) throws {
        let ours = try fieldList(version.load())
        let official = try fieldList(version.loadOfficial())
        try #require(ours.count == official.count)
        var vocabularies = 0
        for (our, their) in zip(ours, official) {
            let name = their["name"] as? String ?? "?"
            let parsed = (constraints(of: their)["pattern"] as? String).flatMap(VocabularyPattern.init)
            #expect(our["lieux:vocabulary"] as? [String] == parsed?.labels, "\(name)")
            if parsed != nil { vocabularies += 1 }
        }
        #expect(vocabularies == version.vocabularyCounts.count)
    }
}

extension SchemaFilesTests {
    /// One supported version of the standard: our file in `schemas/` and the official one it follows.
    struct Version: Sendable, CustomTestStringConvertible {
        let version: String
        /// The official schema, under `../shared/data/`.
        let officialPath: String
        let separator: String
        /// Label counts of the vocabulary fields, as read from the official patterns.
        let vocabularyCounts: [String: Int]

        static let all: [Version] = [
            Version(
                version: "1.0.2",
                officialPath: "standard/v1/schema-v1.0.2.json",
                separator: "|",
                vocabularyCounts: [
                    "itinerance": 2, "services": 9, "publics_specifiquement_adresses": 5,
                    "prise_en_charge_specifique": 7, "frais_a_charge": 3,
                    "dispositif_programmes_nationaux": 11,
                    // 10, not 11: the official pattern and its description both list 10 labels.
                    "formations_labels": 10,
                    "modalites_acces": 6, "modalites_accompagnement": 4,
                ]
            ),
            Version(
                version: "0.1.0",
                officialPath: "standard/v0.1/schema-v0.1.0.json",
                separator: ";",
                vocabularyCounts: [
                    "services": 15, "publics_accueillis": 11, "conditions_acces": 5,
                    "labels_nationaux": 11, "modalites_accompagnement": 4,
                ]
            ),
        ]

        var testDescription: String { version }

        /// `schemas/schema-X.Y.Z.json` in the repository.
        var url: URL {
            SharedData.repositoryRoot.appendingPathComponent("schemas/schema-\(version).json")
        }

        func load() throws -> [String: Any] { try loadJSONObject(url) }
        func loadOfficial() throws -> [String: Any] { try loadJSONObject(SharedData.url(officialPath)) }
    }
}

// MARK: - Reading the files

/// The separator and labels of a multi-valued vocabulary pattern, `(?:(?:^|SEP)(A|B|…))+$`.
private struct VocabularyPattern {
    let separator: String
    let labels: [String]

    init?(_ pattern: String) {
        let prefix = "(?:(?:^|", suffix = "))+$"
        guard pattern.hasPrefix(prefix), pattern.hasSuffix(suffix) else { return nil }
        let inner = pattern.dropFirst(prefix.count).dropLast(suffix.count)
        guard let open = inner.range(of: ")(") else { return nil }
        separator = String(Self.unescape(inner[..<open.lowerBound]))
        var labels: [String] = []
        var current = ""
        var escaped = false
        for character in inner[open.upperBound...] {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "|" {
                labels.append(current)
                current = ""
            } else if "()[]".contains(character) {
                return nil  // a group or a class: not a plain list of labels
            } else {
                current.append(character)
            }
        }
        labels.append(current)
        self.labels = labels
    }

    private static func unescape(_ text: Substring) -> String {
        var result = ""
        var escaped = false
        for character in text {
            if !escaped && character == "\\" {
                escaped = true
            } else {
                result.append(character)
                escaped = false
            }
        }
        return result
    }
}

private func loadJSONObject(_ url: URL) throws -> [String: Any] {
    let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
    return try #require(object as? [String: Any], "\(url.path) is a JSON object")
}

private func fieldList(_ schema: [String: Any]) throws -> [[String: Any]] {
    try #require(schema["fields"] as? [[String: Any]], "the schema has a list of fields")
}

private func constraints(of field: [String: Any]) -> [String: Any] {
    field["constraints"] as? [String: Any] ?? [:]
}

/// A JSON value written canonically, so that `true` and `1`, or `"1"` and `1`, differ.
private func canonicalJSON(_ value: Any?) throws -> String {
    guard let value else { return "absent" }
    let data = try JSONSerialization.data(withJSONObject: [value], options: [.sortedKeys])
    return String(decoding: data, as: UTF8.self)
}

private extension NSRegularExpression {
    func matchesWhole(_ text: String) -> Bool {
        firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}
