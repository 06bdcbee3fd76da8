import SIMSCore

/// A minimal streaming scanner over XML *tags* (not a validating parser): it yields each start, empty or end
/// tag with its name and attributes, skipping text, comments, processing instructions and CDATA.
///
/// imzML files can be hundreds of MB of repetitive `<cvParam>` tags; scanning bytes in fixed-size chunks
/// keeps memory bounded, and working on bytes (no `String` per tag; a `String` only for an attribute value
/// that is asked for) is much faster than a general DOM or SAX parser. Attribute values are returned with the
/// five predefined XML entities and numeric character references decoded (XML 1.0, §4.1 and §4.6).
struct XMLTagScanner {
    /// One tag. Its bytes live in the scanner's chunk buffer: a `Tag` is valid only inside the `handle`
    /// closure of ``scan(file:chunkSize:_:)`` and must not be stored.
    struct Tag {
        /// The element name's bytes (no namespace handling; imzML uses none).
        let nameBytes: UnsafeBufferPointer<UInt8>
        /// `true` for `</name>`.
        let isEnd: Bool
        /// `true` for `<name ... />`.
        let isEmpty: Bool
        /// Raw attribute bytes between the name and the closing `>` (or `/>`).
        let attributeBytes: UnsafeBufferPointer<UInt8>

        /// The element name as text.
        var name: String { String(decoding: nameBytes, as: UTF8.self) }

        /// Whether the element is called `name` (byte comparison, no allocation).
        func isNamed(_ name: StaticString) -> Bool {
            name.withUTF8Buffer { XMLTagScanner.equal(nameBytes, $0) }
        }

        /// The decoded value of attribute `key`, if present; `nil` also for a malformed attribute list.
        func attribute(_ key: StaticString) -> String? {
            key.withUTF8Buffer { key in
                let bytes = attributeBytes
                var i = 0
                let n = bytes.count
                while i < n {
                    while i < n, XMLTagScanner.isSpace(bytes[i]) { i += 1 }
                    guard i < n else { return nil }
                    let nameStart = i
                    while i < n, bytes[i] != UInt8(ascii: "="), !XMLTagScanner.isSpace(bytes[i]) { i += 1 }
                    let nameEnd = i
                    while i < n, XMLTagScanner.isSpace(bytes[i]) { i += 1 }
                    guard i < n, bytes[i] == UInt8(ascii: "=") else { return nil }
                    i += 1
                    while i < n, XMLTagScanner.isSpace(bytes[i]) { i += 1 }
                    guard i < n, bytes[i] == UInt8(ascii: "\"") || bytes[i] == UInt8(ascii: "'") else { return nil }
                    let quote = bytes[i]
                    i += 1
                    let valueStart = i
                    while i < n, bytes[i] != quote { i += 1 }
                    guard i < n else { return nil }
                    let name = UnsafeBufferPointer(rebasing: bytes[nameStart..<nameEnd])
                    if XMLTagScanner.equal(name, key) {
                        return XMLTagScanner.decodeEntities(UnsafeBufferPointer(rebasing: bytes[valueStart..<i]))
                    }
                    i += 1
                }
                return nil
            }
        }
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        for k in 0..<a.count where a[k] != b[k] { return false }
        return true
    }

