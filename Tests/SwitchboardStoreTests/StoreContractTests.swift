import Foundation
import GRDB
import SwitchboardCore
import SwitchboardEngine
@testable import SwitchboardStore
import Testing

/// The storage port's contract. Every backend runs it; today that is SQLite, in memory and on disk.
@Suite("Store contract")
struct StoreContractTests {
    static func stores() throws -> [(String, any SwitchboardStore)] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-\(UUID().uuidString).sqlite").path
        return [("sqlite in memory", try SQLiteStore.inMemory()), ("sqlite file", try SQLiteStore(path: path))]
    }

    static let configuration = TenantConfiguration(
        queues: [Queue(id: "q", name: "Queue")],
        entryPoints: [EntryPoint(id: "ep", name: "EP", dialNumber: DialNumber.valid("+4570000000")!, queueID: "q")],
        teams: [Team(id: "t", name: "Team", queueIDs: ["q"])],
        agents: [AgentProfile(id: "a", name: "Agent", teamIDs: ["t"])])

    @Test("Tenants and their configuration round-trip; a tenant name is unique")
    func tenants() throws {
        for (name, store) in try Self.stores() {
            try store.createTenant(TenantRecord(name: "acme", configuration: Self.configuration))
            #expect(try store.tenants() == [TenantRecord(name: "acme", configuration: Self.configuration)], "\(name)")
            #expect(throws: StoreError.self) { try store.createTenant(TenantRecord(name: "acme", configuration: Self.configuration)) }
        }
    }

    @Test("Users and tokens: found by key; a token is kept as its digest; expired and revoked tokens deleted")
    func usersAndTokens() throws {
        for (_, store) in try Self.stores() {
            try store.createTenant(TenantRecord(name: "acme", configuration: Self.configuration))
            let user = UserRecord(tenant: "acme", username: "anna", passwordHash: "$2b$hash", role: .agent, agentID: "a")
            try store.createUser(user)
            #expect(try store.user(tenant: "acme", username: "anna") == user)
            #expect(try store.user(tenant: "other", username: "anna") == nil)
            #expect(throws: StoreError.self) { try store.createUser(user) }
            let digest = TokenDigest(of: "tok")
            #expect(digest.hex == "1a7674eb4ee78df7e1ac439a93c3fa8e3c945784d4dec9fd8e3011738b2f1d62", "SHA-256, hex")
            let token = TokenRecord(digest: digest, tenant: "acme", username: "anna", role: .agent, agentID: "a", expiresAt: .seconds(100))
            try store.saveToken(token)
            #expect(try store.token(digest) == token)
            #expect(try store.token(TokenDigest(of: "tok2")) == nil)
            try store.deleteTokens(expiredBy: .seconds(99))
            #expect(try store.token(digest) == token, "not yet expired")
            try store.deleteTokens(expiredBy: .seconds(100))
            #expect(try store.token(digest) == nil)
            try store.saveToken(token)
            try store.deleteToken(digest)
            #expect(try store.token(digest) == nil, "revoked")
        }
    }

    @Test("L1 telephony legs: saved in order, replaced by id (keeping their place), deleted; they survive reopening")
    func telephonyLegs() throws {
        for (name, store) in try Self.stores() {
            try store.saveTelephonyLeg(TelephonyLegRecord(id: "call-1", payload: [1, 2]))
            try store.saveTelephonyLeg(TelephonyLegRecord(id: "call-2", payload: [3]))
            try store.saveTelephonyLeg(TelephonyLegRecord(id: "call-1", payload: [4, 5, 6]))
            #expect(
                try store.telephonyLegs()
                    == [TelephonyLegRecord(id: "call-1", payload: [4, 5, 6]), TelephonyLegRecord(id: "call-2", payload: [3])],
                "\(name)")
            try store.deleteTelephonyLeg(id: "call-1")
            try store.deleteTelephonyLeg(id: "unknown")
            #expect(try store.telephonyLegs() == [TelephonyLegRecord(id: "call-2", payload: [3])], "\(name)")
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-\(UUID().uuidString).sqlite").path
        try SQLiteStore(path: path).saveTelephonyLeg(TelephonyLegRecord(id: "kept", payload: Array("INVITE".utf8)))
        #expect(try SQLiteStore(path: path).telephonyLegs() == [TelephonyLegRecord(id: "kept", payload: Array("INVITE".utf8))])
    }

    @Test("K1 K7 the journal keeps inputs and events in order; a snapshot drops the inputs it covers")
    func journal() throws {
        for (_, store) in try Self.stores() {
            try store.createTenant(TenantRecord(name: "acme", configuration: Self.configuration))
            let login = Input.command(.stationLogin(teamID: "t", dialNumber: "1001", canAnswerRemotely: false), by: "a")
            for position in Int64(1)...5 {
                let events = [
                    StoredEvent(sequence: position * 2 - 1, at: .seconds(position), type: "AgentStateChange", taskID: nil, agentID: "a", interactionID: nil, message: "{\"seq\":\(position * 2 - 1)}"),
                    StoredEvent(sequence: position * 2, at: .seconds(position), type: "ContactQueued", taskID: nil, agentID: nil, interactionID: "ix-\(position % 2)", message: "{\"seq\":\(position * 2)}"),
                ]
                let entry = JournalEntry(position: position, at: .seconds(position), input: login, requestID: "r\(position)", events: [], lastSequence: position * 2)
                try store.append([StoredEntry(entry: entry, events: events)], of: "acme")
            }
            #expect(try store.events(of: "acme", after: 3, limit: 3).map(\.sequence) == [4, 5, 6])
            #expect(try store.events(of: "acme", interaction: "ix-1").map(\.sequence) == [2, 6, 10])
            let (none, inputs) = try store.restorePoint(of: "acme")
            #expect(none == nil && inputs.map(\.position) == [1, 2, 3, 4, 5])
            #expect(inputs.first?.input == login && inputs.first?.requestID == "r1" && inputs.last?.lastSequence == 10)

            let snapshot = EngineSnapshot(position: 3, sequence: 6, center: ContactCenter(configuration: Self.configuration), idempotency: [])
            try store.saveSnapshot(snapshot, of: "acme")
            let (restored, after) = try store.restorePoint(of: "acme")
            #expect(restored?.position == 3 && restored?.sequence == 6)
            #expect(after.map(\.position) == [4, 5])
            #expect(try store.events(of: "acme", after: 0, limit: 100).count == 10, "events stay for clients")
        }
    }

    @Test("Checkpoints run beside the writer: commits leave the database file alone until one runs, and nothing is lost")
    func checkpoints() throws {
        let (store, path) = try Self.acmeOnFile()
        try store.checkpoint()
        let before = try Self.fileSize(path)
        // 3,000 events of 2 kB (1.5 kB compressed): past the 1,000 pages (4 MB) at which SQLite
        // would checkpoint by itself.
        try Self.appendLogouts(1...3_000, to: store)
        #expect(try Self.fileSize(path) == before, "no automatic checkpoint inside a commit")
        let progress = try store.checkpoint()
        #expect(try Self.fileSize(path) > before + 3_000 * 1_000, "the checkpoint copied the WAL into the database file")
        #expect((progress?.logPages ?? 0) > 1_000 && progress?.uncopiedPages == 0)
        #expect(try store.events(of: "acme", after: 2_990, limit: 1_000).count == 10)
    }

    @Test("Once a checkpoint has copied all of the WAL, the next commit starts it over: it stops growing")
    func walStartsOver() throws {
        let (store, path) = try Self.acmeOnFile()
        try Self.appendLogouts(1...1_000, to: store)
        try store.checkpoint()
        let written = try Self.fileSize(path + "-wal")
        #expect(written > 1_000 * 1_000)
        for round in 1...3 {
            // Each round writes as much again; the log reuses its pages instead of growing.
            try Self.appendLogouts((round * 1_000 + 1)...(round * 1_000 + 1_000), to: store)
            try store.checkpoint()
        }
        #expect(try Self.fileSize(path + "-wal") <= written + 64 * 1_024, "the WAL started over each time")
        #expect(try store.events(of: "acme", after: 0, limit: 5_000).count == 4_000)
    }

    @Test("Event messages are stored compressed and read back exactly; rows stored as text before still read")
    func compressedMessages() throws {
        let (store, _) = try Self.acmeOnFile()
        let task = (1...20).map { #"{"name":"variable\#($0)","label":"Vær så god","value":null,"secure":false}"# }
        let message = #"{"seq":1,"type":"AgentContactHeld","data":{"cad":["# + task.joined(separator: ",") + "]}}"
        let entry = JournalEntry(
            position: 1, at: .seconds(1), input: .command(.logout, by: "a"), requestID: nil, events: [], lastSequence: 1)
        let event = StoredEvent(
            sequence: 1, at: .seconds(1), type: "AgentContactHeld", taskID: nil, agentID: "a", interactionID: "ix-1", message: message)
        try store.append([StoredEntry(entry: entry, events: [event])], of: "acme")
        try store.insertTextEventForTesting(
            StoredEvent(
                sequence: 2, at: .seconds(2), type: "AgentLogout", taskID: nil, agentID: "a", interactionID: "ix-1",
                message: #"{"seq":2}"#),
            of: "acme")

        #expect(try store.events(of: "acme", after: 0, limit: 10).map(\.message) == [message, #"{"seq":2}"#])
        #expect(try store.events(of: "acme", interaction: "ix-1").map(\.message) == [message, #"{"seq":2}"#])
        let stored = try store.storedMessageForTesting(sequence: 1, of: "acme")
        #expect(stored.isBlob && stored.bytes < message.utf8.count / 3, "stored compressed: \(stored.bytes) bytes")
    }

    @Test("A database from before digests keeps its signed-in users: each plain token is replaced by its digest")
    func plainTokensMigrate() throws {
        let queue = try DatabaseQueue()
        try SQLiteStore.migrator.migrate(queue, upTo: "v2-input-format")
        try queue.write { db in
            try db.execute(
                sql: "INSERT INTO token (token, tenant, username, role, agentID, expiresAt) VALUES ('plain', 'acme', 'anna', 'agent', 'a', 5000)")
        }
        let store = try SQLiteStore(writer: queue, checkpointer: nil)
        let record = try #require(try store.token(TokenDigest(of: "plain")))
        #expect(record.username == "anna" && record.role == .agent && record.agentID == "a" && record.expiresAt == .seconds(5))
        let columns = try queue.read { db in try db.columns(in: "token").map(\.name) }
        #expect(!columns.contains("token") && columns.contains("digest"), "no plain token is left: \(columns)")
        #expect(try queue.read { db in try db.tableExists("plainToken") } == false)
    }

    @Test("Journaled inputs carry their format: format 1 keeps a device signal's invalid dial number, format 2 refuses it, a newer one is refused")
    func inputFormats() throws {
        let written = JournalEntry(
            position: 1, at: .seconds(1), input: .telephony(.deviceHungUp(dialNumber: "1001")), requestID: nil, events: [],
            lastSequence: 0)
        let (store, _) = try Self.acmeOnFile()
        try store.append([StoredEntry(entry: written, events: [])], of: "acme")
        #expect(try store.restorePoint(of: "acme").1.map(\.input) == [written.input], "written in the current format")

        let invalid = #"{"telephony":{"_0":{"deviceHungUp":{"dialNumber":"10-x"}}}}"#
        let (formatOne, _) = try Self.acmeOnFile()
        try formatOne.insertInputForTesting(invalid, format: 1, position: 1, of: "acme")
        let replayed = try formatOne.restorePoint(of: "acme").1.first?.input
        guard case .telephony(.deviceHungUp(let number, nil)) = replayed else {
            Issue.record("format 1 input read as \(String(describing: replayed))")
            return
        }
        #expect(number.value == "10", "kept sanitized, as format 1 looked it up")

        let (formatTwo, _) = try Self.acmeOnFile()
        try formatTwo.insertInputForTesting(invalid, format: 2, position: 1, of: "acme")
        #expect(throws: DecodingError.self) { try formatTwo.restorePoint(of: "acme") }

        let (newer, _) = try Self.acmeOnFile()
        try newer.insertInputForTesting(#"{"timer":{"_0":{"privacyShield":{"_0":"ix"}}}}"#, format: 3, position: 1, of: "acme")
        #expect(throws: StoreError.self) { try newer.restorePoint(of: "acme") }
    }

    /// A store in a new database file, with tenant acme.
    static func acmeOnFile() throws -> (store: SQLiteStore, path: String) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-\(UUID().uuidString).sqlite").path
        let store = try SQLiteStore(path: path)
        try store.createTenant(TenantRecord(name: "acme", configuration: Self.configuration))
        return (store, path)
    }

    static func fileSize(_ path: String) throws -> Int {
        try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
    }

    /// One input with one 2 kB event per position (random text, so that compression leaves most
    /// of it), in groups of 100.
    static func appendLogouts(_ positions: ClosedRange<Int>, to store: SQLiteStore) throws {
        var generator = SystemRandomNumberGenerator()
        let message = Data((0..<1_500).map { _ in UInt8.random(in: 0...255, using: &generator) }).base64EncodedString()
        for group in stride(from: positions.lowerBound, through: positions.upperBound, by: 100) {
            let entries = (Int64(group)...Int64(min(group + 99, positions.upperBound))).map { position -> StoredEntry in
                let entry = JournalEntry(
                    position: position, at: .seconds(position), input: .command(.logout, by: "a"), requestID: nil, events: [],
                    lastSequence: position)
                let event = StoredEvent(
                    sequence: position, at: .seconds(position), type: "AgentLogout", taskID: nil, agentID: "a", interactionID: nil,
                    message: message)
                return StoredEntry(entry: entry, events: [event])
            }
            try store.append(entries, of: "acme")
        }
    }

    @Test("A group of inputs and their events is one transaction: a duplicate position stores none of the group")
    func atomicAppend() throws {
        for (_, store) in try Self.stores() {
            try store.createTenant(TenantRecord(name: "acme", configuration: Self.configuration))
            func entry(_ position: Int64) -> StoredEntry {
                StoredEntry(
                    entry: JournalEntry(position: position, at: .seconds(position), input: .command(.logout, by: "a"), requestID: nil, events: [], lastSequence: position),
                    events: [StoredEvent(sequence: position, at: .seconds(position), type: "AgentLogout", taskID: nil, agentID: "a", interactionID: nil, message: "{}")])
            }
            try store.append([entry(1), entry(2)], of: "acme")
            #expect(try store.events(of: "acme", after: 0, limit: 10).map(\.sequence) == [1, 2])
            // Position 2 is taken: the new 3 and 4 are rolled back with it.
            var duplicate = entry(2)
            duplicate.events[0].sequence = 5
            #expect(throws: (any Error).self) { try store.append([entry(3), duplicate, entry(4)], of: "acme") }
            #expect(try store.events(of: "acme", after: 0, limit: 10).map(\.sequence) == [1, 2])
            #expect(try store.restorePoint(of: "acme").1.map(\.position) == [1, 2])
        }
    }
}
