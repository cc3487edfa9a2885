import LieuxModel

extension FeatureExtras {
    /// The properties of a merged venue besides the standard's: `source_import`, `distance`,
    /// `membres` (its records, `source:id`), `provenance` (field → the records that gave it)
    /// and `qualite` (0 to 100, see ``Lieu/qualite(today:)``).
    public init(fusion: LieuFusionne, today: CalendarDate) {
        func strings(_ refs: [LieuRef]) -> String {
            let bytes = OutputBuffer.collect { out in
                out.append(UInt8(ascii: "["))
                for (index, ref) in refs.enumerated() {
                    if index > 0 { out.append(UInt8(ascii: ",")) }
                    out.appendJSONString(ref.description)
                }
                out.append(UInt8(ascii: "]"))
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        let provenance = Lieu.Field.allCases.compactMap { field in
            fusion.provenance[field].map { "\"\(field.rawValue)\":" + strings($0) }
        }
        self.init(
            sourceImport: fusion.found.source, distance: fusion.found.distance,
            members: [
                Member("membres", json: strings(fusion.membres)),
                Member("provenance", json: "{" + provenance.joined(separator: ",") + "}"),
                Member("qualite", json: String(fusion.found.lieu.qualite(today: today))),
            ])
    }
}
