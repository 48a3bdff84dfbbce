/// What routing has learned of each queue: a moving average of how long an agent spends on one
/// of its calls, from answer to the end of wrap-up. I1 estimates a caller's wait from it.
public struct HandleTimes: Hashable, Sendable, Codable {
    /// Milliseconds, per queue that has had a handled call.
    private var averageHandleMilliseconds: [QueueID: Int64] = [:]

    /// Until a queue has had a call handled: a typical contact-center handle time.
    public static let assumedHandleTime: Duration = .seconds(180)

    /// The weight of the newest call in the average (the last dozen calls or so count most).
    private static let newestWeight = 0.15

    public init() {}

    /// The average time an agent spends on one call of `queueID`.
    public func averageHandleTime(of queueID: QueueID) -> Duration {
        averageHandleMilliseconds[queueID].map { .milliseconds($0) } ?? Self.assumedHandleTime
    }

    /// A call of `queueID` was handled in `duration`.
    mutating func recordHandled(_ duration: Duration, in queueID: QueueID) {
        let sample = max(0, duration.wholeMilliseconds)
        guard let average = averageHandleMilliseconds[queueID] else {
            averageHandleMilliseconds[queueID] = sample
            return
        }
        averageHandleMilliseconds[queueID] = average + Int64((Double(sample - average) * Self.newestWeight).rounded())
    }
}

extension ContactCenter {
    /// I1: how long the caller at `interaction`'s place can expect to wait: the calls ahead and
    /// this one, shared by the agents logged in to serve the queue, each taking the queue's
    /// average handle time. Nil when nobody is logged in to serve it (the wait has no end).
    public func estimatedWait(of interaction: Interaction) -> Duration? {
        guard let queueID = interaction.queuePosition?.queueID, let place = queuePlace(of: interaction.id) else { return nil }
        let staffed = agents.values.count { agent in
            agent.station.map { configuration.team($0.teamID, serves: queueID) } == true
        }
        guard staffed > 0 else { return nil }
        let handle = handleTimes.averageHandleTime(of: queueID).wholeMilliseconds
        return .milliseconds(handle * Int64(place) / Int64(staffed))
    }

    /// I1: whether the caller may choose a courtesy callback now: the entry point offers them,
    /// and it is outside its opening hours or the estimated wait is at least its threshold (or
    /// unbounded).
    func offersCourtesyCallback(_ interaction: Interaction, at now: Instant) -> Bool {
        guard let entryPoint = interaction.entryPointID.flatMap({ configuration.entryPoint($0) }),
            let offer = entryPoint.courtesyCallback
        else { return false }
        if let hours = entryPoint.openingHours, !hours.isOpen(at: now) { return true }
        guard let wait = estimatedWait(of: interaction) else { return true }
        return wait >= .seconds(offer.minimumEstimatedWaitSeconds)
    }
}
