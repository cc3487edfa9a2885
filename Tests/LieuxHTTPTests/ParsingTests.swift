import Foundation
import Hummingbird
import LieuxModel
import Testing

@testable import LieuxHTTP

@Suite("Parsing at the edge: query strings, parameters, Accept, If-None-Match")
struct ParsingTests {
    @Test("a query string decodes + and %XX, keeps the order, and encodes back")
    func queryString() throws {
        let parameters = try QueryParameters(query: "services=Aide+aux+d%C3%A9marches&limit=10&q=caf%C3%A9%20%26%20co")
        #expect(parameters.values("services") == ["Aide aux démarches"])
        #expect(try parameters.single("q") == "café & co")
        #expect(parameters.names == ["services", "limit", "q"])
        #expect(parameters.encoded == "services=Aide%20aux%20d%C3%A9marches&limit=10&q=caf%C3%A9%20%26%20co")
        #expect(parameters.setting("limit", to: "20").encoded.contains("limit=20"))
        #expect(!parameters.setting("limit", to: nil).contains("limit"))
        #expect(parameters.setting("offset", to: "5").encoded.hasSuffix("&offset=5"))
        #expect(throws: Problem.self) { try QueryParameters(query: "q=%ZZ") }
    }

    @Test("ouvert takes Paris time without an offset, summer and winter")
    func localTime() throws {
        let summer = try #require(ParameterReader.parseLocalOrOffsetTime("2026-06-20T11:00"))
        #expect(summer == Date(timeIntervalSince1970: 1_781_946_000))  // 09:00Z
        let winter = try #require(ParameterReader.parseLocalOrOffsetTime("2026-12-24T10:00"))
        #expect(winter.timeIntervalSince1970 == 1_798_102_800)  // 09:00Z
        #expect(ParameterReader.parseLocalOrOffsetTime("2026-12-24T10:00:30+02:00")?.timeIntervalSince1970 == 1_798_099_230)
        #expect(ParameterReader.parseLocalOrOffsetTime("2026-12-24T10:00Z")?.timeIntervalSince1970 == 1_798_106_400)
        for wrong in ["2026-12-24", "2026-02-30T10:00", "2026-12-24T25:00", "demain", "2026-12-24T10:00+25:00"] {
            #expect(ParameterReader.parseLocalOrOffsetTime(wrong) == nil, "\(wrong)")
        }
    }

    @Test("items parameters become one LieuQuery")
    func query() throws {
        let parameters = try QueryParameters(
            query: "lat=49.25&lon=4.03&radius=1500&services=Aide+aux+d%C3%A9marches+administratives&limit=20&offset=40&q=reims&ouvert=maintenant")
        let now = Date(timeIntervalSince1970: 1_000_000)
        let items = try ItemsParameters(parameters, route: .items, now: now)
        #expect(items.query.spatial == .near(Coordinates(latitude: 49.25, longitude: 4.03)!, radius: 1500))
        #expect(items.query.filters.services == [.aideAuxDemarchesAdministratives])
        #expect(items.query.filters.text == "reims")
        #expect(items.query.sort == .distance)
        #expect(items.query.limit == 20)
        #expect(items.query.offset == 40)
        #expect(items.query.openAt == now)
        let export = try ItemsParameters(try QueryParameters(query: "bbox=1,2,3,4"), route: .export, now: now)
        #expect(export.query.limit == LieuQuery.maximumLimit)
        #expect(throws: Problem.self) { try ItemsParameters(try QueryParameters(query: "limit=5"), route: .export, now: now) }
        #expect(throws: Problem.self) { try ItemsParameters(try QueryParameters(query: "bbox=1,2,3,4"), route: .search, now: now) }
    }

    @Test("Accept chooses HTML or JSON by quality and specificity")
    func accept() {
        let browser = AcceptRange.parse("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
        #expect(MediaFormat.quality(of: ["text/html"], in: browser) == 1)
        #expect(MediaFormat.quality(of: ["application/json"], in: browser) == 0.8)
        let client = AcceptRange.parse("application/geo+json, text/html;q=0.5")
        #expect(MediaFormat.quality(of: ["application/geo+json"], in: client) == 1)
        let refused = AcceptRange.parse("*/*, application/json;q=0")
        #expect(MediaFormat.quality(of: ["application/json"], in: refused) == 0)
    }

    @Test("If-None-Match compares weakly and accepts lists and *")
    func ifNoneMatch() {
        let tag = "W/\"7-abc\""
        #expect(ConditionalRequestMiddleware<LieuxRequestContext>.matches("W/\"7-abc\"", tag))
        #expect(ConditionalRequestMiddleware<LieuxRequestContext>.matches("\"x\", \"7-abc\"", tag))
        #expect(ConditionalRequestMiddleware<LieuxRequestContext>.matches("*", tag))
        #expect(!ConditionalRequestMiddleware<LieuxRequestContext>.matches("W/\"8-abc\"", tag))
    }

    @Test("HTML escapes every special character")
    func escape() {
        #expect(HTMLPage.escape("<a href=\"x\">l'été & co</a>") == "&lt;a href=&quot;x&quot;&gt;l&#39;été &amp; co&lt;/a&gt;")
    }

    @Test("JSON strings escape quotes, backslashes and control characters")
    func jsonText() {
        let value: JSONValue = ["a": .string("\"\\\n\u{01}é"), "b": [1, 2.5, .null, true]]
        #expect(value.text == #"{"a":"\"\\\n\u0001é","b":[1,2.5,null,true]}"#)
    }
}
