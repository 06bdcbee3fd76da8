import SIMSCore
import TOMLKit

/// Parses TOML text (`sims.toml`, `--config`) with TOMLKit, after rejecting the inputs that break a precondition of
/// the toml++ 3.4.0 parser inside it (issue #25).
///
/// toml++ states its parser's preconditions as `TOML_ASSERT_ASSUME`: a violated one aborts the whole process
/// (`assert`) unless `NDEBUG` is defined, and SwiftPM compiles C++ targets without `NDEBUG` in release builds too
/// (`swift build -c release -v`: `-O2`, no `-DNDEBUG`), so the release `sims` aborted as well. With `NDEBUG` it
/// would be `__builtin_assume`, i.e. undefined behaviour (a standalone clang++ -O3 -DNDEBUG build happened to
/// return parse errors; nothing guarantees that).
/// Found by the mutation tests (`ReaderMutationTests`) and a differential fuzz of toml++ alone; fixed upstream
/// after 3.4.0 (marzer/tomlplusplus#301 for the header case). The classes, all invalid TOML:
///
/// - a table header whose key starts with neither a bare-key character (`A–Z a–z 0–9 _ -`) nor a quote:
///   `[<`, `[,a]`, `[[[1]]]`, `[[=`, `[` then a line break (toml++ `parse_key`);
/// - a `}` where an array expects a value: `a = [1, }]` (toml++ `parse_value`);
/// - the Unicode line breaks U+0085, U+2028, U+2029 outside strings and comments (toml++ `parse_value`);
/// - a NUL character, which would end the C string TOMLKit passes to toml++ and silently drop the rest.
///
/// The scan follows TOML's lexical structure (strings, multi-line strings, comments, bracket nesting); where it
/// and toml++ could disagree, toml++ has already met an error earlier in the text, so valid TOML is never refused.
enum TOMLText {
    /// The table parsed from `text`; `file` names the source in errors.
    /// - Throws: ``SIMSError`` `malformed` with the line, for invalid TOML.
    static func table(_ text: String, file: String?, expected: String = "TOML (key = value lines under [table] headers)") throws(SIMSError) -> TOMLTable {
        if let problem = unsafeConstruct(in: text) {
            throw SIMSError(.malformed, "invalid TOML: \(problem.what)", file: file, line: problem.line, found: problem.found, expected: expected)
        }
        do {
            return try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw SIMSError(.malformed, "invalid TOML: \(error.description)", file: file, line: error.source.begin.line, expected: expected)
        } catch {
            throw SIMSError(.malformed, "invalid TOML: \(error)", file: file, expected: expected)
        }
    }

    /// The first construct in `text` that toml++ 3.4.0 must not see (see the type's documentation), with its
    /// 1-based line and the line's text; `nil` when there is none.
    static func unsafeConstruct(in text: String) -> (what: String, line: Int, found: String)? {
        let bytes = Array(text.utf8)
        let n = bytes.count
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var line = 1
        var lineStart = i
        var atLineStart = true
        var brackets: [UInt8] = []  // open `[` and `{`, innermost last
        func problem(_ what: String) -> (what: String, line: Int, found: String) {
            var end = lineStart
            while end < n && bytes[end] != 0x0A && bytes[end] != 0x0D { end += 1 }
            return (what, line, String(decoding: bytes[lineStart..<end], as: UTF8.self))
        }
        func isBlank(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 }
        func isKeyStart(_ c: UInt8) -> Bool {
            (0x41...0x5A).contains(c) || (0x61...0x7A).contains(c) || (0x30...0x39).contains(c) || c == 0x5F || c == 0x2D
                || c == 0x22 || c == 0x27
        }
        func has(_ pattern: [UInt8], at k: Int) -> Bool {
            k + pattern.count <= n && bytes[k..<(k + pattern.count)].elementsEqual(pattern)
        }
        /// Moves past `end` (the closing delimiter) from `k`; counts the line breaks skipped.
        func skip(to end: [UInt8], from k: Int, escapes: Bool, multiLine: Bool) -> Int {
            var k = k
            while k < n {
                if has(end, at: k) { return k + end.count }
                if !multiLine && (bytes[k] == 0x0A || bytes[k] == 0x0D) { return k }
                if bytes[k] == 0x0A { line += 1; lineStart = k + 1 }
                k += escapes && bytes[k] == 0x5C ? 2 : 1
            }
            return n
        }
        if let nul = bytes.firstIndex(of: 0) {
            for k in 0..<nul where bytes[k] == 0x0A { line += 1; lineStart = k + 1 }
            return problem("a NUL character (TOML text holds none)")
        }
        while i < n {
            if atLineStart {
                while i < n && isBlank(bytes[i]) { i += 1 }
                atLineStart = false
                guard i < n else { break }
                if bytes[i] == UInt8(ascii: "[") {
                    // A table header: `[` or `[[`, blanks, then a key or `]`.
                    var k = i + 1
                    if k < n && bytes[k] == UInt8(ascii: "[") { k += 1 }
                    while k < n && isBlank(bytes[k]) { k += 1 }
                    if k < n && !isKeyStart(bytes[k]) && bytes[k] != UInt8(ascii: "]") {
                        return problem("a table header must start with a key (letters, digits, _ or -) or a quoted key")
                    }
                }
                continue
            }
            let c = bytes[i]
            if has([0x22, 0x22, 0x22], at: i) {
                i = skip(to: [0x22, 0x22, 0x22], from: i + 3, escapes: true, multiLine: true)
            } else if has([0x27, 0x27, 0x27], at: i) {
                i = skip(to: [0x27, 0x27, 0x27], from: i + 3, escapes: false, multiLine: true)
            } else if c == 0x22 {
                i = skip(to: [0x22], from: i + 1, escapes: true, multiLine: false)
            } else if c == 0x27 {
                i = skip(to: [0x27], from: i + 1, escapes: false, multiLine: false)
            } else if c == UInt8(ascii: "#") {
                while i < n && bytes[i] != 0x0A && bytes[i] != 0x0D { i += 1 }
            } else if has([0xC2, 0x85], at: i) || has([0xE2, 0x80, 0xA8], at: i) || has([0xE2, 0x80, 0xA9], at: i) {
                return problem("a Unicode line break (U+0085, U+2028 or U+2029) outside a string")
            } else {
                switch c {
                case UInt8(ascii: "["), UInt8(ascii: "{"): brackets.append(c)
                case UInt8(ascii: "}"):
                    if brackets.last == UInt8(ascii: "[") { return problem("'}' inside an array, where a value or ']' belongs") }
                    _ = brackets.popLast()
                case UInt8(ascii: "]"): _ = brackets.popLast()
                case 0x0A:
                    line += 1
                    lineStart = i + 1
                    if brackets.isEmpty { atLineStart = true }
                case 0x0D:
                    if brackets.isEmpty { atLineStart = true }
                default: break
                }
                i += 1
            }
        }
        return nil
    }
}
