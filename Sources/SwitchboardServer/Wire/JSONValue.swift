import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Prometheus
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore
import SwitchboardTelephony

/// Any JSON value: request bodies are read as this first, so that malformed JSON, unknown fields
/// and wrong types each get their own clear error.
enum JSONValue: Sendable, Equatable, Codable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}

/// The fields of a JSON object body, read with their types checked and unknown ones refused.
struct JSONFields: Sendable {
    private let fields: [String: JSONValue]

    /// The body's object, refusing fields not in `allowed`.
    init(_ value: JSONValue, allowed: Set<String>) throws(APIError) {
        guard case .object(let fields) = value else {
            throw APIError.invalidRequest("The body must be a JSON object.")
        }
        let unknown = Set(fields.keys).subtracting(allowed)
        if let field = unknown.sorted().first {
            throw APIError.invalidRequest("Unknown field \"\(field)\".", details: ["field": .string(field)])
        }
        self.fields = fields
    }

    func has(_ name: String) -> Bool { fields[name] != nil }

    func string(_ name: String) throws(APIError) -> String? {
        switch fields[name] {
        case nil, .null?: return nil
        case .string(let value)?: return value
        case let other?: throw Self.wrongType(name, expected: "string", got: other)
        }
    }

    func requiredString(_ name: String) throws(APIError) -> String {
        guard let value = try string(name) else { throw Self.missing(name) }
        return value
    }

    func bool(_ name: String) throws(APIError) -> Bool? {
        switch fields[name] {
        case nil, .null?: return nil
        case .bool(let value)?: return value
        case let other?: throw Self.wrongType(name, expected: "boolean", got: other)
        }
    }

    func integer(_ name: String) throws(APIError) -> Int? {
        switch fields[name] {
        case nil, .null?: return nil
        case .number(let value)? where value.rounded() == value && abs(value) < 1e15: return Int(value)
        case let other?: throw Self.wrongType(name, expected: "integer", got: other)
        }
    }

    func object(_ name: String) throws(APIError) -> JSONValue? {
        switch fields[name] {
        case nil, .null?: return nil
        case .object(let value)?: return .object(value)
        case let other?: throw Self.wrongType(name, expected: "object", got: other)
        }
    }

    func array(_ name: String) throws(APIError) -> [JSONValue]? {
        switch fields[name] {
        case nil, .null?: return nil
        case .array(let value)?: return value
        case let other?: throw Self.wrongType(name, expected: "array", got: other)
        }
    }

    static func missing(_ name: String) -> APIError {
        .invalidRequest("\"\(name)\" is required.", details: ["field": .string(name)])
    }

    static func wrongType(_ name: String, expected: String, got: JSONValue) -> APIError {
        .invalidRequest(
            "\"\(name)\" must be a \(expected), not a \(got.typeName).",
            details: ["field": .string(name), "expected": .string(expected)])
    }
}
