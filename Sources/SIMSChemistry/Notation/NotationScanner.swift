/// Byte-level recursive-descent reader for formula and ion labels (shared by ``Formula``, ``Ion`` and
/// ``AssignmentLabel``).
///
/// Grammar (IONTOF): `ion := part+ charge`, `part := ('^' digits)? Symbol ('_' digits)?`,
/// `charge := digits? ('+'+ | '-'+)`. Plain notation replaces `'_' digits` by `digits`.
struct NotationScanner {
    let text: String
    let bytes: [UInt8]
    let notation: FormulaNotation
    var index = 0

    init(_ text: String, notation: FormulaNotation) {
        self.text = text
        self.bytes = Array(text.utf8)
        self.notation = notation.resolved(for: text)
    }

    var atEnd: Bool { index >= bytes.count }
    var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    func error(_ problem: String, expected: String) -> SIMSError {
        SIMSError.malformed(
            "cannot read formula label at character \(index + 1): \(problem)", found: text, expected: expected)
    }

    static func isUpper(_ byte: UInt8) -> Bool { byte >= 65 && byte <= 90 }
    static func isLower(_ byte: UInt8) -> Bool { byte >= 97 && byte <= 122 }
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
    static func isSign(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") }

    /// `true` when a formula part starts at the current position.
    var atPartStart: Bool {
        guard let byte = current else { return false }
        return NotationScanner.isUpper(byte) || byte == UInt8(ascii: "^")
    }

    mutating func readDigits() -> Int? {
        var value = 0
        var digits = 0
        while let byte = current, NotationScanner.isDigit(byte), digits < 6 {
            value = value * 10 + Int(byte - 48)
            digits += 1
            index += 1
        }
        return digits == 0 ? nil : value
    }

    /// Reads parts while they continue; an empty result means no formula starts here.
    mutating func readFormula() throws(SIMSError) -> Formula {
        var parts: [Formula.Part] = []
        while atPartStart {
            var massNumber: Int?
            if current == UInt8(ascii: "^") {
                index += 1
                guard let number = readDigits(), number > 0 else {
                    throw error("`^` must be followed by a mass number", expected: "an isotope such as ^6Li")
                }
                massNumber = number
            }
            guard let first = current, NotationScanner.isUpper(first) else {
                throw error("expected an element symbol", expected: "an element symbol starting with a capital letter")
            }
            var symbolBytes = [first]
            index += 1
            if let next = current, NotationScanner.isLower(next) {
                symbolBytes.append(next)
                index += 1
            }
            let symbol = String(decoding: symbolBytes, as: UTF8.self)
            guard let element = Element(symbol: symbol) else {
                index -= symbolBytes.count
                throw error("unknown element `\(symbol)`", expected: "an element symbol (case matters: Co, not CO)")
            }
            if let massNumber, element.isotope(massNumber: massNumber) == nil {
                throw error("^\(massNumber)\(symbol) is not a naturally occurring isotope",
                            expected: "one of " + element.isotopes.map { "^\($0.massNumber)\(symbol)" }.joined(separator: ", "))
            }
            var count = 1
            if notation == .iontof {
                if current == UInt8(ascii: "_") {
                    index += 1
                    guard let number = readDigits(), number > 0 else {
                        throw error("`_` must be followed by a count", expected: "a count such as C_2")
                    }
                    count = number
                }
            } else if let number = readDigits() {
                guard number > 0 else { throw error("a count must be positive", expected: "a count ≥ 1") }
                count = number
            }
            parts.append(Formula.Part(symbol: symbol, massNumber: massNumber, count: count))
        }
        return Formula(parts: parts)
    }

    /// Reads a charge (`-`, `+`, `--`, `2+`); `nil` when none starts here.
    mutating func readCharge() throws(SIMSError) -> Int? {
        let start = index
        let magnitude = readDigits()
        guard let signByte = current, NotationScanner.isSign(signByte) else {
            index = start
            if magnitude != nil {
                throw error("a number here must be a charge followed by + or -", expected: "a charge such as 2+")
            }
            return nil
        }
        var repeats = 0
        while current == signByte {
            repeats += 1
            index += 1
        }
        if let next = current, NotationScanner.isSign(next) {
            throw error("mixed charge signs", expected: "+ or - repeated, not both")
        }
        if magnitude != nil && repeats > 1 {
            throw error("charge given twice", expected: "either 2+ or ++")
        }
        let size = magnitude ?? repeats
        guard size > 0 else { throw error("zero charge", expected: "a non-zero charge") }
        return signByte == UInt8(ascii: "+") ? size : -size
    }

    /// Reads one ion: a non-empty formula followed by a charge.
    mutating func readIon() throws(SIMSError) -> Ion {
        let formula = try readFormula()
        guard !formula.parts.isEmpty else {
            throw error("expected a formula", expected: "an element symbol or ^isotope")
        }
        guard let charge = try readCharge() else {
            throw error("missing charge", expected: "a charge sign (+ or -) at the end")
        }
        return Ion(formula: formula, charge: charge)
    }

    /// Skips `literal` when it comes next.
    mutating func skip(_ literal: String) -> Bool {
        let literalBytes = Array(literal.utf8)
        guard index + literalBytes.count <= bytes.count,
              Array(bytes[index ..< index + literalBytes.count]) == literalBytes else { return false }
        index += literalBytes.count
        return true
    }
}
