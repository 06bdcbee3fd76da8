import Foundation
import Hummingbird
import NIOCore
import SIMSCore

/// Response builders shared by the routes.
enum ViewResponse {
    static func bytes(_ bytes: [UInt8], type: String, status: HTTPResponse.Status = .ok, filename: String? = nil) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        if let filename { headers[.contentDisposition] = "attachment; filename=\"\(filename.replacingOccurrences(of: "\"", with: "_"))\"" }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func json(_ text: JSONText) -> Response { bytes(text.bytes, type: "application/json; charset=utf-8") }

    static func text(_ text: String, type: String) -> Response { bytes(Array(text.utf8), type: type) }

    /// `{"error": message}` with `status`.
    static func error(_ status: HTTPResponse.Status, _ message: String) -> Response {
        var json = JSONText()
        json.raw("{"); json.key("error"); json.string(message); json.raw("}")
        return bytes(json.bytes, type: "application/json; charset=utf-8", status: status)
    }

    /// Maps a thrown error to 400 (bad request parameters), 404 (missing file) or 500.
    static func error(_ error: any Error) -> Response {
        if let error = error as? SIMSError {
            let status: HTTPResponse.Status = error.kind == .invalidArgument ? .badRequest : error.kind == .fileNotFound ? .notFound : .unprocessableContent
            return self.error(status, error.description)
        }
        return self.error(.internalServerError, "\(error)")
    }
}

/// Typed access to query parameters.
struct Query: Sendable {
    let request: Request

    func string(_ name: String) -> String? { request.uri.queryParameters[name[...]].map(String.init) }

    func double(_ name: String) throws(SIMSError) -> Double? {
        guard let text = string(name), !text.isEmpty else { return nil }
        guard let value = Double(text), value.isFinite else { throw .invalidArgument("query parameter \(name) is not a number", found: text, expected: "a finite number") }
        return value
    }

    func int(_ name: String) throws(SIMSError) -> Int? {
        guard let text = string(name), !text.isEmpty else { return nil }
        guard let value = Int(text) else { throw .invalidArgument("query parameter \(name) is not an integer", found: text, expected: "an integer") }
        return value
    }

    func requiredInt(_ name: String) throws(SIMSError) -> Int {
        guard let value = try int(name) else { throw .invalidArgument("missing query parameter \(name)", expected: "\(name)=<integer>") }
        return value
    }

    /// Comma-separated numbers.
    func doubles(_ name: String) throws(SIMSError) -> [Double] {
        guard let text = string(name), !text.isEmpty else { return [] }
        var values: [Double] = []
        for part in text.split(separator: ",") {
            guard let v = Double(part), v.isFinite else { throw .invalidArgument("query parameter \(name) holds a non-number", found: String(part), expected: "comma-separated numbers") }
            values.append(v)
        }
        return values
    }
}
