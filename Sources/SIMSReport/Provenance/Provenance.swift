/// The machine-readable record of one run, written as `provenance.json`: tool and version, command line,
/// settings, inputs with size and SHA-256, outputs, warnings, failures and every Table III field with its
/// source. Encoded with sorted keys, so identical runs give identical files (no wall-clock time is stored).
public struct Provenance: Sendable, Hashable, Codable {
    /// One input file.
    public struct Input: Sendable, Hashable, Codable {
        /// Path as given.
        public var path: String
        /// Size in bytes.
        public var bytes: Int
        /// SHA-256 of the contents, 64 hex digits.
        public var sha256: String
        /// Creates an entry.
        public init(path: String, bytes: Int, sha256: String) { self.path = path; self.bytes = bytes; self.sha256 = sha256 }
    }

    /// A named setting.
    public struct Setting: Sendable, Hashable, Codable {
        /// Name.
        public var name: String
        /// Value as text.
        public var value: String
        /// Creates a setting.
        public init(name: String, value: String) { self.name = name; self.value = value }
    }

    /// A failed input.
    public struct Failure: Sendable, Hashable, Codable {
        /// The input.
        public var input: String
        /// The error message.
        public var message: String
        /// Creates a failure.
        public init(input: String, message: String) { self.input = input; self.message = message }
    }

    /// `SIMSKit`.
    public var tool = "SIMSKit"
    /// ``SIMSKitVersion/current``.
    public var version = SIMSKitVersion.current
    /// The command (`spectra`, …).
    public var command: String
    /// Arguments after `sims`.
    public var arguments: [String]
    /// Settings in effect.
    public var settings: [Setting]
    /// Inputs with hashes.
    public var inputs: [Input]
    /// Outputs (relative to the output folder).
    public var outputs: [String]
    /// What a person reads: one line per warning kind (and each one-off warning).
    public var warnings: [String]
    /// How many individual warnings the ``warnings`` lines stand for (every row of `results/warnings.csv`
    /// plus the one-offs); `nil` in records written before it was kept, then `warnings.count`.
    public var warningCount: Int?
    /// Failed inputs.
    public var failures: [Failure]
    /// `success` or `completed with errors`.
    public var outcome: String
    /// Table III with sources.
    public var tableIII: [TableIIIEntry]

    /// Creates a record.
    public init(command: String, arguments: [String], settings: [Setting], inputs: [Input], outputs: [String],
                warnings: [String], failures: [Failure], outcome: String, tableIII: [TableIIIEntry]) {
        self.command = command; self.arguments = arguments; self.settings = settings; self.inputs = inputs
        self.outputs = outputs; self.warnings = warnings; self.failures = failures; self.outcome = outcome
        self.tableIII = tableIII
    }

    /// `51 warnings in 11 kinds`, `1 warning in 1 kind`, or `no warnings`: the words the report header, its
    /// Warnings row and the stderr summary all use, so their numbers agree.
    public var warningSummary: String { Provenance.warningSummary(count: warningCount ?? warnings.count, kinds: warnings.count) }

    /// `count` individual warnings in `kinds` kinds, in words (`3,566 warnings in 6 kinds`), or `no warnings`.
    public static func warningSummary(count: Int, kinds: Int) -> String {
        guard count > 0 || kinds > 0 else { return "no warnings" }
        let digits = Array(String(count))
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped += "," }
            grouped.append(digit)
        }
        return "\(grouped) warning\(count == 1 ? "" : "s") in \(kinds) kind\(kinds == 1 ? "" : "s")"
    }

    /// The command line after `sims` as one string (the command first), quoted for a POSIX shell so it pastes
    /// back and runs the same command: an argument with anything but letters, digits and `_@%+=:,./-` (a
    /// `--group-by` pattern, a path with spaces) is put in single quotes, a `'` inside written `'\''`.
    public var commandLine: String {
        (arguments.first == command ? arguments : [command] + arguments).map(Provenance.shellQuoted).joined(separator: " ")
    }

    /// `argument` as one word of a POSIX shell command line: unchanged when every character is an ASCII letter,
    /// digit or one of `_@%+=:,./-`, otherwise in single quotes (POSIX.1-2017, Shell Command Language §2.2.2).
    static func shellQuoted(_ argument: String) -> String {
        let safe = argument.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || "_@%+=:,./-".utf8.contains(byte)
        }
        if safe, !argument.isEmpty { return argument }
        var quoted = "'"
        for character in argument { quoted += character == "'" ? "'\\''" : String(character) }
        return quoted + "'"
    }
}
