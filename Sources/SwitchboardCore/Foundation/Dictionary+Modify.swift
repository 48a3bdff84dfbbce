extension Dictionary {
    /// Changes the machine at `key` in place. A missing machine is a fault of the core, never a
    /// silent no-op: the input that met it is refused and the engine stops the tenant before it is
    /// stored (a restart rebuilds the state from before it).
    @discardableResult
    mutating func modify<Result>(_ key: Key, _ change: (inout Value) throws(CommandError) -> Result)
        throws(CommandError) -> Result
    {
        guard index(forKey: key) != nil else { throw CommandError.fault("no \(Value.self) \(key)") }
        return try change(&self[key]!)
    }

    /// The machine at `key`, which must be there (see `modify`).
    func require(_ key: Key) throws(CommandError) -> Value {
        guard let value = self[key] else { throw CommandError.fault("no \(Value.self) \(key)") }
        return value
    }
}
