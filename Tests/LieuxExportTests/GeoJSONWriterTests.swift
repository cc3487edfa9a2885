import Foundation
import LieuxModel
import Testing

@testable import LieuxExport

@Suite("GeoJSONWriter")
struct GeoJSONWriterTests {
    /// Writes `lieux` as a collection and parses it back.
    func collection(_ lieux: [Lieu], extras: FeatureExtras = .none) throws -> [String: Any] {
        var writer = GeoJSONWriter()
        try writer.begin()
        for lieu in lieux { try writer.write(lieu, extras: extras) }
        try writer.end()
        return try Fixtures.object(writer.sink.bytes)
    }

    /// The one feature of a collection of `lieu`.
    func feature(_ lieu: Lieu, extras: FeatureExtras = .none) throws -> [String: Any] {
        let features = try #require(try collection([lieu], extras: extras)["features"] as? [[String: Any]])
        return try #require(features.first)
    }

    func properties(_ lieu: Lieu, extras: FeatureExtras = .none) throws -> [String: Any] {
        try #require(try feature(lieu, extras: extras)["properties"] as? [String: Any])
    }

    @Test("an empty collection is valid JSON with an empty features array")
    func empty() throws {
        var writer = GeoJSONWriter()
        try writer.end()
        #expect(String(decoding: writer.sink.bytes, as: UTF8.self) == #"{"type":"FeatureCollection","features":[]}"#)
        let object = try Fixtures.object(writer.sink.bytes)
        #expect(object["type"] as? String == "FeatureCollection")
        #expect((object["features"] as? [Any])?.isEmpty == true)
        #expect(object["crs"] == nil)
        #expect(writer.featureCount == 0)
    }

    @Test("a collection of several features parses, in order, with the count")
    func several() throws {
        let lieux = (1...25).map { Fixtures.minimal(id: "lieu-\($0)") }
        var writer = GeoJSONWriter()
        for lieu in lieux { try writer.write(lieu) }
        try writer.end()
        #expect(writer.featureCount == 25)
        let features = try #require(try Fixtures.object(writer.sink.bytes)["features"] as? [[String: Any]])
        #expect(features.map { $0["id"] as? String } == lieux.map { $0.id.rawValue })
        #expect(features.allSatisfy { $0["type"] as? String == "Feature" })
    }

    @Test("a feature is a Point at [longitude, latitude] with the venue's id")
    func point() throws {
        let lieu = Fixtures.full()
        let feature = try feature(lieu)
        #expect(feature["type"] as? String == "Feature")
        #expect(feature["id"] as? String == "lieu-complet")
        let geometry = try #require(feature["geometry"] as? [String: Any])
        #expect(geometry["type"] as? String == "Point")
        let coordinates = try #require(geometry["coordinates"] as? [Double])
        #expect(coordinates == [4.857569, 45.760799])
    }

    @Test("a venue without coordinates has a null geometry")
    func nullGeometry() throws {
        let feature = try feature(Fixtures.minimal())
        #expect(feature["geometry"] is NSNull)
        let bytes = GeoJSONWriterTests.bytes(of: Fixtures.minimal())
        #expect(String(decoding: bytes, as: UTF8.self).contains(#""geometry":null,"#))
    }

    @Test("every field of the standard but the coordinates is a property, with the right type")
    func everyField() throws {
        let lieu = Fixtures.full()
        let properties = try properties(lieu)
        for field in Lieu.Field.allCases {
            if field == .latitude || field == .longitude {
                #expect(properties[field.rawValue] == nil, "\(field.rawValue) est porté par la géométrie")
            } else if Fixtures.multiValued.contains(field) {
                let values = try #require(properties[field.rawValue] as? [String], "\(field.rawValue) : tableau attendu")
                #expect(values.count > 1)
                #expect(values.joined(separator: "|") == lieu.text(field))
            } else {
                let value = try #require(properties[field.rawValue] as? String, "\(field.rawValue) : chaîne attendue")
                #expect(value == lieu.text(field))
            }
        }
        #expect(properties.count == Lieu.Field.allCases.count - 2)
        #expect(properties["date_maj"] as? String == "2023-01-09")
    }

    @Test("properties come in the standard's order, id first")
    func order() throws {
        let text = String(decoding: Self.bytes(of: Fixtures.full()), as: UTF8.self)
        let properties = try #require(text.range(of: #""properties":{"#))
        var position = properties.upperBound
        #expect(text[position...].hasPrefix(#""id":"lieu-complet""#))
        for field in Lieu.Field.allCases where field != .latitude && field != .longitude {
            let key = try #require(text.range(of: "\"\(field.rawValue)\":", range: position..<text.endIndex), "\(field.rawValue) manquant ou hors d'ordre")
            position = key.upperBound
        }
    }

