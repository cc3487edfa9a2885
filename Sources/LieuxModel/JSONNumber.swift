import Foundation

/// A number of a JSON document read by `JSONSerialization`, as a `Double`: `nil` for anything
/// else, `true` and `false` included (Foundation gives them as `NSNumber`s too, of type `c`).
public func jsonNumber(_ value: Any) -> Double? {
    guard let number = value as? NSNumber, String(cString: number.objCType) != "c" else { return nil }
    return number.doubleValue
}
