import Foundation

/// The reference data beside the repository (`../shared/data`), read where it is.
///
/// Tests that need it are enabled with `.enabled(if: SharedData.isAvailable, SharedData.absent)`
/// so that they say why they skip on a clone without it.
public enum SharedData {
    /// The repository's root, found from this file's path.
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // LieuxTestSupport
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    /// `../shared/data`, or the folder named by `LIEUX_SHARED_DATA`.
    public static let root: URL = {
        if let path = ProcessInfo.processInfo.environment["LIEUX_SHARED_DATA"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/data")
    }()

    public static var isAvailable: Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent("standard").path)
    }

    /// Why a test that needs the shared data does not run.
    public static let absentMessage = "../shared/data est absent : test ignoré (données de référence non disponibles)"

    /// A file of the shared data, by its path under `data/`.
    public static func url(_ relativePath: String) -> URL {
        root.appendingPathComponent(relativePath)
    }

    /// A new empty temporary folder, for a test's files.
    public static func temporaryFolder(_ name: String = "lieux-test") -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
