public import SwitchboardCore
public import SwitchboardEngine

/// What a simulated day did to the engine, in order and with the time of each step: played again
/// on a fresh engine it gives the same events, so the benchmark measures the engine alone.
public struct Script: Sendable {
    public enum Step: Sendable {
        case command(AgentCommand, by: AgentID, requestID: String?)
        case signal(TelephonySignal)
        case customer(CustomerRequest)
        /// J2: an administrator's contact list, as its table.
        case contacts(CampaignID, header: [String], rows: [(line: Int, cells: [String])])
        case fireTimers
    }

    public let configuration: TenantConfiguration
    public internal(set) var steps: [(at: Instant, step: Step)] = []
    /// The number of events the day produced, to check a replay against.
    public internal(set) var eventCount: Int64 = 0

    /// Plays the script on `engine`, whose clock must be `clock`; returns each step's duration.
    public func replay(on engine: TenantEngine, clock: ManualClock, timing: Bool = true) async -> [Duration] {
        var durations: [Duration] = []
        durations.reserveCapacity(steps.count)
        let measure = ContinuousClock()
        for (at, step) in steps {
            clock.advance(to: at)
            let start = measure.now
            switch step {
            case .command(let command, let agentID, let requestID):
                _ = await engine.execute(command, by: agentID, requestID: requestID)
            case .signal(let signal):
                _ = await engine.signal(signal)
            case .customer(let request):
                _ = await engine.request(request)
            case .contacts(let campaignID, let header, let rows):
                _ = try? await engine.uploadContacts(header: header, rows: rows, to: campaignID)
            case .fireTimers:
                await engine.fireDueTimers()
            }
            if timing { durations.append(measure.now - start) }
        }
        return durations
    }
}

/// A telephony port that forgets what it is told (the replay needs no phone network).
public struct DiscardingTelephony: TelephonyPort {
    public init() {}
    public func execute(_ commands: [TelephonyCommand]) {}
}
