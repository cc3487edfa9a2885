import Foundation
import GRDB
import LieuxModel
import Testing

@testable import LieuxStore

/// What the store says when the storage under it fails.
@Suite("Storage failures")
struct StorageFailureTests {
    @Test("SQLite's full disk, read-only store and vanished file become French messages with their condition", arguments: [
        (ResultCode.SQLITE_FULL, StorageCondition.diskFull, "disque de la base est plein"),
        (.SQLITE_READONLY, .readOnly, "lecture seule"),
        (ResultCode(rawValue: 8 | (1 << 8)), .readOnly, "lecture seule"),  // SQLITE_READONLY_RECOVERY
        (.SQLITE_CANTOPEN, .unavailable, "supprimé, déplacé ou remplacé"),
        (ResultCode(rawValue: 10 | (13 << 8)), .unavailable, "erreur du disque"),  // SQLITE_IOERR_FSYNC
    ])
    func conditions(_ code: ResultCode, _ condition: StorageCondition, _ words: String) {
        let error = StoreError.failed("L'import a échoué et n'a rien modifié.", cause: DatabaseError(resultCode: code, message: "x"))
        #expect(error.condition == condition)
        #expect(error.message.hasPrefix("L'import a échoué et n'a rien modifié. "))
        #expect(error.message.contains(words))
    }

    @Test("any other failure keeps its message and no condition")
    func other() {
        struct Other: Error {}
        #expect(StoreError.failed("L'import a échoué.", cause: Other()).condition == nil)
        let constraint = StoreError.failed("L'import a échoué.", cause: DatabaseError(resultCode: .SQLITE_CONSTRAINT, message: "x"))
        #expect(constraint.condition == nil)
        #expect(constraint.message == "L'import a échoué.")
    }
}
