import Foundation

extension Drawing {
    /// The drawing as a standalone SVG 1.1 document (well-formed XML, UTF-8, no external references:
    /// pixel images are embedded as base64 PNG data URIs).
    public func svg() -> String { String(decoding: svgBytes(), as: UTF8.self) }

    /// The SVG document's UTF-8 bytes, written straight into one growing buffer (``SVGWriter``).
    func svgBytes() -> [UInt8] {
        var out = SVGWriter()
        out.bytes.reserveCapacity(256 + primitives.count * 96)
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" version=\"1.1\""
        out += " width=\""; out.number(width); out += "\" height=\""; out.number(height); out += "\""
        out += " viewBox=\"0 0 "; out.number(width); out += " "; out.number(height); out += "\""
        out += " font-family=\"DejaVu Sans, Verdana, sans-serif\">\n"
        if let background {
            out += "<rect x=\"0\" y=\"0\" width=\""; out.number(width); out += "\" height=\""; out.number(height); out += "\""
            out.fill(background); out += "/>\n"
        }
        for primitive in primitives { out.element(primitive); out += "\n" }
        out += "</svg>\n"
        return out.bytes
    }
}

/// SVG serialisation helpers.
enum SVGFormat {
    /// A coordinate with at most 2 decimals, no trailing zeros, never `-0` (``SVGWriter/number(_:)``).
    static func number(_ value: Double) -> String {
        var out = SVGWriter()
        out.number(value)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    /// XML text/attribute escaping.
    static func escape(_ text: String) -> String { TextMarkup.xmlEscape(text) }
}

/// Writes SVG markup as UTF-8 bytes into one buffer. Building the document from many small `String`s
/// (one per number and attribute) was 19 % of a `sims spectra --figures svg` run with 407 figures (`perf`,
/// docs/performance.md); appending bytes does the same work without an allocation per value.
struct SVGWriter {
    var bytes: [UInt8] = []

    static func += (out: inout SVGWriter, text: StaticString) {
        text.withUTF8Buffer { out.bytes.append(contentsOf: $0) }
    }

    mutating func append(_ text: String) { bytes.append(contentsOf: text.utf8) }

    /// A coordinate with at most 2 decimals, no trailing zeros, never `-0`, formatted by hand from the value in
    /// hundredths (`String(format:)` made SVG writing the largest cost of drawing figures).
    mutating func number(_ value: Double) {
        guard value.isFinite else { bytes.append(UInt8(ascii: "0")); return }
        let scaled = (value * 100).rounded()
        guard abs(scaled) < 9e17 else { bytes.append(UInt8(ascii: "0")); return }
        let hundredths = Int64(scaled)
        if hundredths == 0 { bytes.append(UInt8(ascii: "0")); return }
        let magnitude = hundredths.magnitude
        if hundredths < 0 { bytes.append(UInt8(ascii: "-")) }
        digits(magnitude / 100)
        let fraction = magnitude % 100
        if fraction != 0 {
            bytes.append(UInt8(ascii: "."))
            bytes.append(UInt8(ascii: "0") + UInt8(fraction / 10))
            if fraction % 10 != 0 { bytes.append(UInt8(ascii: "0") + UInt8(fraction % 10)) }
        }
    }

