import Synchronization
public import SwitchboardCore
public import SwitchboardEngine

/// What the SIP provider tells the tenants' engines, delivered one signal at a time in the order
/// it was queued (a phone's answer never overtakes its own hang-up); each may say what to do once
/// its engine has stored it.
public final class EngineReports: Sendable {
    private struct Report: Sendable {
        let serial: UInt64
        let engine: TenantEngine
        let signal: TelephonySignal
        let stored: @Sendable () -> Void
    }

    private let stream: AsyncStream<Report>
    private let continuation: AsyncStream<Report>.Continuation
    private let serials = Mutex<(queued: UInt64, stored: UInt64)>((0, 0))

    public init() {
        (stream, continuation) = AsyncStream.makeStream()
    }

    /// Queues `signal` for `engine`; answers its serial number.
    @discardableResult
    public func queue(_ signal: TelephonySignal, to engine: TenantEngine, stored: @escaping @Sendable () -> Void = {}) -> UInt64 {
        serials.withLock { serials in
            serials.queued += 1
            // Yielded under the lock: serial numbers and delivery keep one order.
            continuation.yield(Report(serial: serials.queued, engine: engine, signal: signal, stored: stored))
            return serials.queued
        }
    }

    /// Every report up to this serial number is stored by its engine.
    public var storedThrough: UInt64 { serials.withLock { $0.stored } }

    /// Delivers the reports until `finish()`.
    public func run() async {
        for await report in stream {
            _ = await report.engine.signal(report.signal)
            try? await report.engine.settle()
            serials.withLock { $0.stored = report.serial }
            report.stored()
        }
    }

    /// Ends `run()` once what is queued is delivered.
    public func finish() { continuation.finish() }
}
