import Foundation
import LieuxModel
import Testing

@Suite("Trimming and the name sort key")
struct TextKeyTests {
    @Test("trimmed() removes the same characters as Foundation's sets", arguments: [
        "", " ", "abc", "  abc  ", "\tabc\n", "\u{A0}Médiathèque\u{2009}", "\r\n", "a b", "é", " é ", "\u{3000}x\u{3000}", "x\u{85}",
    ])
    func trimming(text: String) {
        #expect(text.trimmed() == text.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(text.trimmed(newlines: false) == text.trimmingCharacters(in: .whitespaces))
        #expect(text[...].trimmed() == text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test("names sort without case nor accents, ligatures spelled out")
    func nameKey() {
        #expect(LieuSort.nameKey("Écrivains Publics") == "ecrivains publics")
        #expect(LieuSort.nameKey("  Cœur  de\u{A0}Ville ") == "coeur de ville")
        #expect(LieuSort.nameKey("France Services d’Aubagne") == "france services d'aubagne")
        #expect(LieuSort.nameKey("ÇA VA") == "ca va")
        // Letters outside the table take Foundation's folding.
        #expect(LieuSort.nameKey("Łódź Ōsaka") == "łodz osaka")
        let names = ["Zèbre", "école", "Espace", "Écrivains", "eglise", "Élan"]
        #expect(names.sorted { LieuSort.nameKey($0) < LieuSort.nameKey($1) } == ["école", "Écrivains", "eglise", "Élan", "Espace", "Zèbre"])
    }

    @Test("the key of a name matches Foundation's folding on every accented French letter")
    func frenchLetters() {
        let letters = "àâäáãåçèéêëìíîïñòóôõöùúûüýÿÀÂÄÁÃÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝŸ"
        for letter in letters {
            let text = "a\(letter)b"
            #expect(LieuSort.nameKey(text) == text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil), "\(letter)")
        }
    }
}
