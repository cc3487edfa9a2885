import Hummingbird
import NIOCore

/// The context of a request to Lieux: Hummingbird's, with the client's address (for the
/// journal of writes and the limits per address).
public struct LieuxRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The address of the client's end of the connection, when known.
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The client's IP address, or `-` when it is not known (tests without a socket).
    var clientAddress: String { remoteAddress?.ipAddress ?? "-" }

    /// A parameter of the route's path, percent-decoded.
    func decodedParameter(_ name: String) -> String {
        let raw = parameters.get(name) ?? ""
        return raw.removingPercentEncoding ?? raw
    }
}
