/// The figures of one kind of query: Lieux's, the reference's, and the check of answers.
struct KindResult {
    var kind: QueryKind
    var lieux: Latency
    /// Venues of the first page, and `numberMatched`, per query (first pass).
    var meanResults: Double
    var meanMatched: Double
    var reference: Latency
    var correctness: Correctness

    /// Reference p50 ÷ Lieux p50 over the same queries (the reference may have timed fewer):
    /// above 1, Lieux is faster.
    var ratio: Double { reference.p50 / lieux.prefix(min(reference.queries, lieux.queries)).p50 }

    /// The entry of the JSON report.
    var json: [String: Any] {
        let c = correctness
        var check: [String: Any] = [
            "checked": c.checked,
            "number_matched_mismatches": c.countMismatches,
            "queries_with_other_venues": c.setMismatches,
            "venues_only_in_lieux": c.onlyLieux,
            "venues_only_in_reference": c.onlyReference,
            "first_page_mismatches": c.pageMismatches,
            "internal_mismatches": c.internalMismatches,
            "examples": c.examples,
        ]
        if let gap = c.largestEdgeGap { check["largest_edge_gap_m"] = gap }
        if let exact = c.exactReference {
            check["exact_reference"] = exact
            check["exact_reference_mismatches"] = c.exactMismatches
        }
        return [
            "name": kind.rawValue,
            "p50_ms": lieux.p50,
            "p99_ms": lieux.p99,
            "mean_ms": lieux.mean,
            "mean_results": meanResults,
            "mean_matched": meanMatched,
            "queries": lieux.queries,
            "reference": kind.reference,
            "reference_p50_ms": reference.p50,
            "reference_p99_ms": reference.p99,
            "reference_queries": reference.queries,
            "ratio": ratio,
            "check": check,
        ]
    }
}
