import Foundation

/// The bytes libFuzzer gives a target, copied: its buffer is only valid during the call.
public func fuzzInput(_ start: UnsafeRawPointer, _ count: Int) -> Data {
    Data(bytes: start, count: count)
}

/// Stops the run when a property of a parser does not hold: libFuzzer keeps the input as a
/// crash, and the message says which property failed.
public func expect(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    guard condition() else { fatalError("propriété non respectée : \(message())") }
}

/// The chunk size a streaming reader reads the input with, picked from the input itself so
/// that every record boundary meets every chunk boundary: small for small inputs, never so
/// small for large ones that reading turns quadratic.
public func chunkSize(for data: Data) -> Int {
    let small = [1, 2, 3, 5, 8, 13, 64]
    let pick = Int(data.reduce(0) { ($0 &+ Int($1)) & 0xFFFF }) % small.count
    return data.count > 2048 ? small[pick] * 64 : small[pick]
}
