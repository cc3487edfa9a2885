import Foundation
import Testing

/// The reference data beside the repository (`../shared/data`), read where it is.
///
/// Tests that need it are enabled with `.enabled(if: SharedData.isAvailable, SharedData.absent)`
/// so that they say why they skip on a clone without it.
enum SharedData {
    /// The repository's root, found from this file's path.
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // LieuxExportTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    /// `../shared/data`, or the folder named by `LIEUX_SHARED_DATA`.
    static let root: URL = {
        if let path = ProcessInfo.processInfo.environment["LIEUX_SHARED_DATA"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/data")
    }()

    static var isAvailable: Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent("standard").path)
    }

    static let absent: Comment = "../shared/data est absent : test ignoré (données de référence non disponibles)"

    /// A file of the shared data, by its path under `data/`.
    static func url(_ relativePath: String) -> URL {
        root.appendingPathComponent(relativePath)
    }

    /// The combined ANCT file of the standard v1 (924 rows from three territories).
    static let combinedCSV = "standard/v1/anct-v1-combined-paca-charente-nc.csv"
}
