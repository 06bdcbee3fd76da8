import Foundation

/// The seed of a randomized test: fixed by default, so every run of the suite tests the same inputs and a failure
/// repeats; `SIMSKIT_SEED=N` picks another one, `SIMSKIT_SEED=random` a new one per run for exploration (printed on
/// stderr, so a failure found that way can be repeated with `SIMSKIT_SEED=N`). Tests put the seed in every
/// failure message.
public enum TestSeed {
    /// The seed for a test whose fixed seed is `fixed`.
    public static func value(default fixed: UInt64) -> UInt64 {
        let setting = ProcessInfo.processInfo.environment["SIMSKIT_SEED"] ?? ""
        if setting.isEmpty { return fixed }
        if let chosen = UInt64(setting) { return chosen }
        guard setting == "random" else { fatalError("SIMSKIT_SEED must be a number (0…2⁶⁴−1) or random, not \(setting)") }
        let drawn = UInt64.random(in: 0...UInt64.max)
        FileHandle.standardError.write(Data("SIMSKIT_SEED=random: seed \(drawn) (repeat with SIMSKIT_SEED=\(drawn))\n".utf8))
        return drawn
    }
}
