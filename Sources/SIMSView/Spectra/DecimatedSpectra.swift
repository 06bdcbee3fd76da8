/// An `/api/spectra` answer before it is written (as JSON or as a ``BinaryAnswer``): the window, the whole
/// range of the requested spectra and each spectrum reduced to `columns` pixel columns.
struct DecimatedSpectra: Sendable {
    /// The window (u).
    var lower: Double
    var upper: Double
    /// The smallest and largest m/z of the requested spectra (u).
    var fullLower: Double
    var fullUpper: Double
    /// Pixel columns the window was reduced to.
    var columns: Int
    var series: [(id: String, name: String, sample: String, decimated: MinMaxPyramid.Decimated)]

    /// `{"lower":…,"upper":…,"fullLower":…,"fullUpper":…,"columns":…` (no closing brace).
    func writeHeaderFields(_ json: inout JSONText) {
        json.raw("{"); json.key("lower"); json.number(lower)
        json.raw(","); json.key("upper"); json.number(upper)
        json.raw(","); json.key("fullLower"); json.number(fullLower)
        json.raw(","); json.key("fullUpper"); json.number(fullUpper)
        json.raw(","); json.key("columns"); json.number(Double(columns))
    }

    /// `{"id":…,"name":…,"sample":…,"raw":…` of series `k` (no closing brace).
    func writeSeriesFields(_ k: Int, _ json: inout JSONText) {
        let s = series[k]
        json.raw("{"); json.key("id"); json.string(s.id)
        json.raw(","); json.key("name"); json.string(s.name)
        json.raw(","); json.key("sample"); json.string(s.sample)
        json.raw(","); json.key("raw"); json.raw(s.decimated.raw ? "true" : "false")
    }
}
