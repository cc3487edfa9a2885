import Foundation

/// A sink that keeps everything written in memory: tests, single responses, and the chunks of
/// a streamed HTTP body (see ``takeBytes()``).
public struct DataSink: ByteSink, Sendable {
    /// The bytes written since the start, or since the last ``takeBytes()``.
    public private(set) var bytes: [UInt8]

    /// An empty sink; `capacity` reserves room for what will be written.
    public init(capacity: Int = 0) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// How many bytes are held.
    public var count: Int { bytes.count }

    /// The bytes held, as `Data`.
    public var data: Data { Data(bytes) }

    public mutating func write(_ bytes: UnsafeRawBufferPointer) {
        self.bytes.append(contentsOf: bytes)
    }

    /// Returns the bytes held and empties the sink, keeping its capacity for the next chunk.
    public mutating func takeBytes() -> [UInt8] {
        let taken = bytes
        bytes.removeAll(keepingCapacity: true)
        return taken
    }
}
