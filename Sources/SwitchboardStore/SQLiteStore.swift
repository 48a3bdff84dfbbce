import Foundation
import GRDB
public import SwitchboardCore
public import SwitchboardEngine

/// The store on SQLite (GRDB), in WAL mode: the embedded default.
///
/// Each write is one transaction. `synchronous = NORMAL` makes a committed transaction survive
/// the process being killed at any moment (the WAL is in the operating system's hands); only a
/// power cut can lose the last transactions, unless `durability` is `.full`.
public struct SQLiteStore: SwitchboardStore {
    let writer: any DatabaseWriter
    /// A connection of its own that moves the WAL into the database file (`checkpoint()`), so the
    /// writer never does it inside a commit. Nil in memory.
    private let checkpointer: DatabaseQueue?
    private let encoder: JSONEncoder
    private let decoder = JSONDecoder()
    /// Reads inputs journaled in format 1 (`Input.decodingOptions`).
    private let formatOneInputDecoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.userInfo = Input.decodingOptions(format: 1)
        return decoder
    }()
    /// Event messages are stored compressed; rows written before that are text, read as they are.
    private let compressor = MessageCompressor()

    /// How far a commit goes before it returns.
    public enum Durability: Sendable {
        /// Survives a process crash (the default).
        case normal
        /// Survives a power cut too (an fsync per commit).
        case full
    }

    /// Opens (and migrates) the database file at `path`.
    public init(path: String, durability: Durability = .normal) throws {
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: durability == .full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL")
            // Checkpoints run on `checkpointer` instead, beside the writes (`checkpoint()`).
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 0")
        }
        let pool = try DatabasePool(path: path, configuration: configuration)
        try self.init(writer: pool, checkpointer: DatabaseQueue(path: path, configuration: configuration))
    }

    /// A database in memory, for tests.
    public static func inMemory() throws -> SQLiteStore {
        try SQLiteStore(writer: DatabaseQueue(), checkpointer: nil)
    }

    init(writer: any DatabaseWriter, checkpointer: DatabaseQueue?) throws {
        self.writer = writer
        self.checkpointer = checkpointer
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        self.encoder = encoder
        try Self.migrator.migrate(writer)
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE tenant (
                        name TEXT PRIMARY KEY NOT NULL,
                        configuration TEXT NOT NULL
                    );
                    CREATE TABLE user (
                        tenant TEXT NOT NULL REFERENCES tenant(name),
                        username TEXT NOT NULL,
                        passwordHash TEXT NOT NULL,
                        role TEXT NOT NULL,
                        agentID TEXT,
                        PRIMARY KEY (tenant, username)
                    );
                    CREATE TABLE token (
                        token TEXT PRIMARY KEY NOT NULL,
                        tenant TEXT NOT NULL,
                        username TEXT NOT NULL,
                        role TEXT NOT NULL,
                        agentID TEXT,
                        expiresAt INTEGER NOT NULL
                    );
                    CREATE TABLE input (
                        tenant TEXT NOT NULL,
                        position INTEGER NOT NULL,
                        at INTEGER NOT NULL,
                        input TEXT NOT NULL,
                        requestID TEXT,
                        lastSequence INTEGER NOT NULL,
                        PRIMARY KEY (tenant, position)
                    ) WITHOUT ROWID;
                    CREATE TABLE event (
                        tenant TEXT NOT NULL,
                        sequence INTEGER NOT NULL,
                        at INTEGER NOT NULL,
                        type TEXT NOT NULL,
                        taskID TEXT,
                        agentID TEXT,
                        interactionID TEXT,
                        message TEXT NOT NULL,
                        PRIMARY KEY (tenant, sequence)
                    ) WITHOUT ROWID;
                    CREATE INDEX event_interaction ON event(tenant, interactionID) WHERE interactionID IS NOT NULL;
                    CREATE TABLE snapshot (
                        tenant TEXT PRIMARY KEY NOT NULL,
                        position INTEGER NOT NULL,
                        sequence INTEGER NOT NULL,
                        state BLOB NOT NULL
                    );
                    """)
        }
        // Journaled inputs carry their format (`Input.format`); rows written before it are format 1.
        migrator.registerMigration("v2-input-format") { db in
            try db.execute(sql: "ALTER TABLE input ADD COLUMN format INTEGER NOT NULL DEFAULT 1")
        }
        // Tokens are kept as their SHA-256 (`TokenDigest`); the plain tokens stored before are hashed.
        migrator.registerMigration("v3-token-digest") { db in
            try db.execute(
                sql: """
                    ALTER TABLE token RENAME TO plainToken;
                    CREATE TABLE token (
                        digest TEXT PRIMARY KEY NOT NULL,
                        tenant TEXT NOT NULL,
                        username TEXT NOT NULL,
                        role TEXT NOT NULL,
                        agentID TEXT,
                        expiresAt INTEGER NOT NULL
                    );
                    CREATE INDEX token_expiry ON token(expiresAt);
                    """)
            let insert = try db.makeStatement(
                sql: "INSERT INTO token (digest, tenant, username, role, agentID, expiresAt) VALUES (?, ?, ?, ?, ?, ?)")
            for row in try Row.fetchAll(db, sql: "SELECT * FROM plainToken") {
                let token: String = row["token"]
                try insert.execute(arguments: [
                    TokenDigest(of: token).hex, row["tenant"], row["username"], row["role"], row["agentID"], row["expiresAt"],
                ])
            }
            try db.execute(sql: "DROP TABLE plainToken")
        }
        // The call legs a telephony provider keeps to end them after a crash.
        migrator.registerMigration("v4-telephony-leg") { db in
            try db.execute(
                sql: """
                    CREATE TABLE telephonyLeg (
                        position INTEGER PRIMARY KEY AUTOINCREMENT,
                        id TEXT UNIQUE NOT NULL,
                        payload BLOB NOT NULL
                    );
                    """)
        }
        return migrator
    }

    // MARK: Tenants

    public func tenants() throws -> [TenantRecord] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT name, configuration FROM tenant ORDER BY name").map { row in
                TenantRecord(name: row["name"], configuration: try decode(TenantConfiguration.self, row["configuration"]))
            }
        }
    }

    public func createTenant(_ tenant: TenantRecord) throws {
        let configuration = try encode(tenant.configuration)
        try writer.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM tenant WHERE name = ?", arguments: [tenant.name]) == nil else {
                throw StoreError(.duplicate, "Tenant \(tenant.name) exists.")
            }
            try db.execute(
                sql: "INSERT INTO tenant (name, configuration) VALUES (?, ?)", arguments: [tenant.name, configuration])
        }
    }

    // MARK: Users and tokens

    public func createUser(_ user: UserRecord) throws {
        try writer.write { db in
            let exists = try Bool.fetchOne(
                db, sql: "SELECT 1 FROM user WHERE tenant = ? AND username = ?", arguments: [user.tenant, user.username])
            guard exists == nil else { throw StoreError(.duplicate, "User \(user.username) exists.") }
            try db.execute(
                sql: "INSERT INTO user (tenant, username, passwordHash, role, agentID) VALUES (?, ?, ?, ?, ?)",
                arguments: [user.tenant, user.username, user.passwordHash, user.role.rawValue, user.agentID?.rawValue])
        }
    }

    public func user(tenant: String, username: String) throws -> UserRecord? {
        try writer.read { db in
            try Row.fetchOne(
                db, sql: "SELECT * FROM user WHERE tenant = ? AND username = ?", arguments: [tenant, username]
            ).map { row in
                UserRecord(
                    tenant: row["tenant"], username: row["username"], passwordHash: row["passwordHash"],
                    role: Role(rawValue: row["role"]) ?? .agent, agentID: (row["agentID"] as String?).map { AgentID($0) })
            }
        }
    }

    public func saveToken(_ token: TokenRecord) throws {
        try writer.write { db in
            try db.execute(
                sql: "INSERT INTO token (digest, tenant, username, role, agentID, expiresAt) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [
                    token.digest.hex, token.tenant, token.username, token.role.rawValue, token.agentID?.rawValue,
                    token.expiresAt.millisecondsSinceEpoch,
                ])
        }
    }

    public func token(_ digest: TokenDigest) throws -> TokenRecord? {
        try writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM token WHERE digest = ?", arguments: [digest.hex]).map { row in
                TokenRecord(
                    digest: TokenDigest(hex: row["digest"]), tenant: row["tenant"], username: row["username"],
                    role: Role(rawValue: row["role"]) ?? .agent, agentID: (row["agentID"] as String?).map { AgentID($0) },
                    expiresAt: Instant(millisecondsSinceEpoch: row["expiresAt"]))
            }
        }
    }

    public func deleteToken(_ digest: TokenDigest) throws {
        try writer.write { db in
            try db.execute(sql: "DELETE FROM token WHERE digest = ?", arguments: [digest.hex])
        }
    }

    public func deleteTokens(expiredBy instant: Instant) throws {
        try writer.write { db in
            try db.execute(sql: "DELETE FROM token WHERE expiresAt <= ?", arguments: [instant.millisecondsSinceEpoch])
        }
    }

    // MARK: Telephony legs

    public func saveTelephonyLeg(_ leg: TelephonyLegRecord) throws {
        try writer.write { db in
            try db.execute(
                sql: "INSERT INTO telephonyLeg (id, payload) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET payload = excluded.payload",
                arguments: [leg.id, Data(leg.payload)])
        }
    }

    public func deleteTelephonyLeg(id: String) throws {
        try writer.write { db in try db.execute(sql: "DELETE FROM telephonyLeg WHERE id = ?", arguments: [id]) }
    }

    public func telephonyLegs() throws -> [TelephonyLegRecord] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT id, payload FROM telephonyLeg ORDER BY position").map { row in
                TelephonyLegRecord(id: row["id"], payload: [UInt8](row["payload"] as Data))
            }
        }
    }

    // MARK: Journal

    public func append(_ entries: [StoredEntry], of tenant: String) throws {
        let inputs = try entries.map { try encode($0.entry.input) }
        let messages = entries.map { $0.events.map { compressor.compress($0.message) } }
        try writer.write { db in
            let insertInput = try db.cachedStatement(
                sql: """
                    INSERT INTO input (tenant, position, at, input, format, requestID, lastSequence)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """)
            let insertEvent = try db.cachedStatement(
                sql: """
                    INSERT INTO event (tenant, sequence, at, type, taskID, agentID, interactionID, message)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            for ((stored, input), messages) in zip(zip(entries, inputs), messages) {
                let entry = stored.entry
                try insertInput.execute(arguments: [
                    tenant, entry.position, entry.at.millisecondsSinceEpoch, input, Input.format, entry.requestID,
                    entry.lastSequence,
                ])
                for (event, message) in zip(stored.events, messages) {
                    try insertEvent.execute(arguments: [
                        tenant, event.sequence, event.at.millisecondsSinceEpoch, event.type, event.taskID, event.agentID,
                        event.interactionID, message,
                    ])
                }
            }
        }
    }

    public func saveSnapshot(_ snapshot: EngineSnapshot, of tenant: String) throws {
        let state = try encoder.encode(snapshot)
        try writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO snapshot (tenant, position, sequence, state) VALUES (?, ?, ?, ?)
                    ON CONFLICT(tenant) DO UPDATE SET position = excluded.position, sequence = excluded.sequence,
                        state = excluded.state
                    """,
                arguments: [tenant, snapshot.position, snapshot.sequence, state])
            // Inputs the snapshot covers are no longer needed for a restart.
            try db.execute(sql: "DELETE FROM input WHERE tenant = ? AND position <= ?", arguments: [tenant, snapshot.position])
        }
    }

    /// A passive checkpoint: copies the committed WAL pages into the database file without
    /// waiting for, or holding up, the writer. The WAL starts over at the next commit only if this
    /// copied all of it, which takes a moment without commits (see `CheckpointProgress`).
    @discardableResult
    public func checkpoint() throws -> CheckpointProgress? {
        try checkpointer?.writeWithoutTransaction { db in
            let (logPages, copiedPages) = try db.checkpoint(.passive)
            return CheckpointProgress(logPages: logPages, uncopiedPages: logPages - copiedPages)
        }
    }

    public func restorePoint(of tenant: String) throws -> (EngineSnapshot?, [JournaledInput]) {
        try writer.read { db in
            let snapshot = try Data.fetchOne(db, sql: "SELECT state FROM snapshot WHERE tenant = ?", arguments: [tenant])
                .map { try decoder.decode(EngineSnapshot.self, from: $0) }
            let inputs = try Row.fetchAll(
                db, sql: "SELECT * FROM input WHERE tenant = ? AND position > ? ORDER BY position",
                arguments: [tenant, snapshot?.position ?? 0]
            ).map { row in
                JournaledInput(
                    position: row["position"], at: Instant(millisecondsSinceEpoch: row["at"]),
                    input: try decodeInput(row["input"], format: row["format"]), requestID: row["requestID"],
                    lastSequence: row["lastSequence"])
            }
            return (snapshot, inputs)
        }
    }

    public func events(of tenant: String, after sequence: Int64, limit: Int) throws -> [StoredEvent] {
        try writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM event WHERE tenant = ? AND sequence > ? ORDER BY sequence LIMIT ?",
                arguments: [tenant, sequence, limit]
            ).map(Self.event)
        }
    }

    public func events(of tenant: String, interaction: String) throws -> [StoredEvent] {
        try writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM event WHERE tenant = ? AND interactionID = ? ORDER BY sequence",
                arguments: [tenant, interaction]
            ).map(Self.event)
        }
    }

    /// An event stored as text, the way every message was before they were compressed (for tests).
    func insertTextEventForTesting(_ event: StoredEvent, of tenant: String) throws {
        try writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO event (tenant, sequence, at, type, taskID, agentID, interactionID, message)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    tenant, event.sequence, event.at.millisecondsSinceEpoch, event.type, event.taskID, event.agentID,
                    event.interactionID, event.message,
                ])
        }
    }

    /// An input row as an earlier or later release wrote it: its JSON and format as given (for tests).
    func insertInputForTesting(_ json: String, format: Int, position: Int64, of tenant: String) throws {
        try writer.write { db in
            try db.execute(
                sql: "INSERT INTO input (tenant, position, at, input, format, lastSequence) VALUES (?, ?, 0, ?, ?, 0)",
                arguments: [tenant, position, json, format])
        }
    }

    /// How an event's message is stored: as a blob (compressed) or not, and its size (for tests).
    func storedMessageForTesting(sequence: Int64, of tenant: String) throws -> (isBlob: Bool, bytes: Int) {
        try writer.read { db in
            let row = try Row.fetchOne(
                db, sql: "SELECT typeof(message) AS kind, length(message) AS bytes FROM event WHERE tenant = ? AND sequence = ?",
                arguments: [tenant, sequence])
            return (row?["kind"] == "blob", row?["bytes"] ?? 0)
        }
    }

    private static func event(_ row: Row) throws -> StoredEvent {
        let message: String =
            switch (row["message"] as DatabaseValue).storage {
            case .blob(let compressed): try MessageCompressor.decompress(compressed)
            default: row["message"]
            }
        return StoredEvent(
            sequence: row["sequence"], at: Instant(millisecondsSinceEpoch: row["at"]), type: row["type"],
            taskID: row["taskID"], agentID: row["agentID"], interactionID: row["interactionID"], message: message)
    }

    private func encode(_ value: some Encodable) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// An input as the format it was journaled in reads; a newer format than this release's is refused.
    private func decodeInput(_ text: String, format: Int) throws -> Input {
        guard format <= Input.format else {
            throw StoreError(.corrupt, "An input is in format \(format), newer than this release's \(Input.format).")
        }
        return try (format == 1 ? formatOneInputDecoder : decoder).decode(Input.self, from: Data(text.utf8))
    }

    private func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try decoder.decode(type, from: Data(text.utf8))
    }
}
