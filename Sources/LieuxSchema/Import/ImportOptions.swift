import Foundation

/// How to import files.
public struct ImportOptions: Sendable {
    /// Reject everything when a file has any error (default: store the valid rows).
    public var strict = false
    /// The version of the standard the files follow; `nil` detects it for each file.
    public var version: SchemaVersion?
    public var validation = ValidationOptions()
    /// Compute every change and write none (`--essai`).
    public var dryRun = false
    /// Let through an import that removes more than a fifth of a
    /// source's venues, or all of them (`--autoriser-retraits`).
    public var allowRemovals = false
    /// Who asks, for the journal.
    public var origin = OperationOrigin.commandLine

    public init(
        strict: Bool = false, version: SchemaVersion? = nil, validation: ValidationOptions = .init(),
        dryRun: Bool = false, allowRemovals: Bool = false, origin: OperationOrigin = .commandLine
    ) {
        self.strict = strict
        self.version = version
        self.validation = validation
        self.dryRun = dryRun
        self.allowRemovals = allowRemovals
        self.origin = origin
    }
}

/// A file to import: where its bytes are, and how the person named it.
public struct ImportFile: Sendable {
    public var url: URL
    public var place: String
    public var format: SourceFormat?

    public init(url: URL, place: String? = nil, format: SourceFormat? = nil) {
        self.url = url
        self.place = place ?? url.path
        self.format = format
    }
}

/// Who asked for an operation, for the journal.
public struct OperationOrigin: Sendable {
    public enum Channel: String, Sendable, Codable {
        /// The command line, on the server.
        case cli
        /// The HTTP API, with a source's token.
        case http
    }

    public var channel: Channel
    /// The token used (its id, never the token itself).
    public var tokenID: Int64?
    /// The client's address.
    public var address: String?

    public init(channel: Channel = .cli, tokenID: Int64? = nil, address: String? = nil) {
        self.channel = channel
        self.tokenID = tokenID
        self.address = address
    }

    public static let commandLine = OperationOrigin()
}
