/// A CSV file (RFC 4180) as a header and rows, for the contact lists of campaigns (J2). Files
/// saved by spreadsheets are read as they come: a UTF-8 byte-order mark is dropped, lines end in
/// CRLF or LF, and the separator is the one the header uses (`,`, `;` as Danish spreadsheets
/// write it, or a tab). Each row keeps the line it starts on, so a problem can name it.
struct CSVTable: Sendable {
    let header: [String]
    let rows: [(line: Int, cells: [String])]

    /// Why a file is not a table.
    struct Malformed: Error {
        let message: String
    }

    init(_ bytes: some Collection<UInt8>) throws(Malformed) {
        guard var text = String(validating: bytes, as: UTF8.self) else {
            throw Malformed(message: "The file is not UTF-8 text; save it as CSV UTF-8.")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let separator = Self.separator(of: text)
        var records = try Self.records(of: text, separator: separator)
        while let last = records.last, last.cells == [""] { records.removeLast() }
        // Blank lines before the header are not the header.
        while let first = records.first, first.cells == [""] { records.removeFirst() }
        guard let first = records.first, first.cells.contains(where: { !$0.isEmpty }) else {
            throw Malformed(message: "The file is empty; its first line names the columns.")
        }
        header = first.cells
        rows = records.dropFirst().map { ($0.line, $0.cells) }
    }

    /// The separator the first line uses most, outside quotes (a comma when it uses none).
    private static func separator(of text: String) -> Character {
        var counts: [Character: Int] = [",": 0, ";": 0, "\t": 0]
        var quoted = false
        for character in text {
            if character == "\"" { quoted.toggle() }
            if !quoted, character == "\n" || character == "\r\n" || character == "\r" { break }
            if !quoted, counts[character] != nil { counts[character]! += 1 }
        }
        // Ties go to the comma, then the semicolon.
        let order: [Character] = [",", ";", "\t"]
        return order.reduce(",") { best, candidate in counts[candidate]! > counts[best]! ? candidate : best }
    }

    private static func records(of text: String, separator: Character) throws(Malformed) -> [(line: Int, cells: [String])] {
        var records: [(line: Int, cells: [String])] = []
        var cells: [String] = []
        var cell = ""
        var line = 1
        var recordLine = 1
        var quoted = false
        var afterQuote = false
        var iterator = text.makeIterator()
        var pending: Character? = iterator.next()
        while let character = pending {
            pending = iterator.next()
            if quoted {
                if character == "\"" {
                    if pending == "\"" {
                        cell.append("\"")
                        pending = iterator.next()
                    } else {
                        quoted = false
                        afterQuote = true
                    }
                } else {
                    if character == "\n" || character == "\r\n" || character == "\r" { line += 1 }
                    cell.append(character)
                }
                continue
            }
            switch character {
            case "\"" where cell.isEmpty && !afterQuote:
                quoted = true
            case separator:
                cells.append(cell)
                cell = ""
                afterQuote = false
            case "\n", "\r\n", "\r":
                cells.append(cell)
                records.append((recordLine, cells))
                cells = []
                cell = ""
                afterQuote = false
                line += 1
                recordLine = line
            default:
                guard !afterQuote else {
                    throw Malformed(message: "Line \(line): text after a closing quote; a quote inside a cell is written twice (\"\").")
                }
                cell.append(character)
            }
        }
        if quoted { throw Malformed(message: "Line \(recordLine): a quoted cell is not closed.") }
        if !cell.isEmpty || !cells.isEmpty || afterQuote {
            cells.append(cell)
            records.append((recordLine, cells))
        }
        return records
    }
}
