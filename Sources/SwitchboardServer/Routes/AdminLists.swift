import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Prometheus
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore
import SwitchboardTelephony

/// The item a write to an admin list is for.
enum AdminItem: Sendable {
    case existing(String)
    /// A new one, with the id it gets unless the body names one.
    case new(generatedID: String)
}

/// One administrable list of the configuration (`/v1/admin/<path>`): its items as the API
/// shows them (JSON with sorted keys, whose digest is the list's `ETag`), how a body changes them
/// and where they live.
struct AdminList: Sendable {
    let path: String
    /// The fields a body may have.
    let allowed: Set<String>
    /// The fields an item shows.
    let shown: Set<String>
    /// `{"items":[...]}`.
    let list: @Sendable (TenantConfiguration.Lists) throws -> Data
    /// One item, if the list has it.
    let item: @Sendable (String, TenantConfiguration.Lists) throws -> Data?
    /// Creates or updates an item from the body, in the lists given; returns its id.
    let apply: @Sendable (JSONFields, AdminItem, inout TenantConfiguration.Lists) throws(APIError) -> String
    let remove: @Sendable (String, inout TenantConfiguration.Lists) -> Void
}

extension AdminList {
    /// A list of items with a string id, shown and changed as `Shape` says.
    static func make<Shape: AdminShape>(
        _ path: String, _ keyPath: any WritableKeyPath<TenantConfiguration.Lists, [Shape.Item]> & Sendable, _: Shape.Type
    ) -> AdminList {
        AdminList(
            path: path, allowed: Set(Shape.Field.allCases.map(\.stringValue)).subtracting(Shape.readOnlyFields),
            shown: Set(Shape.Field.allCases.map(\.stringValue)).subtracting(Shape.writeOnlyFields),
            list: { lists in try encode(ItemsResource(items: lists[keyPath: keyPath].map(Shape.init))) },
            item: { id, lists in try lists[keyPath: keyPath].first { $0.id.rawValue == id }.map { try encode(Shape($0)) } },
            apply: { (fields, item, lists) throws(APIError) -> String in
                switch item {
                case .existing(let existingID):
                    guard let index = lists[keyPath: keyPath].firstIndex(where: { $0.id.rawValue == existingID }) else {
                        throw APIError.notFound
                    }
                    if let id = try fields.string("id"), id != existingID {
                        throw APIError.invalidRequest("The id cannot change.", details: ["field": .string("id")])
                    }
                    lists[keyPath: keyPath][index] = try Shape.item(from: fields, old: lists[keyPath: keyPath][index], id: existingID)
                    return existingID
                case .new(let generatedID):
                    let id = try fields.string("id") ?? generatedID
                    guard AdminList.isValidID(id) else {
                        throw APIError.invalidRequest("An id is 1 to 64 letters, digits, - or _.", details: ["field": .string("id")])
                    }
                    guard !lists[keyPath: keyPath].contains(where: { $0.id.rawValue == id }) else {
                        throw APIError(.conflict, "duplicate", "An item with id \(id) exists.", details: ["field": .string("id")])
                    }
                    lists[keyPath: keyPath].append(try Shape.item(from: fields, old: nil, id: id))
                    return id
                }
            },
            remove: { id, lists in lists[keyPath: keyPath].removeAll { $0.id.rawValue == id } })
    }

    /// An admin resource as its body: sorted keys, so that equal resources are equal bytes.
    static func encode(_ resource: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(resource)
    }

    /// An id for an item created without one: the list's first letters and random ones.
    static func makeID(_ path: String, random: RandomSource) -> String {
        "\(path.prefix(3))-" + random.urlSafeText(count: 10).lowercased().filter { $0.isLetter || $0.isNumber }
    }

    static func isValidID(_ id: String) -> Bool {
        (1...64).contains(id.count) && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }
}

/// Reading typed fields for admin items by their coding keys, with the old value when a PATCH
/// leaves a field out.
extension JSONFields {
    func has(_ field: some CodingKey) -> Bool { has(field.stringValue) }

    func string(_ field: some CodingKey) throws(APIError) -> String? { try string(field.stringValue) }

    func integer(_ field: some CodingKey) throws(APIError) -> Int? { try integer(field.stringValue) }

    /// A 400 about one field.
    func invalid(_ field: some CodingKey, _ message: String) -> APIError {
        APIError.invalidRequest(message, details: ["field": .string(field.stringValue)])
    }

    func text(_ field: some CodingKey, _ old: String?, maxLength: Int = 200) throws(APIError) -> String {
        let name = field.stringValue
        guard let value = try string(name) ?? old else { throw JSONFields.missing(name) }
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count <= maxLength else {
            throw invalid(field, "\"\(name)\" must be 1 to \(maxLength) characters.")
        }
        return trimmed
    }

    func flag(_ field: some CodingKey, _ old: Bool?, default fallback: Bool) throws(APIError) -> Bool {
        try bool(field.stringValue) ?? old ?? fallback
    }

    func dialNumber(_ field: some CodingKey, _ old: DialNumber?) throws(APIError) -> DialNumber {
        let name = field.stringValue
        guard let text = try string(name) else {
            guard let old else { throw JSONFields.missing(name) }
            return old
        }
        do { return try DialNumber(parsing: text) } catch {
            throw APIError(.badRequest, "invalid_dial_number", error.message, details: ["field": .string(name)])
        }
    }

    /// A number that may be cleared: absent keeps `old`, null clears it.
    func optionalDialNumber(_ field: some CodingKey, _ old: DialNumber?) throws(APIError) -> DialNumber? {
        guard has(field) else { return old }
        return try string(field.stringValue) == nil ? nil : try dialNumber(field, nil)
    }

    func ids<Tag>(_ field: some CodingKey, _ old: [Identifier<Tag>]?) throws(APIError) -> [Identifier<Tag>] {
        let name = field.stringValue
        guard let values = try array(name) else {
            return old ?? []
        }
        var result: [Identifier<Tag>] = []
        for value in values {
            guard case .string(let id) = value else { throw JSONFields.wrongType(name, expected: "array of strings", got: value) }
            result.append(Identifier(id))
        }
        return result
    }

    func seconds(_ field: some CodingKey, _ old: Int?, range: ClosedRange<Int>, optional: Bool) throws(APIError) -> Int? {
        let name = field.stringValue
        guard has(name) else { return old }
        guard let value = try integer(name) else {
            if optional { return nil }
            throw JSONFields.missing(name)
        }
        guard range.contains(value) else {
            throw invalid(field, "\"\(name)\" must be from \(range.lowerBound) to \(range.upperBound).")
        }
        return value
    }
}

extension AdminList {
    /// The lists of API.md's administration section.
    static let all: [AdminList] = [
        make("queues", \.queues, QueueShape.self),
        make("entry-points", \.entryPoints, EntryPointShape.self),
        make("teams", \.teams, TeamShape.self),
        make("agents", \.agents, AgentShape.self),
        make("wrapup-reasons", \.wrapUpReasons, ReasonShape.self),
        make("idle-reasons", \.idleReasons, ReasonShape.self),
        make("cad-variables", \.cadVariables, CADVariableShape.self),
        make("address-book", \.addressBook, AddressBookEntryShape.self),
        make("directory", \.directory, ExpertShape.self),
        make("campaigns", \.campaigns, CampaignShape.self),
        make("trunks", \.trunks, TrunkShape.self),
    ]
}
