public import SwitchboardCore
public import SwitchboardEngine

/// The storage port: tenants and their configuration, users and tokens, and each tenant's
/// journal (inputs, events, snapshots). One implementation per backend (SQLite today); they all
/// pass the same contract tests.
public protocol SwitchboardStore: Sendable {
    // Tenants
    func tenants() throws -> [TenantRecord]
    func createTenant(_ tenant: TenantRecord) throws
    func saveConfiguration(_ configuration: TenantConfiguration, of tenant: String) throws

    // Users and tokens
    func createUser(_ user: UserRecord) throws
    func user(tenant: String, username: String) throws -> UserRecord?
    func saveToken(_ token: TokenRecord) throws
    func token(_ token: String) throws -> TokenRecord?
    func deleteTokens(expiredBefore instant: Instant) throws

    // Journal
    /// Stores inputs with their events in one transaction, in order: all or nothing (a group
    /// commit of several inputs costs one transaction).
    func append(_ entries: [StoredEntry], of tenant: String) throws
    func saveSnapshot(_ snapshot: EngineSnapshot, of tenant: String) throws
    /// Housekeeping that may run beside the writes (SQLite: moving the WAL into the database file).
    func checkpoint() throws
    /// The latest snapshot and the inputs after it.
    func restorePoint(of tenant: String) throws -> (EngineSnapshot?, [JournaledInput])
    /// Events after `sequence`, oldest first, at most `limit`.
    func events(of tenant: String, after sequence: Int64, limit: Int) throws -> [StoredEvent]
    /// Every event of one interaction, in order (its timeline, K7).
    func events(of tenant: String, interaction: String) throws -> [StoredEvent]
}
