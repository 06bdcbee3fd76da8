import ArgumentParser
import Foundation

/// Numeric options checked by the argument parser: finite, within a stated range, with the range in the message
/// (`--smooth 1e300` is a usage error, not a trap deep inside a filter). Use as `@Option(name: ..., parsing: .unconditional, help: ...,
/// transform: OptionRange.number(0.01...500, "px"))`; `.unconditional` lets a negative value reach the check
/// instead of being read as an option name.
enum OptionRange {
    /// A decimal number in `range` (`unit` is named in the message).
    static func number(_ range: ClosedRange<Double>, _ unit: String = "", excludingLower: Bool = false) -> @Sendable (String) throws -> Double {
        { text in
            guard let value = Double(text.trimmingCharacters(in: .whitespaces)), value.isFinite,
                  range.contains(value), !(excludingLower && value == range.lowerBound) else {
                let lower = excludingLower ? "greater than \(format(range.lowerBound))" : "from \(format(range.lowerBound))"
                throw ValidationError("expected a number \(lower) to \(format(range.upperBound))\(unit.isEmpty ? "" : " " + unit), found \"\(text)\"")
            }
            return value
        }
    }

    /// A whole number in `range`.
    static func integer(_ range: ClosedRange<Int>, _ unit: String = "") -> @Sendable (String) throws -> Int {
        { text in
            guard let value = Int(text.trimmingCharacters(in: .whitespaces)), range.contains(value) else {
                throw ValidationError("expected a whole number from \(range.lowerBound) to \(range.upperBound)\(unit.isEmpty ? "" : " " + unit), found \"\(text)\"")
            }
            return value
        }
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
