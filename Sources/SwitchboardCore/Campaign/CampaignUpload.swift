/// J2: a contact list an administrator uploads (a table: a header and rows, as from a CSV file),
/// checked against the campaign before anything is kept. A `number` column is required; a `name`
/// column, the campaign's variables and CAD variables are kept (a CAD variable's column sets the
/// call's value, as routing would); other columns are ignored and said so. A row that cannot be
/// called (a number that is not one, a number already in the list, a value too long) is left
/// out and reported with its line; the others are kept.
public struct CampaignUpload: Hashable, Sendable {
    /// The contacts to append, in the file's order.
    public private(set) var accepted: [CampaignContactUpload] = []
    public private(set) var rejected: [Rejection] = []
    /// Header names the campaign does not use.
    public private(set) var ignoredColumns: [String] = []

    /// A row left out, by its line in the file (the header is line 1).
    public struct Rejection: Hashable, Sendable {
        public var line: Int
        public var reason: String
        public var message: String
    }

    /// The most rows one upload takes.
    public static let maximumRows = CampaignContactList.maximumContacts

    /// Checks `rows` (each with its line number) under `header` for `campaign`, whose list is
    /// `existing` now; throws when the table as a whole cannot be taken.
    public init(
        header: [String], rows: [(line: Int, cells: [String])], for campaign: Campaign, cadVariables: [CADVariable],
        existing: CampaignContactList?
    ) throws(CommandError) {
        let names = header.map { $0.trimmedOfSpaces }
        var seen: Set<String> = []
        for name in names where !name.isEmpty && !seen.insert(name.lowercased()).inserted {
            throw CommandError(.invalidRequest, reason: "duplicate_column", "The column \(name) appears twice.")
        }
        guard let numberColumn = names.firstIndex(where: { $0.lowercased() == "number" }) else {
            throw CommandError(
                .invalidRequest, reason: "missing_number_column",
                "The first line must name the columns, one of them \"number\" (the number to call).")
        }
        guard rows.count <= Self.maximumRows else {
            throw CommandError(
                .invalidRequest, reason: "too_many_contacts", "An upload takes at most \(Self.maximumRows) contacts.")
        }
        let nameColumn = names.firstIndex { $0.lowercased() == "name" }
        // A column is matched without case and kept under the variable's own name.
        var kept: [String: String] = [:]
        for name in campaign.variables.map(\.name) + cadVariables.map(\.name) where kept[name.lowercased()] == nil {
            kept[name.lowercased()] = name
        }
        var valueColumns: [(index: Int, name: String)] = []
        for (index, name) in names.enumerated() where index != numberColumn && index != nameColumn {
            if let variable = kept[name.lowercased()] {
                valueColumns.append((index, variable))
            } else if !name.isEmpty {
                ignoredColumns.append(name)
            }
        }
        let cad = Dictionary(cadVariables.map { ($0.name, $0) }) { first, _ in first }
        var open = existing?.openNumbers ?? []
        for (line, cells) in rows {
            if cells.allSatisfy({ $0.trimmedOfSpaces.isEmpty }) { continue }
            guard cells.count == names.count else {
                reject(line, "wrong_column_count", "The line has \(cells.count) cells; the header names \(names.count).")
                continue
            }
            let text = cells[numberColumn].trimmedOfSpaces
            guard let number = DialNumber.valid(text) else {
                reject(line, "invalid_dial_number", "\"\(text)\" is not a number that can be called.")
                continue
            }
            guard !open.contains(number.value) else {
                reject(line, "duplicate_number", "\(number) is already in the campaign's list.")
                continue
            }
            let name = nameColumn.map { cells[$0].trimmedOfSpaces }.flatMap { $0.isEmpty ? nil : $0 }
            if let name, name.unicodeScalars.count > Self.maximumNameLength {
                reject(line, "value_too_long", "The name may hold at most \(Self.maximumNameLength) characters.")
                continue
            }
            var values: [String: String] = [:]
            var problem: CommandError?
            for (index, column) in valueColumns {
                let value = cells[index]
                if value.isEmpty { continue }
                do throws(CommandError) {
                    if let variable = cad[column] {
                        try variable.validate(value)
                    } else if value.unicodeScalars.count > CallData.maximumLength {
                        throw CommandError(
                            .valueTooLong, "\(column) may hold at most \(CallData.maximumLength) characters.")
                    }
                } catch {
                    problem = error
                    break
                }
                values[column] = value
            }
            if let problem {
                reject(line, problem.reason ?? problem.code.rawValue, problem.message)
                continue
            }
            open.insert(number.value)
            accepted.append(CampaignContactUpload(number: number, name: name, values: values))
        }
    }

    /// The longest name a contact takes.
    public static let maximumNameLength = 100

    private mutating func reject(_ line: Int, _ reason: String, _ message: String) {
        rejected.append(Rejection(line: line, reason: reason, message: message))
    }
}

extension StringProtocol {
    /// The text without spaces and tabs at either end.
    var trimmedOfSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
