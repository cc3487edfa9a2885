import Foundation
import LieuxSchema

/// The JSON form of validation reports: frictionless' shape, keys sorted, UTF-8 as is.
enum ReportJSON {
    static func encode(_ value: some Encodable, userInfo: [CodingUserInfoKey: any Sendable] = [:]) throws -> Data {
        let encoder = JSONEncoder()
        encoder.userInfo = userInfo
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    /// Writes `value` as JSON on standard output, then a line feed.
    static func write(_ value: some Encodable, userInfo: [CodingUserInfoKey: any Sendable] = [:]) throws {
        FileHandle.standardOutput.write(try encode(value, userInfo: userInfo) + Data("\n".utf8))
    }
}
