/// Where an encoder's bytes go: a file, memory, an HTTP response body.
///
/// Encoders call ``write(_:)`` once per record (a feature, a CSV row) with bytes they will
/// reuse afterwards: a sink copies or sends them before it returns. A sink that buffers
/// (``FileSink``) hands its bytes on in ``flush()``, which encoders call from their `end()`.
///
/// An asynchronous destination (an HTTP body writer) cannot be written from these synchronous
/// calls: encode into a ``DataSink`` and send its chunks between records with
/// ``DataSink/takeBytes()`` once ``DataSink/count`` passes a threshold (64 KiB, say).
public protocol ByteSink {
    /// Writes `bytes`, or keeps them for the next ``flush()``; `bytes` is only valid during the call.
    mutating func write(_ bytes: UnsafeRawBufferPointer) throws
    /// Hands on the bytes kept so far. The default does nothing.
    mutating func flush() throws
}

extension ByteSink {
    public mutating func flush() throws {}

    /// Writes the bytes of an array.
    public mutating func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }
}
