import Crypto
import Foundation
import GRDB
import LieuxSchema

extension Store {
    /// The prefix of every token, so that one found in a file or a log is recognised.
    static let tokenPrefix = "lieux_"

    /// Makes a new token for `source` (created when new) and returns it with its text,
    /// `lieux_<id>_<secret>`: 256 random bits, shown this once. The store keeps only the
    /// SHA-256 of the secret.
    public func createToken(source: String, name: String) throws(StoreError) -> (token: SourceToken, text: String) {
        let secret = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
        let encoded = secret.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        let hash = Data(SHA256.hash(data: Data(encoded.utf8)))
        do {
            return try pool.write { db in
                let sourceID = try History.sourceID(db, name: source)
                let created = History.now()
                try db.execute(
                    sql: "INSERT INTO jeton (source_id, nom, hash, created_at) VALUES (?, ?, ?, ?)",
                    arguments: [sourceID, name, hash, created])
                let id = db.lastInsertedRowID
                return (SourceToken(id: id, source: source, name: name, createdAt: created), "\(Self.tokenPrefix)\(id)_\(encoded)")
            }
        } catch {
            throw StoreError.failed("Le jeton n'a pas pu être créé.", cause: error)
        }
    }

    /// Every token, revoked ones too, by id.
    public func tokens() throws(StoreError) -> [SourceToken] {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT jeton.*, source.name AS source_name FROM jeton JOIN source ON source.id = jeton.source_id ORDER BY jeton.id"
            ).map(Self.token(from:))
        }
    }

    private static func token(from row: Row) -> SourceToken {
        SourceToken(id: row["id"], source: row["source_name"], name: row["nom"], createdAt: row["created_at"], revokedAt: row["revoked_at"])
    }

    /// Revokes a token: it no longer opens anything. Returns it, `nil` when there is none.
    public func revokeToken(id: Int64) throws(StoreError) -> SourceToken? {
        do {
            try pool.write { db in
                try db.execute(sql: "UPDATE jeton SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", arguments: [History.now(), id])
            }
        } catch {
            throw StoreError.failed("Le jeton n'a pas pu être révoqué.", cause: error)
        }
        return try tokens().first { $0.id == id }
    }

    /// Whether any token that is not revoked exists.
    public func hasActiveTokens() throws(StoreError) -> Bool {
        try read { db in try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM jeton WHERE revoked_at IS NULL)") ?? false }
    }

    /// The token that `text` is, when it is well formed, known, not revoked, and its secret's
    /// hash equals the one kept (compared in constant time).
    public func token(authenticating text: String) throws(StoreError) -> SourceToken? {
        guard text.hasPrefix(Self.tokenPrefix) else { return nil }
        let rest = text.dropFirst(Self.tokenPrefix.count)
        guard let separator = rest.firstIndex(of: "_"), let id = Int64(rest[..<separator]) else { return nil }
        let secret = rest[rest.index(after: separator)...]
        let hash = Array(SHA256.hash(data: Data(secret.utf8)))
        return try read { db in
            guard let row = try Row.fetchOne(
                db,
                sql: "SELECT jeton.*, source.name AS source_name FROM jeton JOIN source ON source.id = jeton.source_id WHERE jeton.id = ?",
                arguments: [id])
            else { return nil }
            let kept: Data = row["hash"]
            guard Self.constantTimeEqual(Array(kept), hash) else { return nil }
            let token = Self.token(from: row)
            return token.isRevoked ? nil : token
        }
    }

    /// Compares two byte strings in a time that depends on their length only.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
