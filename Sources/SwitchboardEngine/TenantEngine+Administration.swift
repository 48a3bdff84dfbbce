public import SwitchboardCore

/// Administrators' changes are inputs like any other: each is computed from the configuration
/// as it is when its turn comes on the tenant's executor, applied and journaled in the tenant's
/// order, so two concurrent changes never lose one, and the journal alone says what is in force.
extension TenantEngine {
    /// The configuration and its version (the `ETag` of the administration routes), read together.
    public var versionedConfiguration: VersionedConfiguration {
        VersionedConfiguration(configuration: state.configuration, version: state.configurationVersion, position: lastPosition)
    }

    /// Applies `change` to the configuration in force, if it is still at `expectedVersion` (when
    /// given), and answers what `change` said besides. `change` may refuse by throwing; a change
    /// that changes nothing is no input.
    public func administer<Output: Sendable>(
        ifVersion expectedVersion: Int? = nil,
        _ change: @Sendable (TenantConfiguration) throws -> (TenantConfiguration, Output)
    ) throws -> (VersionedConfiguration, Output) {
        let current = versionedConfiguration
        if let expectedVersion, expectedVersion != current.version {
            throw StaleConfiguration(currentVersion: current.version)
        }
        let (changed, output) = try change(current.configuration)
        guard changed != current.configuration else { return (current, output) }
        let result = apply(.reconfigure(changed), requestID: nil)
        if let error = result.error { throw error }
        return (versionedConfiguration, output)
    }

    /// Swaps in a new configuration whatever its version; calls already up keep going.
    @discardableResult
    public func reconfigure(_ configuration: TenantConfiguration) throws -> VersionedConfiguration {
        try administer { _ in (configuration, ()) }.0
    }
}

/// A configuration as of one version, and the journal position that must be stored before a
/// client is told of it.
public struct VersionedConfiguration: Sendable {
    public var configuration: TenantConfiguration
    public var version: Int
    public var position: Int64
}

/// The configuration changed since the version a change was based on (HTTP 412 with `If-Match`).
public struct StaleConfiguration: Error, Sendable {
    public var currentVersion: Int
}
