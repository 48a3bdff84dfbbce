import Synchronization
public import SwitchboardCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the engine reads the time. Injected, so that tests run on a manual clock (STYLE §4).
public protocol EngineClock: Sendable {
    func now() -> Instant
}

/// The wall clock (UTC).
public struct SystemClock: EngineClock {
    public init() {}

    public func now() -> Instant {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Instant(millisecondsSinceEpoch: Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000)
    }
}

/// A clock that moves only when told: every test is deterministic, and a day passes in no time.
public final class ManualClock: EngineClock {
    private let current: Mutex<Instant>

    public init(_ start: Instant = Instant(millisecondsSinceEpoch: 1_767_225_600_000)) {
        current = Mutex(start)
    }

    public func now() -> Instant { current.withLock { $0 } }

    /// Moves the clock forward by `duration`.
    public func advance(by duration: Duration) {
        current.withLock { $0 = $0.advanced(by: duration) }
    }

    /// Moves the clock to `instant`, if that is later.
    public func advance(to instant: Instant) {
        current.withLock { $0 = max($0, instant) }
    }
}
