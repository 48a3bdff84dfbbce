import SwitchboardEngine

/// How big and busy a simulated day is.
public struct DayParameters: Sendable {
    public var seed: UInt64
    public var agentCount: Int
    public var callCount: Int
    /// Mean time between customer calls (exponentially distributed).
    public var meanSecondsBetweenCalls: Double
    /// Check the invariants after every step (slow for big days).
    public var checksEveryStep: Bool
    /// Keep the script of the day, to replay it.
    public var recordsScript: Bool
    /// I1–I4: callers choose courtesy callbacks, customers ask for web callbacks, and answer,
    /// reject or let ring the calls back; agents cancel some (off: the days the digests pin).
    public var callbacks: Bool
    /// J2: free agents now and then place outbound calls.
    public var outdials: Bool
    /// J1: the tenant's concurrent-call limit (nil: none); what it refuses is expected.
    public var callLimit: Int?
    /// J2: a preview campaign for the sales team with a list uploaded at the start of the day;
    /// its agents call, skip or let previews run out.
    public var campaigns: Bool

    public init(
        seed: UInt64, agentCount: Int = 4, callCount: Int = 50, meanSecondsBetweenCalls: Double = 25,
        checksEveryStep: Bool = true, recordsScript: Bool = false, callbacks: Bool = false, outdials: Bool = false,
        callLimit: Int? = nil, campaigns: Bool = false
    ) {
        self.seed = seed
        self.agentCount = agentCount
        self.callCount = callCount
        self.meanSecondsBetweenCalls = meanSecondsBetweenCalls
        self.checksEveryStep = checksEveryStep
        self.recordsScript = recordsScript
        self.callbacks = callbacks
        self.outdials = outdials
        self.callLimit = callLimit
        self.campaigns = campaigns
    }
}

/// What happened in a simulated day, and every invariant that broke.
public struct DayReport: Sendable {
    public var steps = 0
    public var events: Int64 = 0
    public var calls = 0
    public var answered = 0
    public var abandonedWhileRinging = 0
    public var ronas = 0
    public var holds = 0
    public var consults = 0
    public var conferences = 0
    public var consultTransfers = 0
    public var blindTransfers = 0
    public var phoneHangUps = 0
    public var wrapUps = 0
    public var refusalsChecked = 0
    public var retriesChecked = 0
    public var callbacksRequested = 0
    /// I3, J2: calls back and outdials the customer answered.
    public var dialOutsAnswered = 0
    public var outdials = 0
    public var refusedAtLimit = 0
    /// J2: previews offered, and how the agents chose.
    public var previews = 0
    public var previewsCalled = 0
    public var previewsSkipped = 0
    public var simulatedSeconds: Int64 = 0
    public var violations: [String] = []
    public var script: Script?

    public init() {}

    public var summary: String {
        """
        steps \(steps), events \(events), calls \(calls), answered \(answered), abandoned while ringing \
        \(abandonedWhileRinging), RONA \(ronas), holds \(holds), consults \(consults), conferences \(conferences), \
        consult transfers \(consultTransfers), blind transfers \(blindTransfers), phone hang-ups \(phoneHangUps), \
        wrap-ups \(wrapUps), refusals checked \(refusalsChecked), retries checked \(retriesChecked), \
        callbacks \(callbacksRequested), outdials \(outdials), answered by the customer \(dialOutsAnswered), \
        refused at the call limit \(refusedAtLimit), previews \(previews) (called \(previewsCalled), skipped \
        \(previewsSkipped)), \
        simulated \(simulatedSeconds / 3600)h\((simulatedSeconds % 3600) / 60)m, violations \(violations.count)
        """
    }
}
