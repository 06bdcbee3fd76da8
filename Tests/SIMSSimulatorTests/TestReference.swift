/// Fixtures from Tests/Reference (scripts committed with their output).
enum TestReference {
    /// `python3 Tests/Reference/xoshiro_reference.py` → Tests/Reference/xoshiro_reference.out
    static let xoshiroSeed0: [UInt64] = [11091344671253066420, 13793997310169335082, 1900383378846508768]
}
