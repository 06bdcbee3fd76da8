import Foundation

extension ReportDocument {
    /// The self-contained report page: XHTML-compatible (parses as XML), no network access — SVG figures are
    /// inlined, PNG figures embedded as data URIs, styles inline. `folder` is the output folder the figure
    /// paths are relative to; a missing figure file is shown as a warning in its place.
    public func html(folder: String) -> String {
        var h = HTMLBuilder()
        h.raw("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
        h.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
        h.element("title", title)
        h.raw("<style>" + ReportDocument.css + "</style>\n</head>\n<body>\n")
        // Navigation.
        var anchors: [(String, String)] = [("overview", "Overview"), ("warnings", "Warnings (\(provenance.warningCount ?? warnings.count))")]
        for (i, s) in sections.enumerated() { anchors.append(("section-\(i + 1)", s.title)) }
        anchors += [("table-iii", "Table III"), ("methods", "Methods"), ("provenance", "Provenance")]
        h.raw("<nav>\n<p class=\"brand\">SIMSKit report</p>\n<ul>\n")
        if let parent { h.raw("<li><a class=\"parent\" href=\"\(HTMLBuilder.escape(parent))\">↑ back to the overview</a></li>\n") }
        for (id, label) in anchors { h.raw("<li><a href=\"#\(id)\">\(HTMLBuilder.markup(label))</a></li>\n") }
        h.raw("</ul>\n</nav>\n<main>\n")

        // Overview.
        h.raw("<section id=\"overview\">\n")
        if let parent { h.raw("<p class=\"small\"><a href=\"\(HTMLBuilder.escape(parent))\">↑ back to the overview</a></p>\n") }
        h.element("h1", title)
        let outcomeClass = !provenance.failures.isEmpty ? "bad" : warnings.isEmpty ? "ok" : "warn"
        h.raw("<table class=\"kv\">\n")
        h.row(["Command", "sims " + provenance.commandLine], header: true)
        h.row(["SIMSKit version", provenance.version], header: true)
        h.raw("<tr><th>Outcome</th><td class=\"\(outcomeClass)\">\(HTMLBuilder.escape(provenance.outcome))")
        if !warnings.isEmpty {
            // The kinds, linked to their lines in the warnings section.
            h.raw("<ul class=\"kinds\">")
            for (k, w) in warnings.enumerated() {
                h.raw("<li><a href=\"#warning-\(k + 1)\">\(HTMLBuilder.escape(ReportDocument.kindLabel(w)))</a></li>")
            }
            h.raw("</ul>")
        }
        h.raw("</td></tr>\n")
        h.row(["Inputs", "\(provenance.inputs.count) file(s), \(provenance.inputs.reduce(0) { $0 + $1.bytes }) bytes"], header: true)
        h.row(["Outputs", "\(provenance.outputs.count) file(s)"], header: true)
        h.row(["Warnings", provenance.warningSummary], header: true)
        h.row(["Table III", tableIII.missingRequired.isEmpty ? "complete" : "\(tableIII.missingRequired.count) required field(s) missing"], header: true)
        h.raw("</table>\n")
        if !provenance.failures.isEmpty {
            h.element("h3", "Inputs that failed (skipped)")
            h.raw("<ul class=\"failures\">\n")
            for f in provenance.failures { h.raw("<li><code>\(HTMLBuilder.escape(f.input))</code>: \(HTMLBuilder.escape(f.message))</li>\n") }
            h.raw("</ul>\n")
        }
        h.raw("</section>\n")

        // Warnings.
        h.raw("<section id=\"warnings\">\n")
        h.element("h2", "Warnings")
        if warnings.isEmpty { h.element("p", "No warnings.") } else {
            h.raw("<ul class=\"warnings\">\n")
            for (k, w) in warnings.enumerated() { h.raw("<li id=\"warning-\(k + 1)\">" + HTMLBuilder.escape(w) + "</li>\n") }
            h.raw("</ul>\n")
        }
        h.raw("</section>\n")

        // Workflow sections.
        for (i, section) in sections.enumerated() {
            h.raw("<section id=\"section-\(i + 1)\">\n")
            h.element("h2", section.title)
            h.raw("<p class=\"workflow\">workflow: <code>\(HTMLBuilder.escape(section.workflow))</code></p>\n")
            for block in section.blocks { render(block, into: &h, folder: folder) }
            h.raw("</section>\n")
        }

        // Table III.
        h.raw("<section id=\"table-iii\">\n")
        h.element("h2", "Table III — parameters to report")
        h.element("p", "Following Lombardo et al., J. Vac. Sci. Technol. A 41, 053207 (2023), Table III. Source: where each value came from (export header, sims.toml, command line, derived by SIMSKit, recorded from the run).")
        for group in TableIIIField.Section.allCases {
            let rows = tableIII.entries.filter { $0.section == group && ($0.value != nil || $0.required || !$0.key.hasPrefix("derived.")) }
            guard !rows.isEmpty else { continue }
            h.element("h3", group.rawValue)
            h.raw("<table class=\"t3\">\n<tr><th>Parameter</th><th>Value</th><th>Source</th><th>sims.toml key</th></tr>\n")
            for e in rows {
                let cls = e.value == nil ? (e.required ? "missing" : "optional") : "given"
                let value = e.displayValue ?? (e.required ? "MISSING (required)" : "—")
                h.raw("<tr class=\"\(cls)\"><td>\(HTMLBuilder.escape(e.label))</td><td>\(HTMLBuilder.escape(value))</td>")
                h.raw("<td>\(HTMLBuilder.escape(e.source.rawValue))</td><td><code>\(HTMLBuilder.escape(e.key))</code></td></tr>\n")
            }
            h.raw("</table>\n")
        }
        h.raw("</section>\n")

        // Methods.
        h.raw("<section id=\"methods\">\n")
        h.element("h2", "Methods paragraph")
        for line in methodsMarkdown.split(separator: "\n", omittingEmptySubsequences: true) {
            let text = String(line)
            if text.hasPrefix("# ") { continue }
            if text.hasPrefix("## ") { h.element("h3", String(text.dropFirst(3))) }
            else if text.hasPrefix("- ") { h.element("p", "• " + String(text.dropFirst(2)), cls: "missing-item") }
            else { h.element("p", text) }
        }
        h.raw("</section>\n")

        // Provenance.
        h.raw("<section id=\"provenance\">\n")
        h.element("h2", "Provenance")
        if !provenance.settings.isEmpty {
            h.element("h3", "Settings")
            h.raw("<table>\n<tr><th>Setting</th><th>Value</th></tr>\n")
            for s in provenance.settings { h.row([s.name, s.value]) }
            h.raw("</table>\n")
        }
        h.element("h3", "Inputs")
        h.raw("<table class=\"inputs\">\n<tr><th>File</th><th>Bytes</th><th>SHA-256</th></tr>\n")
        for (k, input) in provenance.inputs.enumerated() {
            if k == ReportDocument.maximumTableRows {
                h.raw("<tr><td colspan=\"3\">… \(provenance.inputs.count - k) more in provenance.json</td></tr>\n")
                break
            }
            h.raw("<tr><td><code>\(HTMLBuilder.escape(input.path))</code></td><td>\(input.bytes)</td><td><code>\(input.sha256)</code></td></tr>\n")
        }
        h.raw("</table>\n")
        if !provenance.outputs.isEmpty {
            h.element("h3", "Outputs")
            h.raw("<ul class=\"outputs\">\n")
            for o in provenance.outputs { h.raw("<li><a href=\"\(HTMLBuilder.escape(o))\">\(HTMLBuilder.escape(o))</a></li>\n") }
            h.raw("</ul>\n")
        }
        h.raw("<p class=\"small\">Machine-readable: <a href=\"provenance.json\">provenance.json</a>, <a href=\"methods.md\">methods.md</a>, <a href=\"report.json\">report.json</a> (rebuild with <code>sims report DIR</code>).</p>\n")
        h.raw("</section>\n</main>\n</body>\n</html>\n")
        return h.text
    }

    /// A short name for a warning line: its text up to the first `;` or `:`, at most 70 characters.
    static func kindLabel(_ line: String) -> String {
        let head = line.prefix { $0 != ";" && $0 != ":" }
        return head.count > 70 ? String(head.prefix(69)) + "…" : String(head)
    }

    private func render(_ block: ReportBlock, into h: inout HTMLBuilder, folder: String) {
        switch block.kind {
        case .paragraph:
            h.element("p", block.text)
        case .warning:
            h.element("p", block.text, cls: "warning")
        case .file:
            guard let path = block.path else { return }
            h.raw("<p class=\"file\"><a href=\"\(HTMLBuilder.escape(path))\">\(HTMLBuilder.escape(block.text))</a></p>\n")
        case .figure:
            guard let named = block.path else { return }
            // The figure as named, else the same figure in another written format (--figures).
            let base = named.lastIndex(of: ".").map { String(named[..<$0]) } ?? named
            let path = ([named] + ["svg", "png", "pdf"].map { base + "." + $0 })
                .first { FileManager.default.fileExists(atPath: folder + "/" + $0) } ?? named
            h.raw("<figure>\n")
            let full = folder + "/" + path
            if path.lowercased().hasSuffix(".svg"), let data = FileManager.default.contents(atPath: full) {
                var svg = String(decoding: data, as: UTF8.self)
                if svg.hasPrefix("<?xml"), let end = svg.range(of: "?>") { svg = String(svg[end.upperBound...]) }
                h.raw("<div class=\"svg\">" + svg + "</div>\n")
            } else if path.lowercased().hasSuffix(".png"), let data = FileManager.default.contents(atPath: full) {
                h.raw("<img alt=\"\(HTMLBuilder.escape(TextMarkup.plain(block.text)))\" src=\"data:image/png;base64,\(data.base64EncodedString())\"/>\n")
            } else if path.lowercased().hasSuffix(".pdf"), FileManager.default.fileExists(atPath: full) {
                h.raw("<p class=\"file\"><a href=\"\(HTMLBuilder.escape(path))\">PDF figure</a></p>\n")
            } else {
                h.element("p", "Figure file missing or not SVG/PNG/PDF: \(named)", cls: "warning")
            }
            h.raw("<figcaption>\(HTMLBuilder.markup(block.text)) <a href=\"\(HTMLBuilder.escape(path))\">(\(HTMLBuilder.escape(path)))</a></figcaption>\n</figure>\n")
        case .figureGrid:
            let columns = block.header ?? []
            h.raw("<div class=\"table\">\n")
            if !block.text.isEmpty { h.element("p", block.text, cls: "caption") }
            h.raw("<table class=\"grid\">\n")
            h.row([""] + columns, headerRow: true)
            for row in block.rows ?? [] {
                h.raw("<tr><th>\(HTMLBuilder.markup(row.first ?? ""))</th>")
                for path in row.dropFirst() {
                    if !path.isEmpty, let data = FileManager.default.contents(atPath: folder + "/" + path) {
                        h.raw("<td><a href=\"\(HTMLBuilder.escape(path))\"><img alt=\"\(HTMLBuilder.escape(path))\" src=\"data:image/png;base64,\(data.base64EncodedString())\"/></a></td>")
                    } else {
                        h.raw("<td>\(path.isEmpty ? "—" : "missing: " + HTMLBuilder.escape(path))</td>")
                    }
                }
                h.raw("</tr>\n")
            }
            h.raw("</table>\n</div>\n")
        case .table:
            let header = block.header ?? []
            let rows = block.rows ?? []
            h.raw("<div class=\"table\">\n")
            if !block.text.isEmpty { h.element("p", block.text, cls: "caption") }
            // Long tables are collapsed behind a one-line summary (the caption stays visible above).
            let collapsed = rows.count > ReportDocument.collapsedTableRows
            if collapsed { h.raw("<details><summary>\(rows.count) rows — show the table</summary>\n") }
            h.raw("<table>\n")
            if !header.isEmpty { h.row(header, headerRow: true) }
            for row in rows.prefix(ReportDocument.maximumTableRows) { h.row(row) }
            h.raw("</table>\n")
            if rows.count > ReportDocument.maximumTableRows {
                h.element("p", "Showing \(ReportDocument.maximumTableRows) of \(rows.count) rows.", cls: "small")
            }
            if collapsed { h.raw("</details>\n") }
            if let csv = block.path {
                h.raw("<p class=\"small\">Full table: <a href=\"\(HTMLBuilder.escape(csv))\">\(HTMLBuilder.escape(csv))</a></p>\n")
            }
            h.raw("</div>\n")
        }
    }

    static let css = """
    body{margin:0;font-family:-apple-system,'Segoe UI',Roboto,'DejaVu Sans',Arial,sans-serif;color:#222;background:#fafafa;display:flex}
    nav{position:sticky;top:0;height:100vh;overflow-y:auto;width:220px;flex:none;background:#1f2a36;color:#eee;padding:12px 10px;box-sizing:border-box}
    nav .brand{font-weight:bold;margin:4px 6px 12px}
    nav ul{list-style:none;padding:0;margin:0}
    nav li a{display:block;color:#cfd8e3;text-decoration:none;padding:4px 6px;border-radius:4px;font-size:14px}
    nav li a:hover{background:#334456;color:#fff}
    main{flex:1;max-width:1100px;padding:16px 28px 60px}
    section{background:#fff;border:1px solid #e4e4e4;border-radius:6px;padding:8px 20px 16px;margin:0 0 18px}
    h1{font-size:24px}h2{font-size:20px;border-bottom:1px solid #eee;padding-bottom:4px}h3{font-size:16px}
    table{border-collapse:collapse;font-size:13px;margin:6px 0}
    td,th{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}
    th{background:#f2f4f7}
    table.kv th{width:160px}
    tr.missing td{background:#fdecea;color:#8a1f11;font-weight:bold}
    tr.optional td{color:#999}
    td.ok{color:#17692e;font-weight:bold}td.bad{color:#8a1f11;font-weight:bold}td.warn{color:#7a4a00;font-weight:bold}
    .warning,ul.warnings li{color:#7a4a00}
    p.warning{background:#fff4e0;border-left:4px solid #e69f00;padding:6px 10px}
    ul.warnings li{margin:4px 0}
    table.grid img{width:170px;height:auto;display:block}
    table.grid td{padding:2px}
    ul.kinds{margin:4px 0 0;padding-left:18px;font-weight:normal;color:#7a4a00}
    figure{margin:12px 0}figure img,figure svg{max-width:100%;height:auto}
    figcaption{font-size:13px;color:#555}
    .small,.workflow{font-size:12px;color:#666}
    code{font-size:12px;background:#f3f3f3;padding:0 3px;border-radius:3px}
    div.table{overflow-x:auto}
    p.missing-item{margin:2px 0 2px 12px;color:#8a1f11}
    table.inputs code{word-break:break-all}
    """
}

/// Builds XHTML-compatible text: every element closed, text and attributes escaped.
struct HTMLBuilder {
    var text = ""

    mutating func raw(_ s: String) { text += s }

    mutating func element(_ name: String, _ content: String, cls: String? = nil) {
        text += "<\(name)" + (cls.map { " class=\"\($0)\"" } ?? "") + ">" + (name == "title" ? HTMLBuilder.escape(TextMarkup.plain(content)) : HTMLBuilder.markup(content)) + "</\(name)>\n"
    }

    mutating func row(_ cells: [String], header: Bool = false, headerRow: Bool = false) {
        text += "<tr>"
        for (i, c) in cells.enumerated() {
            let tag = headerRow || (header && i == 0) ? "th" : "td"
            text += "<\(tag)>" + HTMLBuilder.markup(c) + "</\(tag)>"
        }
        text += "</tr>\n"
    }

    static func escape(_ s: String) -> String { SVGFormat.escape(s) }
    /// ``TextMarkup`` as HTML: text escaped, `<sub>`/`<sup>`/`<b>`/`<i>` kept (typeset ion names).
    static func markup(_ s: String) -> String { TextMarkup.html(s) }
}
