import Foundation
import SIMSCore

/// Reads a mass interval list of either kind, told apart by the title line: an IONTOF export
/// (``IONTOFIntervalListFormat``, titles `Lower Mass (u)` / `Upper Mass (u)`) or a user-written list
/// (``PlainIntervalListFormat``).
public enum PeakListFile {
    /// Reads the list at `path`.
    public static func read(from path: String) throws(SIMSError) -> PeakList {
        try FileBytes(contentsOf: path).withText { text throws(SIMSError) in
            var lines = text.lines()
            while let line = lines.next() {
                let first = text.firstNonBlank(in: line)
                if first == line.upperBound || text.base[first] == UInt8(ascii: "#") { continue }
                let titles = text.fields(line, separator: 0x09).map { text.trimmedString($0) }
                if IONTOFIntervalListFormat.recognises(titles) { return try IONTOFIntervalListFormat.parse(text) }
                break
            }
            return try PlainIntervalListFormat.parse(text)
        }
    }
}
