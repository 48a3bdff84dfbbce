import SwitchboardCore

/// Fires an engine's timers in real time: sleeps until the next deadline (checking at least every
/// `pollInterval` for timers set meanwhile) and asks the engine to fire what is due.
public struct TimerDriver: Sendable {
    public let engine: TenantEngine
    public let clock: any EngineClock
    public let pollInterval: Duration

    public init(engine: TenantEngine, clock: any EngineClock = SystemClock(), pollInterval: Duration = .milliseconds(100)) {
        self.engine = engine
        self.clock = clock
        self.pollInterval = pollInterval
    }

    /// Runs until the surrounding task is cancelled.
    public func run() async {
        while !Task.isCancelled {
            await engine.fireDueTimers()
            let now = clock.now()
            var wait = pollInterval
            if let deadline = await engine.nextTimerDeadline() {
                wait = min(wait, max(.zero, deadline.duration(since: now)))
            }
            do { try await Task.sleep(for: wait) } catch { return }
        }
    }
}
