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

/// One administrable list of the configuration (`/v1/admin/<path>`): how its items read and
/// write as JSON and where they live.
struct AdminList: Sendable {
    let path: String
    let allowed: Set<String>
    let list: @Sendable (TenantConfiguration.Lists) -> [JSONValue]
    let ids: @Sendable (TenantConfiguration.Lists) -> [String]
    /// Creates or updates an item from the body, in the lists given; returns its id.
    let apply: @Sendable (JSONFields, AdminItem, inout TenantConfiguration.Lists) throws(APIError) -> String
    let remove: @Sendable (String, inout TenantConfiguration.Lists) -> Void
}

extension AdminList {
    /// A list of items with a string id, encoded and decoded by the closures given.
    static func make<Item: Identifiable & Sendable>(
        _ path: String, _ keyPath: any WritableKeyPath<TenantConfiguration.Lists, [Item]> & Sendable,
        allowed: Set<String>, encode: @escaping @Sendable (Item) -> [String: JSONValue],
        decode: @escaping @Sendable (JSONFields, Item?, String) throws(APIError) -> Item
    ) -> AdminList where Item.ID: RawRepresentable<String> {
        AdminList(
            path: path, allowed: allowed.union(["id"]),
            list: { lists in lists[keyPath: keyPath].map { .object(encode($0)) } },
            ids: { lists in lists[keyPath: keyPath].map(\.id.rawValue) },
            apply: { (fields, item, lists) throws(APIError) -> String in
                switch item {
                case .existing(let existingID):
                    guard let index = lists[keyPath: keyPath].firstIndex(where: { $0.id.rawValue == existingID }) else {
                        throw APIError.notFound
                    }
                    if let id = try fields.string("id"), id != existingID {
                        throw APIError.invalidRequest("The id cannot change.", details: ["field": .string("id")])
                    }
                    lists[keyPath: keyPath][index] = try decode(fields, lists[keyPath: keyPath][index], existingID)
                    return existingID
                case .new(let generatedID):
                    let id = try fields.string("id") ?? generatedID
                    guard AdminList.isValidID(id) else {
                        throw APIError.invalidRequest("An id is 1 to 64 letters, digits, - or _.", details: ["field": .string("id")])
                    }
                    guard !lists[keyPath: keyPath].contains(where: { $0.id.rawValue == id }) else {
                        throw APIError(.conflict, "duplicate", "An item with id \(id) exists.", details: ["field": .string("id")])
                    }
                    lists[keyPath: keyPath].append(try decode(fields, nil, id))
                    return id
                }
            },
            remove: { id, lists in lists[keyPath: keyPath].removeAll { $0.id.rawValue == id } })
    }

    /// An id for an item created without one: the list's first letters and random ones.
    static func makeID(_ path: String, random: RandomSource) -> String {
        "\(path.prefix(3))-" + random.urlSafeText(count: 10).lowercased().filter { $0.isLetter || $0.isNumber }
    }

    static func isValidID(_ id: String) -> Bool {
        (1...64).contains(id.count) && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }
}

/// Reading typed fields for admin items, with the old value when a PATCH leaves a field out.
extension JSONFields {
    func text(_ name: String, _ old: String?, maxLength: Int = 200) throws(APIError) -> String {
        guard let value = try string(name) ?? old else { throw JSONFields.missing(name) }
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count <= maxLength else {
            throw APIError.invalidRequest("\"\(name)\" must be 1 to \(maxLength) characters.", details: ["field": .string(name)])
        }
        return trimmed
    }

    func flag(_ name: String, _ old: Bool?, default fallback: Bool) throws(APIError) -> Bool {
        try bool(name) ?? old ?? fallback
    }

    func dialNumber(_ name: String, _ old: DialNumber?) throws(APIError) -> DialNumber {
        guard let text = try string(name) else {
            guard let old else { throw JSONFields.missing(name) }
            return old
        }
        do { return try DialNumber(parsing: text) } catch {
            throw APIError(.badRequest, "invalid_dial_number", error.message, details: ["field": .string(name)])
        }
    }

