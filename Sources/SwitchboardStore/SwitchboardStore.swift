public import SwitchboardCore
public import SwitchboardEngine

/// The storage port: tenants and the configuration they were created with, users and tokens, and each tenant's
/// journal (inputs, events, snapshots), and the call legs a telephony provider keeps. One implementation per backend (SQLite today); they all
/// pass the same contract tests.
public protocol SwitchboardStore: Sendable {
    // Tenants
    func tenants() throws -> [TenantRecord]
    func createTenant(_ tenant: TenantRecord) throws

    // Users and tokens
    func createUser(_ user: UserRecord) throws
    func user(tenant: String, username: String) throws -> UserRecord?
    func saveToken(_ token: TokenRecord) throws
    func token(_ digest: TokenDigest) throws -> TokenRecord?
    /// Revokes one token (sign-out).
    func deleteToken(_ digest: TokenDigest) throws
    /// Removes the tokens that have expired by `instant` (their expiry at or before it).
    func deleteTokens(expiredBy instant: Instant) throws

    // Journal
    /// Stores inputs with their events in one transaction, in order: all or nothing (a group
    /// commit of several inputs costs one transaction).
    func append(_ entries: [StoredEntry], of tenant: String) throws
    func saveSnapshot(_ snapshot: EngineSnapshot, of tenant: String) throws
    /// Housekeeping that may run beside the writes (SQLite: copying the WAL into the database
    /// file), and how far it got; nil for a store without a log of the kind.
    @discardableResult
    func checkpoint() throws -> CheckpointProgress?
    /// The latest snapshot and the inputs after it.
    func restorePoint(of tenant: String) throws -> (EngineSnapshot?, [JournaledInput])
    /// Events after `sequence`, oldest first, at most `limit`.
    func events(of tenant: String, after sequence: Int64, limit: Int) throws -> [StoredEvent]
    /// Every event of one interaction, in order (its timeline, K7).
    func events(of tenant: String, interaction: String) throws -> [StoredEvent]

    // Telephony legs
    /// Keeps `leg`, replacing the one with its id.
    func saveTelephonyLeg(_ leg: TelephonyLegRecord) throws
    func deleteTelephonyLeg(id: String) throws
    /// Every leg kept, in the order they were first saved.
    func telephonyLegs() throws -> [TelephonyLegRecord]
}

/// How far a checkpoint got. A write-ahead log starts over from its beginning, and stops
/// growing, only once a checkpoint has copied every page of it and nothing has been committed
/// since; under a steady stream of commits that never happens by itself.
public struct CheckpointProgress: Sendable, Equatable {
    /// Pages in the log when the checkpoint began.
    public var logPages: Int
    /// Of those, pages it could not copy (a reader was still using them).
    public var uncopiedPages: Int

    public init(logPages: Int, uncopiedPages: Int) {
        self.logPages = logPages
        self.uncopiedPages = uncopiedPages
    }
}
