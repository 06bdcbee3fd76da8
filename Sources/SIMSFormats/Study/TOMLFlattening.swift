import Foundation
import SIMSCore
import TOMLKit

/// Reads a TOML file (e.g. `sims.toml`) into ``Metadata`` with keys flattened to `table.key`
/// (`[acquisition] polarity = "negative"` → `acquisition.polarity` = `negative`), as `Study.metadata` holds them.
///
/// Strings are stored without quotes, numbers and booleans as written by TOMLKit, arrays as `[a, b]`.
/// Written by the report engineer for `sims report --config` (minimal; the study loader may supersede it).
public enum TOMLFlattening {
    /// Flattens the TOML file at `path`; throws with line and column when it does not parse.
    public static func metadata(fromFile path: String) throws(SIMSError) -> Metadata {
        try InputFile.check(path)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SIMSError(.fileNotFound, "cannot read the TOML file", file: path)
        }
        return try metadata(fromString: String(decoding: data, as: UTF8.self), file: path)
    }

    /// Flattens TOML text; `file` names the source in errors.
    public static func metadata(fromString text: String, file: String? = nil) throws(SIMSError) -> Metadata {
        let table = try TOMLText.table(text, file: file)
        try requireFiniteNumbers(table, file: file)
        var out = Metadata()
        flatten(table, prefix: "", into: &out)
        return out
    }

    /// Throws for a `nan` or `inf` anywhere in `table`: TOML allows them, but no Table III value is one, and they
    /// would reach methods.md as "nan keV" (issue #25).
    public static func requireFiniteNumbers(_ table: TOMLTable, file: String?, prefix: String = "") throws(SIMSError) {
        for key in table.keys {
            guard let value = table[key] else { continue }
            let name = prefix.isEmpty ? key : prefix + "." + key
            if let sub = value.table { try requireFiniteNumbers(sub, file: file, prefix: name); continue }
            let numbers = value.array.map { array in array.compactMap { $0.double } } ?? value.double.map { [$0] } ?? []
            if let bad = numbers.first(where: { !$0.isFinite }) {
                throw SIMSError(.malformed, "\(name) is not a finite number", file: file, found: "\(bad)", expected: "a finite number")
            }
        }
    }

    private static func flatten(_ table: TOMLTable, prefix: String, into out: inout Metadata) {
        for key in table.keys.sorted() {
            guard let value = table[key] else { continue }
            let name = prefix.isEmpty ? key : prefix + "." + key
            if let sub = value.table { flatten(sub, prefix: name, into: &out) } else { out.append(key: name, value: text(value)) }
        }
    }

    private static func text(_ value: TOMLValueConvertible) -> String {
        if let s = value.string { return s }
        if let b = value.bool { return b ? "true" : "false" }
        if let i = value.int { return String(i) }
        if let d = value.double { return d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d) }
        if let a = value.array { return "[" + a.map { text($0) }.joined(separator: ", ") + "]" }
        return value.tomlValue.debugDescription
    }
}