    func ids<Tag>(_ name: String, _ old: [Identifier<Tag>]?) throws(APIError) -> [Identifier<Tag>] {
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

    func seconds(_ name: String, _ old: Int?, range: ClosedRange<Int>, optional: Bool) throws(APIError) -> Int? {
        guard has(name) else { return old }
        guard let value = try integer(name) else {
            if optional { return nil }
            throw JSONFields.missing(name)
        }
        guard range.contains(value) else {
            throw APIError.invalidRequest(
                "\"\(name)\" must be from \(range.lowerBound) to \(range.upperBound).", details: ["field": .string(name)])
        }
        return value
    }
}


extension AdminList {
    /// The lists of API.md's administration section.
    static let all: [AdminList] = [queues, entryPoints, teams, agents, wrapUpReasons, idleReasons, cadVariables, addressBook, directory]

    static let queues = make(
        "queues", \.queues, allowed: ["name", "ringTimeoutSeconds", "consultTarget", "transferTarget"],
        encode: { queue in
            ["id": .string(queue.id.rawValue), "name": .string(queue.name),
             "ringTimeoutSeconds": queue.ringTimeoutSeconds.map { .number(Double($0)) } ?? .null,
             "consultTarget": .bool(queue.isConsultTarget), "transferTarget": .bool(queue.isTransferTarget)]
        },
        decode: { (fields, old, id) throws(APIError) in
            Queue(
                id: QueueID(id), name: try fields.text("name", old?.name),
                ringTimeoutSeconds: try fields.seconds("ringTimeoutSeconds", old?.ringTimeoutSeconds, range: 2...600, optional: true),
                isConsultTarget: try fields.flag("consultTarget", old?.isConsultTarget, default: true),
                isTransferTarget: try fields.flag("transferTarget", old?.isTransferTarget, default: true))
        })

    static let entryPoints = make(
        "entry-points", \.entryPoints, allowed: ["name", "dialNumber", "queueId", "consultTarget", "transferTarget"],
        encode: { entryPoint in
            ["id": .string(entryPoint.id.rawValue), "name": .string(entryPoint.name),
             "dialNumber": .string(entryPoint.dialNumber.value), "queueId": .string(entryPoint.queueID.rawValue),
             "consultTarget": .bool(entryPoint.isConsultTarget), "transferTarget": .bool(entryPoint.isTransferTarget)]
        },
        decode: { (fields, old, id) throws(APIError) in
            EntryPoint(
                id: EntryPointID(id), name: try fields.text("name", old?.name),
                dialNumber: try fields.dialNumber("dialNumber", old?.dialNumber),
                queueID: QueueID(try fields.text("queueId", old?.queueID.rawValue)),
                isConsultTarget: try fields.flag("consultTarget", old?.isConsultTarget, default: true),
                isTransferTarget: try fields.flag("transferTarget", old?.isTransferTarget, default: true))
        })

    static let teams = make(
        "teams", \.teams, allowed: ["name", "queueIds"],
        encode: { team in
            ["id": .string(team.id.rawValue), "name": .string(team.name),
             "queueIds": .array(team.queueIDs.map { .string($0.rawValue) })]
        },
        decode: { (fields, old, id) throws(APIError) in
            Team(id: TeamID(id), name: try fields.text("name", old?.name), queueIDs: try fields.ids("queueIds", old?.queueIDs))
        })

    static let agents = make(
        "agents", \.agents, allowed: ["name", "teamIds", "username", "password"],
        encode: { agent in
            ["id": .string(agent.id.rawValue), "name": .string(agent.name),
             "teamIds": .array(agent.teamIDs.map { .string($0.rawValue) })]
        },
        decode: { (fields, old, id) throws(APIError) in
            AgentProfile(id: AgentID(id), name: try fields.text("name", old?.name), teamIDs: try fields.ids("teamIds", old?.teamIDs))
        })

    static let wrapUpReasons = reasons("wrapup-reasons", \.wrapUpReasons)
    static let idleReasons = reasons("idle-reasons", \.idleReasons)

