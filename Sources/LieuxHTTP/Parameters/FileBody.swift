import LieuxSchema

/// A venue file sent as a request body (`POST /validate`, `PUT /sources/{source}/lieux`):
/// CSV, JSON or a workbook, told by `Content-Type` (`text/csv`, `application/json`, the
/// types of `.xlsx` and `.ods`), else by its first byte (`[` or `{`: JSON).
enum FileBody {
    static let xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    static let odsType = "application/vnd.oasis.opendocument.spreadsheet"

    /// The types accepted, besides those that say nothing (`text/plain`, `application/octet-stream`).
    static let accepted = ["text/csv", "application/json", xlsxType, odsType]

    /// A 415 unless `type` (lowercased) is absent or one the routes read.
    static func check(_ type: String?) throws(Problem) {
        guard let type else { return }
        if !(type.contains("csv") || type.contains("json") || type.hasPrefix("text/plain") || type.hasPrefix("application/octet-stream")
            || type.hasPrefix(xlsxType) || type.hasPrefix(odsType))
        {
            throw Problem.unsupportedMediaType(type, accepted: accepted)
        }
    }

    /// The body's format, from its type, else from the first byte that is not a space nor a
    /// byte-order mark.
    static func format(type: String?, firstByte: UInt8?) -> SourceFormat {
        if let type, type.hasPrefix(xlsxType) { return .xlsx }
        if let type, type.hasPrefix(odsType) { return .ods }
        if let type, type.contains("json") { return .json }
        if let type, type.contains("csv") { return .csv }
        return firstByte == UInt8(ascii: "[") || firstByte == UInt8(ascii: "{") ? .json : .csv
    }

    /// The first byte of `bytes` that is not a space nor a byte-order mark.
    static func firstByte(of bytes: some Sequence<UInt8>) -> UInt8? {
        bytes.first { !blank.contains($0) }
    }

    private static let blank: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF]
}
