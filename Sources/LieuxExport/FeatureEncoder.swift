import LieuxModel

/// Encodes a ``Lieu`` as one GeoJSON Feature; shared by ``GeoJSONWriter``,
/// ``GeoJSONSeqWriter`` and ``Lieu/geoJSONFeature(extras:)``.
///
/// The JSON keys of the properties are made once, from ``Lieu/Field``'s raw values.
struct FeatureEncoder {
    /// The fields written in `properties`: all but `latitude` and `longitude`.
    private let fields: [Lieu.Field]
    /// `,"name":` for each of `fields`, one after the other.
    private let keys: [UInt8]
    /// Where each key starts in `keys`, plus the end.
    private let keyBounds: [Int]

    /// One encoder for all: its keys are made once.
    static let shared = FeatureEncoder()

    init() {
        fields = Lieu.Field.allCases.filter { $0 != .latitude && $0 != .longitude }
        var keys: [UInt8] = []
        var bounds: [Int] = []
        for field in fields {
            bounds.append(keys.count)
            keys.append(contentsOf: ",\"\(field.rawValue)\":".utf8)
        }
        bounds.append(keys.count)
        self.keys = keys
        keyBounds = bounds
    }

    /// Appends the feature of `lieu` to `out`.
    func encode(_ lieu: Lieu, extras: FeatureExtras, into out: inout OutputBuffer) {
        let wroteProperty = encodeOpening(lieu, into: &out)
        Self.encodeClosing(extras, afterProperty: wroteProperty, into: &out)
    }

    /// Appends the part of the feature of `lieu` that depends on the venue alone, up to its
    /// last field in `properties`, the object left open; returns whether a property was
    /// written. ``encodeClosing(_:afterProperty:into:)`` ends it.
    @discardableResult
    func encodeOpening(_ lieu: Lieu, into out: inout OutputBuffer) -> Bool {
        out.append("{\"type\":\"Feature\",\"id\":")
        out.appendJSONString(lieu.id.rawValue)
        if let coordinates = lieu.coordinates {
            out.append(",\"geometry\":{\"type\":\"Point\",\"coordinates\":[")
            out.appendDecimal(coordinates.longitude, fractionDigits: 6)
            out.append(UInt8(ascii: ","))
            out.appendDecimal(coordinates.latitude, fractionDigits: 6)
            out.append("]}")
        } else {
            out.append(",\"geometry\":null")
        }
        out.append(",\"properties\":{")
        var wroteProperty = false
        keys.withUnsafeBufferPointer { keys in
            keyBounds.withUnsafeBufferPointer { bounds in
                var visitor = Properties(out: out, keys: keys.baseAddress!, bounds: bounds.baseAddress!)
                lieu.visitFields(fields, with: &visitor)
                out = visitor.out
                wroteProperty = visitor.wroteProperty
            }
        }
        return wroteProperty
    }

    /// Appends the extra properties and closes `properties` and the feature, after an opening
    /// that wrote a property or not.
    static func encodeClosing(_ extras: FeatureExtras, afterProperty: Bool, into out: inout OutputBuffer) {
        var wroteProperty = afterProperty
        if let source = extras.sourceImport {
            out.append(wroteProperty ? ",\"source_import\":" : "\"source_import\":")
            out.appendJSONString(source)
            wroteProperty = true
        }
        if let distance = extras.distance, distance.isFinite {
            out.append(wroteProperty ? ",\"distance\":" : "\"distance\":")
            out.appendDecimal(distance, fractionDigits: 1)
            wroteProperty = true
        }
        for member in extras.members {
            if wroteProperty { out.append(UInt8(ascii: ",")) }
            out.appendJSONString(member.key)
            out.append(UInt8(ascii: ":"))
            out.append(utf8: member.json)
            wroteProperty = true
        }
        out.append("}}")
    }

    /// Writes the members of `properties`, one per field of the standard that is not empty.
    private struct Properties: LieuFieldVisitor {
        var out: OutputBuffer
        let keys: UnsafePointer<UInt8>
        let bounds: UnsafePointer<Int>
        var wroteProperty = false

        @inline(__always)
        private mutating func key(_ index: Int) {
            let start = bounds[index] + (wroteProperty ? 0 : 1)
            out.append(UnsafeBufferPointer(start: keys + start, count: bounds[index + 1] - start))
            wroteProperty = true
        }

        mutating func text(_ index: Int, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            key(index)
            out.appendJSONString(value)
        }

        mutating func values<T: RawRepresentable>(_ index: Int, _ values: MultiValue<T>) where T.RawValue == String {
            guard !values.isEmpty else { return }
            key(index)
            out.append(UInt8(ascii: "["))
            var first = true
            for value in values {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                out.appendJSONString(value.rawValue)
            }
            out.append(UInt8(ascii: "]"))
        }

        mutating func coordinate(_ index: Int, _ value: Double?) {
            // The geometry carries the coordinates.
        }

        mutating func date(_ index: Int, _ value: CalendarDate) {
            key(index)
            out.append(UInt8(ascii: "\""))
            out.appendDate(value)
            out.append(UInt8(ascii: "\""))
        }
    }
}
