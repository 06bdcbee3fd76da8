import Foundation
import SIMSCore
import SIMSFormats

/// What `sims inspect` reports about one file: kind, size, dimensions, ranges and header metadata.
public struct FileSummary: Sendable, Codable, Equatable {
    /// One reported property, in display order.
    public struct Property: Sendable, Codable, Equatable {
        /// Property name (`points`, `mass range (u)` …).
        public var name: String
        /// Formatted value.
        public var value: String
        /// Creates a property.
        public init(_ name: String, _ value: String) { self.name = name; self.value = value }
    }

    /// The path as given.
    public var path: String
    /// The kind recognised from content.
    public var kind: FileKind
    /// File size in bytes.
    public var sizeBytes: Int
    /// Kind-specific properties (dimensions, ranges, counts), in display order.
    public var properties: [Property]
    /// Header metadata of the file (`# key: value` lines), in source order.
    public var header: [Metadata.Entry]

    /// Creates a summary.
    public init(path: String, kind: FileKind, sizeBytes: Int, properties: [Property] = [], header: [Metadata.Entry] = []) {
        self.path = path
        self.kind = kind
        self.sizeBytes = sizeBytes
        self.properties = properties
        self.header = header
    }

    /// The value of the property `name`.
    public func property(_ name: String) -> String? { properties.first { $0.name == name }?.value }
}
