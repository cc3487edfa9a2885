/// Holds a channel for a response body: if the body is dropped unwritten (a HEAD request, a
/// client gone before the body), the producer is stopped.
final class ChannelOwner: Sendable {
    let channel: ChunkChannel

    init(_ channel: ChunkChannel) {
        self.channel = channel
    }

    deinit {
        channel.cancel()
    }
}
