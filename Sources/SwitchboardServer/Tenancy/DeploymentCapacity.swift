import Synchronization
import SwitchboardEngine

/// J1: the deployment's concurrent-call limit (`serve --max-calls`) over every tenant. Each
/// tenant's engine reports its live legs; when their sum reaches the limit, or falls below it
/// again, every tenant is told in order (an input of its own, so replays agree).
final class DeploymentCapacity: Sendable {
    let maximum: Int?
    private let state = Mutex(State())
    private let changes: AsyncStream<Void>.Continuation
    private let changeStream: AsyncStream<Void>

    private struct State {
        var legs: [String: Int] = [:]
        var isFull = false
    }

    init(maximum: Int?) {
        self.maximum = maximum
        (changeStream, changes) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    /// Whether placing one more leg anywhere would break the limit.
    var isFull: Bool { state.withLock(\.isFull) }

    /// The legs up in `tenant` now.
    func record(_ legs: Int, of tenant: String) {
        let flipped = state.withLock { state in
            state.legs[tenant] = legs
            let full = maximum.map { state.legs.values.reduce(0, +) >= $0 } ?? false
            defer { state.isFull = full }
            return full != state.isFull
        }
        if flipped { changes.yield() }
    }

    /// Tells every tenant where the deployment stands: once at start (a tenant may remember a
    /// limit of an earlier run), then after each change, until cancelled.
    func run(tenants: TenantRegistry) async {
        await broadcast(to: tenants)
        for await _ in changeStream { await broadcast(to: tenants) }
    }

    private func broadcast(to tenants: TenantRegistry) async {
        let full = isFull
        for runtime in tenants.all { await runtime.engine.reportDeploymentCapacity(full: full) }
    }
}
