/// Ordered key–value metadata, as found in export headers (`# key: value`) or a `sims.toml`.
///
/// Order is kept so that metadata can be written back exactly as read; lookup is by exact key
/// or, with ``value(forKeyIgnoringCase:)``, case-insensitively.
public struct Metadata: Sendable, Equatable, Hashable, Codable, ExpressibleByDictionaryLiteral {
    /// One entry.
    public struct Entry: Sendable, Equatable, Hashable, Codable {
        /// The key as written in the source.
        public var key: String
        /// The value as written in the source (not parsed).
        public var value: String
        /// Creates an entry.
        public init(key: String, value: String) { self.key = key; self.value = value }
    }

    /// All entries in source order.
    public private(set) var entries: [Entry]

    /// Creates empty metadata.
    public init() { entries = [] }

    /// Creates metadata from entries in the given order.
    public init(_ entries: [Entry]) { self.entries = entries }

    /// Creates metadata from a literal; order is the literal's.
    public init(dictionaryLiteral elements: (String, String)...) {
        entries = elements.map { Entry(key: $0.0, value: $0.1) }
    }

    /// The value of the first entry with exactly this key; setting replaces it or appends a new entry.
    public subscript(key: String) -> String? {
        get { entries.first { $0.key == key }?.value }
        set {
            if let index = entries.firstIndex(where: { $0.key == key }) {
                if let newValue { entries[index].value = newValue } else { entries.remove(at: index) }
            } else if let newValue {
                entries.append(Entry(key: key, value: newValue))
            }
        }
    }

    /// The value of the first entry whose key equals `key` ignoring case and surrounding spaces.
    public func value(forKeyIgnoringCase key: String) -> String? {
        let wanted = key.lowercased()
        return entries.first { $0.key.trimmingSpaces().lowercased() == wanted }?.value
    }

    /// Appends an entry, keeping duplicates.
    public mutating func append(key: String, value: String) { entries.append(Entry(key: key, value: value)) }

    /// `true` when there is no entry.
    public var isEmpty: Bool { entries.isEmpty }
    /// Number of entries.
    public var count: Int { entries.count }
}

extension String {
    /// The string without leading and trailing spaces, tabs, CR and LF (no Foundation needed).
    public func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" || $0 == "\0" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
