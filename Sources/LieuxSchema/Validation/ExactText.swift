import Foundation

/// Text compared by its Unicode scalars, as Python and SQLite compare it.
///
/// Swift's `String` equality is canonical equivalence: `"café"` written with a precomposed
/// « é » equals `"cafe\u{301}"`. Two identifiers that differ that way are distinct for the
/// reference validator and for the store, so uniqueness and memoised checks key on this.
struct ExactText: Hashable {
    let text: String

    init(_ text: String) { self.text = text }

    static func == (a: ExactText, b: ExactText) -> Bool {
        // Byte buffers rather than `utf8.elementsEqual`, which stepped one byte at a time
        // through the views and cost an eighth of a validation.
        guard a.text.utf8.count == b.text.utf8.count else { return false }
        var x = a.text, y = b.text
        return x.withUTF8 { p in y.withUTF8 { q in p.isEmpty || memcmp(p.baseAddress!, q.baseAddress!, p.count) == 0 } }
    }

    func hash(into hasher: inout Hasher) {
        var copy = text
        copy.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
