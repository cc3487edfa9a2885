import CLibXML2
import Foundation

/// A pull reader of one XML document (libxml2's `xmlTextReader`): one node at a time, never
/// the whole document in memory.
///
/// Documents come from files people send: entities are never substituted (no
/// `XML_PARSE_NOENT`, which opens the door to external entities) and nothing is fetched
/// from the network (`XML_PARSE_NONET`).
final class XMLPullReader {
    private let reader: xmlTextReaderPtr
    /// What the document is, for messages (« la feuille « Lieux » »).
    private let what: String
    /// Keeps the bytes of a document read from memory alive as long as the reader.
    private let bytes: [UInt8]

    static let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_COMPACT.rawValue)

    enum Node {
        case element, text, endElement, other
    }

    /// Reads the document in the file at `path`.
    init(path: String, what: String) throws(SourceError) {
        guard let reader = xmlReaderForFile(path, nil, Self.options) else {
            throw SourceError(code: .format, message: "\(what) ne peut pas être lu(e) : le classeur est endommagé.")
        }
        self.reader = reader
        self.what = what
        bytes = []
    }

    /// Reads a document held in memory.
    init(data: Data, what: String) throws(SourceError) {
        bytes = [UInt8](data)
        self.what = what
        let made = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.map { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    xmlReaderForMemory($0, Int32(buffer.count), nil, nil, Self.options)
                }
            } ?? nil
        }
        guard let made else {
            throw SourceError(code: .format, message: "\(what) ne peut pas être lu(e) : le classeur est endommagé.")
        }
        reader = made
    }

    deinit { xmlFreeTextReader(reader) }

    /// Moves to the next node; `false` at the end of the document.
    func read() throws(SourceError) -> Bool {
        switch xmlTextReaderRead(reader) {
        case 1: return true
        case 0: return false
        default: throw malformed()
        }
    }

    /// Moves past the current node and everything inside it; `false` at the end.
    func skip() throws(SourceError) -> Bool {
        switch xmlTextReaderNext(reader) {
        case 1: return true
        case 0: return false
        default: throw malformed()
        }
    }

    private func malformed() -> SourceError {
        let line = xmlTextReaderGetParserLineNumber(reader)
        return SourceError(
            code: .format,
            message: "\(what) n'est pas un XML bien formé (ligne \(line) de la partie du classeur) : le classeur est endommagé ; ouvrez-le et enregistrez-le de nouveau avec votre tableur.")
    }

    var node: Node {
        switch xmlTextReaderNodeType(reader) {
        case 1: return .element
        case 3, 4, 13, 14: return .text
        case 15: return .endElement
        default: return .other
        }
    }

    /// Whether the current node is the element `<name/>` without content.
    var isEmptyElement: Bool { xmlTextReaderIsEmptyElement(reader) == 1 }

    var depth: Int { Int(xmlTextReaderDepth(reader)) }

    /// Whether the current node's local name (without its prefix) is `name`.
    func named(_ name: StaticString) -> Bool {
        guard let local = xmlTextReaderConstLocalName(reader) else { return false }
        return name.withUTF8Buffer { wanted in
            var i = 0
            while i < wanted.count {
                if local[i] != wanted[i] { return false }
                i += 1
            }
            return local[i] == 0
        }
    }

    /// The value of the attribute `name` (an unprefixed attribute, or one of `namespace`).
    func attribute(_ name: String, namespace: String? = nil) -> String? {
        let value: UnsafeMutablePointer<xmlChar>?
        if let namespace {
            value = xmlTextReaderGetAttributeNs(reader, name, namespace)
        } else {
            value = xmlTextReaderGetAttribute(reader, name)
        }
        guard let value else { return nil }
        defer { lieux_xml_free(value) }
        return String(cString: value)
    }

    /// The text of the current node, or of every text node inside the current element.
    func text() -> String {
        guard let value = xmlTextReaderReadString(reader) else { return "" }
        defer { lieux_xml_free(value) }
        return String(cString: value)
    }

    /// The text of the current text node.
    var value: String {
        guard let value = xmlTextReaderConstValue(reader) else { return "" }
        return String(cString: value)
    }
}
