/// The bytes of one record being encoded: a raw, growable allocation written through a
/// pointer, so that the many small appends of an encoder cost a comparison and a copy.
///
/// A plain value over memory it does not free by itself: ``ScratchStorage`` owns the
/// allocation between records (the writers), or the code that made it calls
/// ``deallocate()`` (``collect(capacity:_:)``). Appenders take literals as `StaticString`
/// (their bytes are in the binary) and text as `String`, read through its UTF-8 storage.
struct OutputBuffer {
    /// The allocation; written by the appenders of this type's extensions.
    var base: UnsafeMutablePointer<UInt8>
    /// How many bytes are written.
    var count = 0
    private(set) var capacity: Int

    init(capacity: Int = 4096) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    func deallocate() {
        base.deallocate()
    }

    /// Runs `body` on a fresh buffer and returns what it wrote.
    static func collect(capacity: Int = 1024, _ body: (inout OutputBuffer) -> Void) -> [UInt8] {
        var buffer = OutputBuffer(capacity: capacity)
        defer { buffer.deallocate() }
        body(&buffer)
        return buffer.bytes
    }

    /// A copy of the bytes written.
    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// The bytes written, valid until the next change.
    @inline(__always)
    func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: base, count: count))
    }

    mutating func removeAll() {
        count = 0
    }

    /// Forgets the bytes from `position` on.
    mutating func truncate(to position: Int) {
        precondition(position >= 0 && position <= count)
        count = position
    }

    /// Makes room for `extra` more bytes.
    @inline(__always)
    mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(minimum: count + extra) }
    }

    @inline(never)
    private mutating func grow(minimum: Int) {
        var newCapacity = capacity * 2
        while newCapacity < minimum { newCapacity *= 2 }
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.initialize(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func append(_ raw: UnsafeBufferPointer<UInt8>) {
        guard let source = raw.baseAddress, raw.count > 0 else { return }
        reserve(raw.count)
        (base + count).initialize(from: source, count: raw.count)
        count += raw.count
    }

    @inline(__always)
    mutating func append(_ literal: StaticString) {
        append(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    mutating func append(contentsOf bytes: some Collection<UInt8>) {
        reserve(bytes.count)
        for byte in bytes {
            base[count] = byte
            count += 1
        }
    }

    /// The UTF-8 bytes of `text`, as they are.
    mutating func append(utf8 text: String) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { append($0) }
        if done == nil { append(contentsOf: Array(text.utf8)) }
    }

    /// Writes the bytes to `sink`.
    func write<Sink: ByteSink>(to sink: inout Sink) throws {
        try sink.write(UnsafeRawBufferPointer(start: base, count: count))
    }
}

/// Owns a writer's ``OutputBuffer`` between records: each record takes it, encodes, puts it
/// back (it may have grown), and the bytes are handed to the sink.
///
/// Copies of a writer share it; that is harmless because a record is always written out
/// before the call that encoded it returns (writers are not `Sendable`).
final class ScratchStorage {
    private var buffer: OutputBuffer

    init(capacity: Int = 4096) {
        buffer = OutputBuffer(capacity: capacity)
    }

    deinit {
        buffer.deallocate()
    }

    /// The buffer, emptied, for one record; give it back with ``keep(_:)``.
    func take() -> OutputBuffer {
        var taken = buffer
        taken.removeAll()
        return taken
    }

    /// Puts back the buffer after a record.
    func keep(_ used: OutputBuffer) {
        buffer = used
    }
}
