import Hummingbird

/// A plain HTML page, built piece by piece; every text is escaped.
struct HTMLPage {
    private(set) var body = ""
    let title: String

    init(title: String) {
        self.title = title
    }

    /// Text with `&`, `<`, `>`, `"` and `'` escaped.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    mutating func heading(_ text: String, level: Int = 1) {
        body += "<h\(level)>\(Self.escape(text))</h\(level)>\n"
    }

    mutating func paragraph(_ text: String) {
        body += "<p>\(Self.escape(text))</p>\n"
    }

    /// A paragraph of links.
    mutating func links(_ links: [(text: String, href: String)]) {
        guard !links.isEmpty else { return }
        body += "<p>" + links.map { anchor($0.text, $0.href) }.joined(separator: " · ") + "</p>\n"
    }

    /// A list of links with a description each.
    mutating func list(_ items: [(text: String, href: String?, note: String?)]) {
        body += "<ul>\n"
        for item in items {
            let label = item.href.map { anchor(item.text, $0) } ?? Self.escape(item.text)
            let note = item.note.map { " — " + Self.escape($0) } ?? ""
            body += "<li>\(label)\(note)</li>\n"
        }
        body += "</ul>\n"
    }

    /// A table; cells are text, or links when a cell has an address.
    mutating func table(headers: [String], rows: [[(text: String, href: String?)]]) {
        body += "<table>\n<thead><tr>" + headers.map { "<th>\(Self.escape($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in rows {
            body += "<tr>" + row.map { cell in "<td>" + (cell.href.map { anchor(cell.text, $0) } ?? Self.escape(cell.text)) + "</td>" }.joined() + "</tr>\n"
        }
        body += "</tbody>\n</table>\n"
    }

    /// Key–value pairs.
    mutating func definitions(_ pairs: [(term: String, value: String)]) {
        body += "<dl>\n"
        for pair in pairs where !pair.value.isEmpty {
            body += "<dt>\(Self.escape(pair.term))</dt><dd>\(Self.escape(pair.value))</dd>\n"
        }
        body += "</dl>\n"
    }

    /// Preformatted text (a JSON document).
    mutating func preformatted(_ text: String) {
        body += "<pre>\(Self.escape(text))</pre>\n"
    }

    private func anchor(_ text: String, _ href: String) -> String {
        "<a href=\"\(Self.escape(href))\">\(Self.escape(text))</a>"
    }

    /// The pages' only style, inline: ``SecurityHeadersMiddleware`` allows it by its hash.
    static let style = "body{font-family:system-ui,sans-serif;margin:2em auto;max-width:70em;padding:0 1em;line-height:1.4}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .5em;text-align:left;vertical-align:top}dt{font-weight:bold}pre{background:#f6f6f6;padding:1em;overflow:auto}"

    /// The whole document.
    var document: String {
        """
        <!DOCTYPE html>
        <html lang="fr">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(Self.escape(title))</title>
        <style>\(Self.style)</style>
        </head>
        <body>
        \(body)</body>
        </html>

        """
    }

    /// The page as a 200 response.
    func response(status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: MediaType.htmlUTF8],
            body: ResponseBody(byteBuffer: ByteBuffer(string: document)))
    }
}
