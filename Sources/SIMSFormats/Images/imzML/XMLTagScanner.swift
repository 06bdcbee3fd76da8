import SIMSCore

/// A minimal streaming scanner over XML *tags* (not a validating parser): it yields each start, empty or end
/// tag with its name and attributes, skipping text, comments, processing instructions and CDATA.
///
/// imzML files can be hundreds of MB of repetitive `<cvParam>` tags; scanning bytes in fixed-size chunks
/// keeps memory bounded and is much faster than a general DOM or SAX parser. Attribute values are returned
/// with the five predefined XML entities and numeric character references decoded.
struct XMLTagScanner {
    /// One tag.
    struct Tag {
        /// Element name without namespace prefix handling (imzML uses none).
        var name: Substring
        /// `true` for `</name>`.
        var isEnd: Bool
        /// `true` for `<name ... />`.
        var isEmpty: Bool
        /// Raw attribute text between the name and the closing `>`.
        var attributeText: Substring

        /// The decoded value of attribute `key`, if present.
        func attribute(_ key: String) -> String? {
            var rest = attributeText[...]
            while let eq = rest.firstIndex(of: "=") {
                let name = rest[..<eq].trimmingCharacters()
                var afterEq = rest[rest.index(after: eq)...].drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
                guard let quote = afterEq.first, quote == "\"" || quote == "'" else { return nil }
                afterEq = afterEq.dropFirst()
                guard let close = afterEq.firstIndex(of: quote) else { return nil }
                if name == key { return XMLTagScanner.decodeEntities(afterEq[..<close]) }
                rest = afterEq[afterEq.index(after: close)...]
            }
            return nil
        }
    }

    /// Decodes `&amp; &lt; &gt; &quot; &apos;` and `&#NN;`/`&#xNN;`.
    static func decodeEntities(_ text: Substring) -> String {
        guard text.contains("&") else { return String(text) }
        var out = ""
        var rest = text
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[amp...]
            guard let semi = after.firstIndex(of: ";") else { out += after; return out }
            let entity = after[after.index(after: amp)..<semi]
            switch entity {
            case "amp": out += "&"
            case "lt": out += "<"
            case "gt": out += ">"
            case "quot": out += "\""
            case "apos": out += "'"
            default:
                if entity.hasPrefix("#x"), let v = UInt32(entity.dropFirst(2), radix: 16), let s = Unicode.Scalar(v) { out.unicodeScalars.append(s) }
                else if entity.hasPrefix("#"), let v = UInt32(entity.dropFirst()), let s = Unicode.Scalar(v) { out.unicodeScalars.append(s) }
                else { out += after[...semi] }
            }
            rest = after[after.index(after: semi)...]
        }
        out += rest
        return out
    }

    /// Scans the file at `path` in chunks, calling `handle` for every tag in document order.
    /// - Throws: ``SIMSError`` for I/O failures, an unterminated tag, or whatever `handle` throws.
    static func scan(file path: String, chunkSize: Int = 1 << 20, _ handle: (Tag) throws(SIMSError) -> Void) throws(SIMSError) {
        let reader = try BinaryFile(path: path)
        defer { reader.close() }
        var pending: [UInt8] = []
        var fileOffset = 0
        var consumedBase = 0  // file offset of pending[0]
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        while true {
            let read = try reader.read(into: &chunk, at: fileOffset)
            fileOffset += read
            pending.append(contentsOf: chunk[0..<read])
            let atEnd = read == 0
            var position = 0
            let bytes = pending
            let count = bytes.count
            scanLoop: while position < count {
                guard let open = bytes[position...].firstIndex(of: UInt8(ascii: "<")) else { position = count; break }
                // Comments, CDATA and processing instructions / declarations.
                if open + 1 < count, bytes[open + 1] == UInt8(ascii: "!") || bytes[open + 1] == UInt8(ascii: "?") {
                    let isComment = open + 3 < count && bytes[open + 2] == UInt8(ascii: "-") && bytes[open + 3] == UInt8(ascii: "-")
                    let isCDATA = open + 8 < count && bytes[(open + 2)..<(open + 9)].elementsEqual("[CDATA[".utf8)
                    let terminator: [UInt8] = isComment ? Array("-->".utf8) : isCDATA ? Array("]]>".utf8) : Array(">".utf8)
                    guard let end = find(terminator, in: bytes, from: open + 2) else { position = open; break scanLoop }
                    position = end + terminator.count
                    continue
                }
                // Find the closing '>' outside quotes.
                var k = open + 1
                var quote: UInt8 = 0
                while k < count {
                    let b = bytes[k]
                    if quote != 0 { if b == quote { quote = 0 } }
                    else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") { quote = b }
                    else if b == UInt8(ascii: ">") { break }
                    k += 1
                }
                guard k < count else { position = open; break scanLoop }
                let text = String(decoding: bytes[(open + 1)..<k], as: UTF8.self)
                var body = Substring(text)
                let isEnd = body.hasPrefix("/")
                if isEnd { body = body.dropFirst() }
                let isEmpty = body.hasSuffix("/")
                if isEmpty { body = body.dropLast() }
                let nameEnd = body.firstIndex { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" } ?? body.endIndex
                try handle(Tag(name: body[..<nameEnd], isEnd: isEnd, isEmpty: isEmpty, attributeText: body[nameEnd...]))
                position = k + 1
            }
            consumedBase += position
            pending = Array(bytes[position...])
            if atEnd {
                if pending.contains(UInt8(ascii: "<")) {
                    throw SIMSError(.truncated, "XML ends inside a tag or comment", file: path, byteOffset: consumedBase,
                                    found: String(decoding: pending.prefix(40), as: UTF8.self), expected: "a closing >")
                }
                return
            }
            if pending.count > 64 << 20 {
                throw SIMSError(.malformed, "XML tag longer than 64 MB", file: path, byteOffset: consumedBase)
            }
        }
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard needle.count > 0, start + needle.count <= bytes.count else { return nil }
        var i = start
        while i + needle.count <= bytes.count {
            if bytes[i] == needle[0] && bytes[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}

extension Substring {
    fileprivate func trimmingCharacters() -> Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return self[first...last]
    }
}