    /// Decodes `&amp; &lt; &gt; &quot; &apos;` and `&#NN;`/`&#xNN;`; other references are kept as written.
    static func decodeEntities(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard bytes.contains(UInt8(ascii: "&")) else { return String(decoding: bytes, as: UTF8.self) }
        let text = String(decoding: bytes, as: UTF8.self)
        var out = ""
        var rest = text[...]
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
        // buffer[0..<filled] holds unscanned bytes; the tail of an incomplete tag moves to the front.
        var buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(chunkSize, 16))
        defer { buffer.deallocate() }
        var filled = 0
        var fileOffset = 0
        var bufferBase = 0  // file offset of buffer[0]
        while true {
            if buffer.count - filled < chunkSize / 2 + 1 {
                guard buffer.count < 64 << 20 else {
                    throw SIMSError(.malformed, "XML tag longer than 64 MB", file: path, byteOffset: bufferBase)
                }
                let larger = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 2 * buffer.count)
                larger.baseAddress!.initialize(from: buffer.baseAddress!, count: filled)
                buffer.deallocate()
                buffer = larger
            }
            let read = try reader.read(into: UnsafeMutableRawBufferPointer(UnsafeMutableBufferPointer(rebasing: buffer[filled...])), at: fileOffset)
            fileOffset += read
            filled += read
            let atEnd = read == 0
            let consumed = try scanTags(in: UnsafeBufferPointer(rebasing: buffer[0..<filled]), atEnd: atEnd, handle)
            if consumed > 0 {
                buffer.baseAddress!.update(from: buffer.baseAddress! + consumed, count: filled - consumed)
                filled -= consumed
                bufferBase += consumed
            }
            if atEnd {
                let rest = UnsafeBufferPointer(rebasing: buffer[0..<filled])
                if rest.contains(UInt8(ascii: "<")) {
                    throw SIMSError(.truncated, "XML ends inside a tag or comment", file: path, byteOffset: bufferBase,
                                    found: String(decoding: rest.prefix(40), as: UTF8.self), expected: "a closing >")
                }
                return
            }
        }
    }

    /// An opening `<` with fewer than 9 bytes after it waits for more data (unless `atEnd`): `<!--` and
    /// `<![CDATA[` can only be told from a declaration once their whole prefix is in the buffer.
    private static func scanTags(in bytes: UnsafeBufferPointer<UInt8>, atEnd: Bool, _ handle: (Tag) throws(SIMSError) -> Void) throws(SIMSError) -> Int {
        let count = bytes.count
        var position = 0
        while position < count {
            guard let open = firstIndex(of: UInt8(ascii: "<"), in: bytes, from: position) else { return count }
            if !atEnd && open + 9 > count { return open }
            // Comments, CDATA and processing instructions / declarations.
            if open + 1 < count, bytes[open + 1] == UInt8(ascii: "!") || bytes[open + 1] == UInt8(ascii: "?") {
                let isComment = open + 3 < count && bytes[open + 2] == UInt8(ascii: "-") && bytes[open + 3] == UInt8(ascii: "-")
                let isCDATA = open + 8 < count && UnsafeBufferPointer(rebasing: bytes[(open + 2)..<(open + 9)]).elementsEqual("[CDATA[".utf8)
                let terminator: StaticString = isComment ? "-->" : isCDATA ? "]]>" : ">"
                guard let end = terminator.withUTF8Buffer({ find($0, in: bytes, from: open + 2) }) else { return open }
                position = end + terminator.utf8CodeUnitCount
                continue
            }
            // The closing '>' outside quotes.
            var k = open + 1
            var quote: UInt8 = 0
            while k < count {
                let b = bytes[k]
                if quote != 0 { if b == quote { quote = 0 } }
                else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") { quote = b }
                else if b == UInt8(ascii: ">") { break }
                k += 1
            }
            guard k < count else { return open }
            var start = open + 1
            var end = k
            let isEnd = start < end && bytes[start] == UInt8(ascii: "/")
            if isEnd { start += 1 }
            let isEmpty = start < end && bytes[end - 1] == UInt8(ascii: "/")
            if isEmpty { end -= 1 }
            var nameEnd = start
            while nameEnd < end, !isSpace(bytes[nameEnd]) { nameEnd += 1 }
            try handle(Tag(nameBytes: UnsafeBufferPointer(rebasing: bytes[start..<nameEnd]), isEnd: isEnd, isEmpty: isEmpty,
                           attributeBytes: UnsafeBufferPointer(rebasing: bytes[nameEnd..<end])))
            position = k + 1
        }
        return position
    }

    private static func firstIndex(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var i = start
        while i < bytes.count {
            if bytes[i] == byte { return i }
            i += 1
        }
        return nil
    }

    private static func find(_ needle: UnsafeBufferPointer<UInt8>, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard needle.count > 0, start + needle.count <= bytes.count else { return nil }
        var i = start
        while i + needle.count <= bytes.count {
            if bytes[i] == needle[0] && equal(UnsafeBufferPointer(rebasing: bytes[i..<(i + needle.count)]), needle) { return i }
            i += 1
        }
        return nil
    }
}