    @Test("empty fields are left out, not written as null")
    func emptyOmitted() throws {
        var lieu = Fixtures.minimal()
        lieu.complementAdresse = ""
        let properties = try properties(lieu)
        #expect(Set(properties.keys) == ["id", "pivot", "nom", "commune", "code_postal", "adresse", "date_maj"])
        let text = String(decoding: Self.bytes(of: lieu), as: UTF8.self)
        let start = try #require(text.range(of: #""properties":"#))
        #expect(!text[start.upperBound...].contains("null"))
    }

    @Test("the import source and the distance follow the standard's fields; the standard's source keeps its name")
    func extras() throws {
        var lieu = Fixtures.minimal()
        lieu.source = "Conseil départemental"
        let properties = try properties(lieu, extras: FeatureExtras(sourceImport: "hinaura", distance: 1234.56))
        #expect(properties["source"] as? String == "Conseil départemental")
        #expect(properties[FeatureExtras.sourceImportKey] as? String == "hinaura")
        #expect((properties[FeatureExtras.distanceKey] as? NSNumber)?.doubleValue == 1234.6)
        let text = String(decoding: Self.bytes(of: lieu, extras: FeatureExtras(sourceImport: "hinaura", distance: 1234.56)), as: UTF8.self)
        #expect(text.hasSuffix(#","source_import":"hinaura","distance":1234.6}}"#))
    }

    @Test(
        "the distance is written in metres with at most one decimal",
        arguments: [(1234.56, "1234.6"), (0.04, "0"), (12.25, "12.2"), (12.35, "12.3"), (150.0, "150"), (9_999_999.95, "9999999.9")])
    func distance(value: Double, expected: String) throws {
        let text = String(decoding: Self.bytes(of: Fixtures.minimal(), extras: FeatureExtras(distance: value)), as: UTF8.self)
        #expect(text.hasSuffix(",\"distance\":\(expected)}}"))
    }

    @Test("a distance that is not finite is left out")
    func nanDistance() throws {
        let properties = try properties(Fixtures.minimal(), extras: FeatureExtras(distance: .nan))
        #expect(properties["distance"] == nil)
    }

    @Test(
        "strings are escaped so that JSON parsers read them back exactly",
        arguments: [
            "guillemets \"doubles\"", #"barre \oblique\"#, "ligne\nsuivante", "retour\r\nchariot",
            "tab\tulation", "cloche\u{07} et \u{08} et \u{0C}", "nul \u{0} ici", "\u{1F}\u{01}\u{7F}",
            "émoji 👩🏽‍💻 et 🇫🇷", "séparateurs\u{2028}de ligne\u{2029}et de paragraphe", "/ ne change pas",
            "\u{E2}\u{20AC} euro €", "日本語", "\"", "\\",
        ])
    func escapes(text: String) throws {
        var lieu = Fixtures.minimal(nom: text)
        lieu.presentationDetail = text
        lieu.courriels = [Courriel(verbatim: text)]
        let bytes = Self.bytes(of: lieu, extras: FeatureExtras(sourceImport: text))
        let properties = try #require(try Fixtures.object(bytes)["properties"] as? [String: Any])
        #expect(properties["nom"] as? String == text)
        #expect(properties["presentation_detail"] as? String == text)
        #expect(properties["courriels"] as? [String] == [text])
        #expect(properties["source_import"] as? String == text)
        // No raw control character, no raw U+2028 or U+2029.
        #expect(!bytes.contains { $0 < 0x20 })
        #expect(!String(decoding: bytes, as: UTF8.self).contains { $0 == "\u{2028}" || $0 == "\u{2029}" })
    }

