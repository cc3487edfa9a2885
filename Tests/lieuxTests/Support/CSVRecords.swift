/// The records of a CSV text (RFC 4180: `,`, quotes doubled inside quoted cells, CRLF or LF),
/// to read what the tests compare with; the first record is the header.
enum CSVRecords {
    static func parse(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var cell: [UInt8] = []
        var quoted = false
        var bytes = Array(text.utf8).makeIterator()
        var pending: UInt8? = nil
        func next() -> UInt8? {
            if let byte = pending {
                pending = nil
                return byte
            }
            return bytes.next()
        }
        func endCell() {
            record.append(String(decoding: cell, as: UTF8.self))
            cell = []
        }
        while let byte = next() {
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    let following = next()
                    if following == UInt8(ascii: "\"") {
                        cell.append(byte)
                    } else {
                        // The closing quote: the byte after it is read again, unquoted.
                        quoted = false
                        pending = following
                    }
                } else {
                    cell.append(byte)
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): quoted = true
            case UInt8(ascii: ","): endCell()
            case UInt8(ascii: "\r"): break
            case UInt8(ascii: "\n"):
                endCell()
                records.append(record)
                record = []
            default: cell.append(byte)
            }
        }
        if !cell.isEmpty || !record.isEmpty {
            endCell()
            records.append(record)
        }
        return records
    }
}
