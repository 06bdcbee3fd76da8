/// The name of an IONTOF ion-image ASCII export, `<measurement> (<id>) - <ion>.txt`,
/// e.g. `Sample1_A (1) - Li-.txt` or `Sample1_A (1) - total.txt`.
public struct IONTOFImageFileName: Sendable, Hashable {
    /// Measurement name (`Sample1_A`).
    public var measurement: String
    /// Measurement id (the number in parentheses).
    public var id: Int
    /// Ion name in IONTOF notation (`Li-`), or `total`.
    public var ion: String

    /// Creates a name from its parts.
    public init(measurement: String, id: Int, ion: String) {
        self.measurement = measurement
        self.id = id
        self.ion = ion
    }

    /// Parses a file name (a path is allowed: only the last component counts); `nil` when it does not have
    /// the `<measurement> (<id>) - <ion>.txt` shape.
    public init?(parsing name: String) {
        var file = Substring(name.split(separator: "/", omittingEmptySubsequences: false).last ?? "")
        if file.lowercased().hasSuffix(".txt") { file = file.dropLast(4) }
        let characters = Array(file)
        // Find " (<digits>) - " ; the first such occurrence splits measurement and ion.
        var i = 0
        while i + 1 < characters.count {
            if characters[i] == " " && characters[i + 1] == "(" {
                var j = i + 2
                var digits = ""
                while j < characters.count, characters[j].isASCII, characters[j].isNumber { digits.append(characters[j]); j += 1 }
                let rest = characters.count - j
                if !digits.isEmpty, rest > 4, characters[j] == ")", characters[j + 1] == " ", characters[j + 2] == "-", characters[j + 3] == " ",
                   let id = Int(digits) {
                    let measurement = String(characters[0..<i])
                    let ion = String(characters[(j + 4)...])
                    guard !measurement.isEmpty, !ion.isEmpty else { return nil }
                    self.init(measurement: measurement, id: id, ion: ion)
                    return
                }
            }
            i += 1
        }
        return nil
    }

    /// The file name `<measurement> (<id>) - <ion>.txt`.
    public var fileName: String { "\(measurement) (\(id)) - \(ion).txt" }
}
