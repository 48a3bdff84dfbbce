public import SwitchboardEngine

/// The tenants a telephony provider serves (the server's running tenants).
public protocol TenantDirectory: Sendable {
    /// Every tenant's engine, in a stable order (by name).
    func engines() -> [TenantEngine]
}

extension TenantDirectory {
    /// The engine of the tenant called `name`.
    func engine(named name: String) -> TenantEngine? { engines().first { $0.tenant == name } }
}