    @Test(
        "escapes are the short ones where JSON has them, \\u00XX otherwise",
        arguments: [
            ("a\"b", #""a\"b""#), ("a\\b", #""a\\b""#), ("\n\r\t\u{08}\u{0C}", #""\n\r\t\b\f""#),
            ("\u{0}\u{1}\u{1F}", #""\u0000\u0001\u001f""#), ("\u{2028}\u{2029}", #""\u2028\u2029""#),
            ("é€👍", "\"é€👍\""), ("\u{7F}", "\"\u{7F}\""),
        ])
    func escapeForms(text: String, expected: String) {
        let bytes = OutputBuffer.collect { $0.appendJSONString(text) }
        #expect(String(decoding: bytes, as: UTF8.self) == expected)
    }

    @Test("a string that is not native UTF-8 is escaped too")
    func bridged() throws {
        let text = NSString(string: "a\"b\u{2028}é") as String
        let bytes = OutputBuffer.collect { $0.appendJSONString(text) }
        #expect(String(decoding: bytes, as: UTF8.self) == #""a\"b\u2028é""#)
    }

    @Test(
        "coordinates are rounded to 6 decimals, in their shortest form",
        arguments: [
            (45.681367, 4.5, "[4.5,45.681367]"),
            (45.6813670000001, 4.500000001, "[4.5,45.681367]"),
            (45.0, -1.0, "[-1,45]"),
            (-21.1234564, 55.4567891, "[55.456789,-21.123456]"),
            (0.0000001, -0.0000004, "[0,0]"),
            (-90.0, 180.0, "[180,-90]"),
            (43.29695, 5.38107, "[5.38107,43.29695]"),
            (0.0078125, 0.0234375, "[0.023438,0.007812]"),
        ])
    func coordinates(latitude: Double, longitude: Double, expected: String) throws {
        var lieu = Fixtures.minimal()
        lieu.coordinates = Coordinates(latitude: latitude, longitude: longitude)
        let text = String(decoding: Self.bytes(of: lieu), as: UTF8.self)
        #expect(text.contains(#""coordinates":"# + expected + "}"))
        let geometry = try #require(try Fixtures.object(Self.bytes(of: lieu))["geometry"] as? [String: Any])
        #expect(geometry["coordinates"] as? [Double] != nil)
    }

    @Test("members given to begin and end surround the features")
    func members() throws {
        var writer = GeoJSONWriter()
        try writer.begin { members in
            members.string("timeStamp", "2026-01-01T00:00:00Z")
            members.json("links", #"[{"href":"https://example.org","rel":"self"}]"#)
        }
        try writer.write(Fixtures.minimal())
        try writer.end { members in
            members.number("numberReturned", 1)
            members.number("numberMatched", -0)
            members.number("ratio", 0.5)
            members.number("infini", .infinity)
        }
        let text = String(decoding: writer.sink.bytes, as: UTF8.self)
        #expect(text.hasPrefix(#"{"type":"FeatureCollection","timeStamp":"2026-01-01T00:00:00Z","links":[{"#))
        #expect(text.hasSuffix(#"}}],"numberReturned":1,"numberMatched":0,"ratio":0.5,"infini":null}"#))
        let object = try Fixtures.object(writer.sink.bytes)
        #expect(object["numberReturned"] as? Int == 1)
        #expect((object["links"] as? [[String: Any]])?.first?["rel"] as? String == "self")
        #expect((object["features"] as? [Any])?.count == 1)
    }

    @Test("a single feature document is the feature the collection holds")
    func singleFeature() throws {
        let lieu = Fixtures.full()
        let alone = lieu.geoJSONFeature(extras: FeatureExtras(sourceImport: "s"))
        var writer = GeoJSONWriter()
        try writer.write(lieu, extras: FeatureExtras(sourceImport: "s"))
        try writer.end()
        let text = String(decoding: writer.sink.bytes, as: UTF8.self)
        #expect(text == #"{"type":"FeatureCollection","features":["# + String(decoding: alone, as: UTF8.self) + "]}")
        #expect(try Fixtures.object(alone)["type"] as? String == "Feature")
    }

    @Test("the real venues of the combined ANCT file all write as parseable features", .enabled(if: SharedData.isAvailable, SharedData.absent))
    func realRows() throws {
        let lieux = try Fixtures.realLieux().lieux
        #expect(lieux.count > 900)
        var writer = GeoJSONWriter()
        for lieu in lieux { try writer.write(lieu, extras: FeatureExtras(sourceImport: "anct")) }
        try writer.end()
        let features = try #require(try Fixtures.object(writer.sink.bytes)["features"] as? [[String: Any]])
        #expect(features.count == lieux.count)
        for (lieu, feature) in zip(lieux, features) {
            #expect(feature["id"] as? String == lieu.id.rawValue)
            let properties = try #require(feature["properties"] as? [String: Any])
            for field in Lieu.Field.allCases where field != .latitude && field != .longitude {
                let expected = lieu.text(field).flatMap { $0.isEmpty ? nil : $0 }
                if Fixtures.multiValued.contains(field) {
                    #expect((properties[field.rawValue] as? [String])?.joined(separator: "|") == expected)
                } else {
                    #expect(properties[field.rawValue] as? String == expected)
                }
            }
            if let coordinates = lieu.coordinates {
                let written = try #require((feature["geometry"] as? [String: Any])?["coordinates"] as? [Double])
                #expect(abs(written[0] - coordinates.longitude) <= 5e-7 && abs(written[1] - coordinates.latitude) <= 5e-7)
            } else {
                #expect(feature["geometry"] is NSNull)
            }
        }
    }

    static func bytes(of lieu: Lieu, extras: FeatureExtras = .none) -> [UInt8] {
        lieu.geoJSONFeature(extras: extras)
    }
}
