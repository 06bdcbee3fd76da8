import Foundation

/// The target graph of a `Package.swift`, read as text (no SwiftPM call: `swift package dump-package` would wait
/// for the build lock that the running `swift test` holds).
///
/// Understands the declarations this package uses: `.target`, `.executableTarget`, `.systemLibrary` and
/// `.testTarget` with `name:` first and an optional `dependencies: [...]` list of target names and
/// `.product(...)` entries (external packages, ignored), and `.library(name:targets:)` products.
struct TargetGraph {
    /// Declaration kind per target name (`target`, `executableTarget`, `systemLibrary`, `testTarget`).
    var kinds: [String: String] = [:]
    /// Direct target dependencies per target (external package products left out).
    var dependencies: [String: Set<String>] = [:]
    /// Targets of each library product, in manifest order.
    var libraries: [String: [String]] = [:]

    struct ParseError: Error, CustomStringConvertible {
        var description: String
    }

    init(manifest: String) throws {
        // Whole-line comments only: URLs in strings contain "//".
        let text = manifest.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }
            .joined(separator: "\n")
        let declaration = try Regex(#"\.(target|executableTarget|systemLibrary|testTarget)\(\s*name:\s*"([^"]+)""#)
        let matches = text.matches(of: declaration)
        for (index, match) in matches.enumerated() {
            guard let kind = match.output[1].substring, let name = match.output[2].substring else { continue }
            let end = index + 1 < matches.count ? matches[index + 1].range.lowerBound : text.endIndex
            let body = text[match.range.upperBound..<end]
            guard kinds[String(name)] == nil else { throw ParseError(description: "target \(name) declared twice") }
            kinds[String(name)] = String(kind)
            dependencies[String(name)] = try Self.dependencyNames(in: body)
        }
        let library = try Regex(#"\.library\(\s*name:\s*"([^"]+)",\s*targets:\s*\[([^\]]*)\]"#)
        for match in text.matches(of: library) {
            guard let name = match.output[1].substring, let list = match.output[2].substring else { continue }
            libraries[String(name)] = try Self.quotedNames(in: list)
        }
        for (target, needs) in dependencies {
            for dependency in needs where kinds[dependency] == nil {
                throw ParseError(description: "\(target) depends on \(dependency), which Package.swift does not declare")
            }
        }
    }

    /// The quoted target names in the `dependencies: [...]` list of one declaration's text, products removed.
    private static func dependencyNames(in body: Substring) throws -> Set<String> {
        guard let start = body.range(of: "dependencies:") else { return [] }
        guard let open = body[start.upperBound...].firstIndex(of: "[") else {
            throw ParseError(description: "a dependencies: label without a list")
        }
        var depth = 0
        var index = open
        while index < body.endIndex {
            if body[index] == "[" { depth += 1 }
            if body[index] == "]" { depth -= 1; if depth == 0 { break } }
            index = body.index(after: index)
        }
        guard index < body.endIndex else { throw ParseError(description: "an unclosed dependencies list") }
        let list = String(body[body.index(after: open)..<index])
            .replacing(try Regex(#"\.product\([^)]*\)"#), with: "")
        return Set(try quotedNames(in: Substring(list)))
    }

    private static func quotedNames(in text: Substring) throws -> [String] {
        text.matches(of: try Regex(#""([^"]+)""#)).compactMap { $0.output[1].substring.map(String.init) }
    }

    /// Targets that are not test targets.
    var nonTestTargets: Set<String> { Set(kinds.filter { $0.value != "testTarget" }.keys) }

    /// Every target reachable from `target` through dependencies (not `target` itself unless on a cycle).
    func transitiveDependencies(of target: String) -> Set<String> {
        var seen: Set<String> = []
        var stack = Array(dependencies[target] ?? [])
        while let next = stack.popLast() {
            if seen.insert(next).inserted { stack.append(contentsOf: dependencies[next] ?? []) }
        }
        return seen
    }

    /// One dependency cycle (`[a, b, …, a]`), or `nil` when the graph is acyclic (depth-first search).
    func cycle() -> [String]? {
        var state: [String: Int] = [:]  // 1 on the path, 2 done
        var path: [String] = []
        func visit(_ node: String) -> [String]? {
            state[node] = 1
            path.append(node)
            for next in (dependencies[node] ?? []).sorted() {
                if state[next] == 1, let start = path.firstIndex(of: next) { return Array(path[start...]) + [next] }
                if state[next] == nil, let found = visit(next) { return found }
            }
            path.removeLast()
            state[node] = 2
            return nil
        }
        for node in kinds.keys.sorted() where state[node] == nil {
            if let found = visit(node) { return found }
        }
        return nil
    }

    /// Dependencies that do not point to a strictly lower layer, as `A (layer n) → B (layer m)`; a target without
    /// a layer is reported too.
    func layerViolations(_ layers: [String: Int]) -> [String] {
        var found: [String] = []
        for (target, needs) in dependencies.sorted(by: { $0.key < $1.key }) where kinds[target] != "testTarget" {
            guard let own = layers[target] else { found.append("\(target) has no layer"); continue }
            for dependency in needs.sorted() {
                guard let other = layers[dependency] else { found.append("\(dependency) has no layer"); continue }
                if other >= own { found.append("\(target) (layer \(own)) → \(dependency) (layer \(other))") }
            }
        }
        return found
    }
}

/// One row of the dependency-layer table in `docs/architecture.md`: `| layer | target | depends on |`.
struct LayerRow: Equatable {
    var layer: Int
    var target: String
    var dependencies: Set<String>

    /// The rows of the table headed `| layer | target | depends on |` in `markdown`; throws when it is missing or
    /// a row does not read.
    static func table(in markdown: String) throws -> [LayerRow] {
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let header = lines.firstIndex(where: { $0.hasPrefix("| layer | target | depends on |") }) else {
            throw TargetGraph.ParseError(description: "docs/architecture.md has no '| layer | target | depends on |' table")
        }
        var rows: [LayerRow] = []
        for line in lines[(header + 2)...] {
            guard line.hasPrefix("|") else { break }
            let cells = line.split(separator: "|", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == 5, let layer = Int(cells[1]), !cells[2].isEmpty else {
                throw TargetGraph.ParseError(description: "unreadable layer-table row: \(line)")
            }
            let needs = cells[3] == "—" ? [] : cells[3].components(separatedBy: ", ")
            rows.append(LayerRow(layer: layer, target: cells[2], dependencies: Set(needs)))
        }
        return rows
    }
}
