public import SwitchboardCore

/// Administrators' changes are inputs like any other: each is computed from the configuration
/// as it is when its turn comes on the tenant's executor, applied and journaled in the tenant's
/// order, so two concurrent changes never lose one, and the journal alone says what is in force.
extension TenantEngine {
    /// The configuration in force and the journal position that must be stored before it is shown.
    public var currentConfiguration: StoredConfiguration {
        StoredConfiguration(configuration: state.configuration, position: lastPosition)
    }

    /// Applies `change` to the configuration in force and answers what `change` said besides.
    /// `change` may refuse by throwing (a stale `If-Match`, a rule broken), on the executor, so
    /// nothing can come between its check and the change; a change that changes nothing is no input.
    public func administer<Output: Sendable>(
        _ change: @Sendable (TenantConfiguration) throws -> (TenantConfiguration, Output)
    ) throws -> (StoredConfiguration, Output) {
        let current = currentConfiguration
        let (changed, output) = try change(current.configuration)
        guard changed != current.configuration else { return (current, output) }
        let result = apply(.reconfigure(changed), requestID: nil)
        if let error = result.error { throw error }
        return (currentConfiguration, output)
    }

    /// Swaps in a new configuration; calls already up keep going.
    @discardableResult
    public func reconfigure(_ configuration: TenantConfiguration) throws -> StoredConfiguration {
        try administer { _ in (configuration, ()) }.0
    }
}

/// A configuration, and the journal position that must be stored before a client is told of it.
public struct StoredConfiguration: Sendable {
    public var configuration: TenantConfiguration
    public var position: Int64
}