    static func reasons(_ path: String, _ keyPath: any WritableKeyPath<TenantConfiguration.Lists, [Reason]> & Sendable) -> AdminList {
        make(
            path, keyPath, allowed: ["code", "name", "teamIds"],
            encode: { reason in
                ["id": .string(reason.id.rawValue), "code": .string(reason.code), "name": .string(reason.name),
                 "teamIds": .array(reason.teamIDs.map { .string($0.rawValue) })]
            },
            decode: { (fields, old, id) throws(APIError) in
                Reason(
                    id: ReasonID(id), code: try fields.text("code", old?.code, maxLength: 40), name: try fields.text("name", old?.name),
                    teamIDs: try fields.ids("teamIds", old?.teamIDs))
            })
    }

    static let cadVariables = make(
        "cad-variables", \.cadVariables,
        allowed: ["name", "label", "type", "editable", "secure", "showOnPopover", "order", "defaultValue"],
        encode: { variable in
            ["id": .string(variable.id.rawValue), "name": .string(variable.name), "label": .string(variable.label),
             "type": .string(variable.type.rawValue), "editable": .bool(variable.isEditable),
             "secure": .bool(variable.isSecure), "showOnPopover": .bool(variable.isShownOnPopover),
             "order": .number(Double(variable.order)), "defaultValue": variable.defaultValue.map(JSONValue.string) ?? .null]
        },
        decode: { (fields, old, id) throws(APIError) in
            let typeName = try fields.text("type", old?.type.rawValue ?? "string")
            guard let type = CADVariable.ValueType(rawValue: typeName) else {
                throw APIError.invalidRequest(
                    "\"type\" must be string, integer, boolean or datetime.", details: ["field": .string("type")])
            }
            let name = try fields.text("name", old?.name, maxLength: 64)
            guard name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
                throw APIError.invalidRequest("\"name\" is letters, digits and _ only.", details: ["field": .string("name")])
            }
            let defaultValue = fields.has("defaultValue") ? try fields.string("defaultValue") : old?.defaultValue
            if let defaultValue, defaultValue.count > 256 {
                throw APIError(.badRequest, "value_too_long", "A value holds at most 256 characters.", details: ["field": .string("defaultValue")])
            }
            return CADVariable(
                id: CADVariableID(id), name: name, label: try fields.text("label", old?.label), type: type,
                isEditable: try fields.flag("editable", old?.isEditable, default: false),
                isSecure: try fields.flag("secure", old?.isSecure, default: false),
                isShownOnPopover: try fields.flag("showOnPopover", old?.isShownOnPopover, default: false),
                order: try fields.integer("order") ?? old?.order ?? 100, defaultValue: defaultValue)
        })

    static let addressBook = make(
        "address-book", \.addressBook, allowed: ["name", "number"],
        encode: { entry in
            ["id": .string(entry.id.rawValue), "name": .string(entry.name), "number": .string(entry.number.value)]
        },
        decode: { (fields, old, id) throws(APIError) in
            AddressBookEntry(
                id: AddressBookEntryID(id), name: try fields.text("name", old?.name), number: try fields.dialNumber("number", old?.number))
        })

    static let directory = make(
        "directory", \.directory, allowed: ["firstName", "lastName", "role", "department", "businessNumber", "presence"],
        encode: { expert in
            ["id": .string(expert.id.rawValue), "firstName": .string(expert.firstName), "lastName": .string(expert.lastName),
             "role": .string(expert.role), "department": .string(expert.department),
             "businessNumber": expert.businessNumber.map { .string($0.value) } ?? .null,
             "presence": .string(expert.presence.rawValue)]
        },
        decode: { (fields, old, id) throws(APIError) in
            let presenceName = try fields.text("presence", old?.presence.rawValue ?? "available")
            guard let presence = Expert.Presence(rawValue: presenceName) else {
                throw APIError.invalidRequest("\"presence\" must be available, busy, away or offline.", details: ["field": .string("presence")])
            }
            var number = old?.businessNumber
            if fields.has("businessNumber") {
                number = try fields.string("businessNumber") == nil ? nil : try fields.dialNumber("businessNumber", nil)
            }
            return Expert(
                id: ExpertID(id), firstName: try fields.text("firstName", old?.firstName),
                lastName: try fields.text("lastName", old?.lastName), role: try fields.text("role", old?.role),
                department: try fields.text("department", old?.department), businessNumber: number, presence: presence)
        })
}