    /// The decimal digits of `value`.
    private mutating func digits(_ value: UInt64) {
        var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0)   // 24 bytes ≥ 20 digits
        var v = value, count = 0
        withUnsafeMutableBytes(of: &scratch) { buffer in
            repeat {
                buffer[count] = UInt8(ascii: "0") + UInt8(v % 10)
                v /= 10; count += 1
            } while v > 0
            for k in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[k]) }
        }
    }

    /// XML text/attribute escaping (``TextMarkup/xmlEscape(_:)``), without a copy when nothing needs escaping.
    mutating func escaped(_ text: String) {
        let plain = text.utf8.allSatisfy { $0 >= 0x20 && $0 != UInt8(ascii: "&") && $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: ">")
            && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "'") }
        append(plain ? text : TextMarkup.xmlEscape(text))
    }

    /// `#rrggbb`.
    mutating func hex(_ color: RGBA) {
        let digits: StaticString = "0123456789abcdef"
        bytes.append(UInt8(ascii: "#"))
        digits.withUTF8Buffer { d in
            for byte in [color.red, color.green, color.blue] {
                bytes.append(d[Int(byte >> 4)]); bytes.append(d[Int(byte & 0x0F)])
            }
        }
    }

    /// The content of a `<text>` element: plain runs as text, sub- and superscripts as `<tspan>`s at 70 % size
    /// shifted with `dy` (understood by every browser, Inkscape and Illustrator, unlike `baseline-shift`).
    mutating func textContent(_ markup: String, size: Double) {
        guard TextMarkup.hasTags(markup) else { escaped(markup); return }
        var shift = 0.0
        for run in TextMarkup.runs(markup) {
            let target: Double = switch run.shift {
            case .none: 0
            case .sub: TextMarkup.subscriptDrop * size
            case .sup: -TextMarkup.superscriptRise * size
            }
            let plain = target == shift && run.shift == .none && !run.bold && !run.italic
            if !plain {
                self += "<tspan"
                if target != shift { self += " dy=\""; number(target - shift); self += "\"" }
                if run.shift != .none { self += " font-size=\""; number(TextMarkup.scriptScale * size); self += "\"" }
                if run.bold { self += " font-weight=\"bold\"" }
                if run.italic { self += " font-style=\"italic\"" }
                self += ">"
            }
            shift = target
            escaped(run.text)
            if !plain { self += "</tspan>" }
        }
    }

    mutating func fill(_ color: RGBA?) {
        guard let color else { self += " fill=\"none\""; return }
        self += " fill=\""; hex(color); self += "\""
        if color.alpha < 255 { self += " fill-opacity=\""; number(Double(color.alpha) / 255); self += "\"" }
    }

    mutating func stroke(_ stroke: Stroke?) {
        guard let stroke else { return }
        self += " stroke=\""; hex(stroke.color); self += "\" stroke-width=\""; number(stroke.width); self += "\""
        if stroke.color.alpha < 255 { self += " stroke-opacity=\""; number(Double(stroke.color.alpha) / 255); self += "\"" }
        if !stroke.dash.isEmpty {
            self += " stroke-dasharray=\""
            for (k, d) in stroke.dash.enumerated() {
                if k > 0 { self += " " }
                number(d)
            }
            self += "\""
        }
    }

    mutating func points(_ points: [Point]) {
        for (k, p) in points.enumerated() {
            if k > 0 { self += " " }
            number(p.x); self += ","; number(p.y)
        }
    }

    mutating func element(_ primitive: Primitive) {
        switch primitive {
        case let .polyline(pts, s):
            self += "<polyline points=\""; points(pts); self += "\" fill=\"none\""; stroke(s)
            self += " stroke-linejoin=\"round\" stroke-linecap=\"butt\"/>"
        case let .polygon(pts, f, s):
            self += "<polygon points=\""; points(pts); self += "\""; fill(f); stroke(s); self += "/>"
        case let .rect(r, f, s):
            self += "<rect x=\""; number(r.x); self += "\" y=\""; number(r.y)
            self += "\" width=\""; number(r.width); self += "\" height=\""; number(r.height); self += "\""
            fill(f); stroke(s); self += "/>"
        case let .circle(c, radius, f, s):
            self += "<circle cx=\""; number(c.x); self += "\" cy=\""; number(c.y); self += "\" r=\""; number(radius); self += "\""
            fill(f); stroke(s); self += "/>"
        case let .text(string, p, style):
            self += "<text"
            if style.rotation != 0 {
                // Baseline shift applied in the rotated frame, so it is part of the transform.
                self += " x=\"0\" y=\""; number(style.baselineOffset); self += "\""
                self += " transform=\"translate("; number(p.x); self += ","; number(p.y); self += ") rotate("
                number(-style.rotation); self += ")\""
            } else {
                self += " x=\""; number(p.x); self += "\" y=\""; number(p.y + style.baselineOffset); self += "\""
            }
            self += " font-size=\""; number(style.size); self += "\" text-anchor=\""
            switch style.anchor {
            case .start: self += "start"
            case .middle: self += "middle"
            case .end: self += "end"
            }
            self += "\""; fill(style.color)
            if style.bold { self += " font-weight=\"bold\"" }
            self += ">"; textContent(string, size: style.size); self += "</text>"
        case let .image(image, r):
            self += "<image x=\""; number(r.x); self += "\" y=\""; number(r.y)
            self += "\" width=\""; number(r.width); self += "\" height=\""; number(r.height); self += "\""
            self += " preserveAspectRatio=\"none\" style=\"image-rendering:crisp-edges;image-rendering:pixelated\""
            self += " xlink:href=\"data:image/png;base64,"; append(PNGWriter.encode(image).base64EncodedString()); self += "\"/>"
        }
    }
}
