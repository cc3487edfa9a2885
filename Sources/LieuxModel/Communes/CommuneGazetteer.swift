import Foundation

/// The communes of France, searched as one types: by name (without accents nor case,
/// « st » for « saint », hyphens and apostrophes as spaces), by postal code or by INSEE code.
///
/// Its rows are those of `data/communes.csv` (`tools/make-communes`, from La Poste's table of
/// postal codes); it is read from their text, no I/O here.
public final class CommuneGazetteer: Sendable {
    public let communes: [Commune]
    /// Every word start of every folded name (« saint germain en laye », « germain en laye »,
    /// « en laye », « laye »), sorted as bytes: the names that have a word starting with the
    /// query are one range, found by binary search, not by reading every name.
    private let starts: [(text: [UInt8], commune: Int, whole: Bool)]

    public init(communes: [Commune]) {
        self.communes = communes
        var starts: [(text: [UInt8], commune: Int, whole: Bool)] = []
        for (index, commune) in communes.enumerated() {
            let key = Array(Self.key(commune.nom).utf8)
            starts.append((key, index, true))
            for (offset, byte) in key.enumerated() where byte == 0x20 && offset + 1 < key.count {
                starts.append((Array(key[(offset + 1)...]), index, false))
            }
        }
        starts.sort { $0.text.lexicographicallyPrecedes($1.text) }
        self.starts = starts
    }

    /// Reads the CSV of `tools/make-communes` (`code_insee,nom,codes_postaux,latitude,longitude`);
    /// `nil` when its header is not that one. Rows that cannot be read are skipped.
    public convenience init?(csv text: String) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        guard let header = lines.first, header.hasPrefix("code_insee,nom,codes_postaux,latitude,longitude") else { return nil }
        lines.removeFirst()
        var communes: [Commune] = []
        communes.reserveCapacity(lines.count)
        for line in lines {
            let cells = Self.cells(line)
            guard cells.count >= 5, let latitude = Double(cells[3]), let longitude = Double(cells[4]),
                let point = Coordinates(latitude: latitude, longitude: longitude)
            else { continue }
            communes.append(Commune(
                codeINSEE: cells[0], nom: cells[1], codesPostaux: cells[2].split(separator: "|").map(String.init), coordinates: point))
        }
        self.init(communes: communes)
    }

    /// The cells of one CSV line (quotes as RFC 4180).
    private static func cells(_ line: Substring) -> [String] {
        var cells: [String] = []
        var cell = ""
        var quoted = false
        var iterator = line.makeIterator()
        while let character = iterator.next() {
            if quoted {
                if character == "\"" {
                    quoted = false
                } else {
                    cell.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                cells.append(cell)
                cell = ""
            } else if character != "\r" {
                cell.append(character)
            }
        }
        cells.append(cell)
        return cells
    }

    /// The communes that match `query`, best first, at most `limit`: an exact name, then names
    /// that start with it, then names with a word that starts with it (shorter names first
    /// each time); digits match the start of a postal code or of the INSEE code. With
    /// `departements`, only the communes of those départements.
    public func suggestions(for query: String, limit: Int = 10, departements: Set<String>? = nil) -> [Commune] {
        func wanted(_ commune: Commune) -> Bool { departements?.contains(commune.departement) ?? true }
        let key = Self.key(query)
        guard !key.isEmpty, limit > 0 else { return [] }
        if key.allSatisfy({ $0.isNumber || $0 == "a" || $0 == "b" }), key.first?.isNumber == true {
            let code = key.uppercased()
            let found = communes.filter { commune in
                wanted(commune) && commune.codeINSEE.hasPrefix(code) || commune.codesPostaux.contains { $0.hasPrefix(code) }
            }
            // A postal code typed whole first (people know theirs), then an INSEE code, then the starts.
            func rank(_ commune: Commune) -> Int { commune.codesPostaux.contains(code) ? 0 : commune.codeINSEE == code ? 1 : 2 }
            return Array(found.sorted { (rank($0), $0.nom) < (rank($1), $1.nom) }.prefix(limit))
        }
        let query = Array(key.utf8)
        // The first start not before the query; the range goes on while starts begin with it.
        var low = 0, high = starts.count
        while low < high {
            let middle = (low + high) / 2
            if starts[middle].text.lexicographicallyPrecedes(query) { low = middle + 1 } else { high = middle }
        }
        var best: [Int: (rank: Int, length: Int)] = [:]
        var position = low
        while position < starts.count, starts[position].text.starts(with: query) {
            let start = starts[position]
            position += 1
            guard wanted(communes[start.commune]) else { continue }
            let rank = start.whole ? (start.text.count == query.count ? 0 : 1) : 2
            if rank < best[start.commune]?.rank ?? 3 { best[start.commune] = (rank, communes[start.commune].nom.count) }
        }
        var ranked = best.map { (rank: $0.value.rank, length: $0.value.length, index: $0.key) }
        ranked.sort { ($0.rank, $0.length, communes[$0.index].nom) < ($1.rank, $1.length, communes[$1.index].nom) }
        return ranked.prefix(limit).map { communes[$0.index] }
    }

    /// A name as searched: lower case, no accents, hyphens and apostrophes as spaces, spaces
    /// collapsed, « st »/« ste » spelled out.
    public static func key(_ text: String) -> String {
        let folded = LieuSort.nameKey(text.replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "'", with: " ")
            .replacingOccurrences(of: "’", with: " "))
        return folded.split(separator: " ").map { word -> String in
            switch word {
            case "st": return "saint"
            case "ste": return "sainte"
            default: return String(word)
            }
        }.joined(separator: " ")
    }
}
