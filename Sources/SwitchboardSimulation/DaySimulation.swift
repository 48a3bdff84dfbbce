import Foundation
import SwitchboardCore
import SwitchboardEngine

/// A contact-center day in miniature, driven by a seeded generator: customers call and hang up,
/// phones answer or fail, outside parties pick up, and agents click whatever their desktop
/// enables — hold, consult, transfer, conference, end, wrap up. After every step it checks that
/// no call is lost or duplicated, no agent is on two calls, every offer is resolved, sequence
/// numbers have no gaps, and every enabled control works while every disabled one is refused.
public final class DaySimulation {
    let parameters: DayParameters
    var random: SeededGenerator
    let clock = ManualClock()
    let telephony = RecordingTelephony()
    let journal = InMemoryEventJournal()
    let engine: TenantEngine
    var agenda = Agenda()
    var report = DayReport()
    var script: Script
    var lastSequence: Int64 = 0
    var liveCalls: Set<InteractionID> = []
    var openOffers: Set<TaskID> = []
    var customerOffers: Set<TaskID> = []
    var pendingActs: Set<Int> = []
    /// I3: the calls placed to call customers back, and the callbacks whose customer answered.
    var callbackCalls: [CallID: InteractionID] = [:]
    var connectedCallbacks: Set<InteractionID> = []
    var callsLeft: Int
    var nextCall = 1
    var nextRequest = 1

    public init(_ parameters: DayParameters) {
        self.parameters = parameters
        self.random = SeededGenerator(seed: parameters.seed)
        let configuration = SimulatedTenant.configuration(
            agentCount: parameters.agentCount, callbacks: parameters.callbacks, callLimit: parameters.callLimit,
            campaigns: parameters.campaigns)
        self.script = Script(configuration: configuration)
        self.callsLeft = parameters.callCount
        self.engine = try! TenantEngine(
            tenant: "sim", configuration: configuration, clock: clock, telephony: telephony, journal: journal)
    }

    /// Plays the day to its end: every call over, every agent logged out.
    public func run() async -> DayReport {
        let start = clock.now()
        for index in 1...parameters.agentCount {
            let dialNumber = SimulatedTenant.dialNumber(index).value
            await expectSuccess(
                .stationLogin(teamID: SimulatedTenant.team(of: index), dialNumber: dialNumber, canAnswerRemotely: false),
                by: index)
            await expectSuccess(.setState(.available), by: index)
            if parameters.outdials { plan(.agentOutdials(agent: index), after: random.seconds(60...600)) }
        }
        if parameters.campaigns { await uploadContacts() }
        planNextCall()
        let end = start.advanced(by: .seconds(48 * 3600))
        while clock.now() < end {
            let timerDeadline = await engine.nextTimerDeadline()
            if let deadline = timerDeadline, agenda.nextTime.map({ deadline <= $0 }) ?? true {
                clock.advance(to: deadline)
                record(.fireTimers)
                await engine.fireDueTimers()
            } else if let (time, happening) = agenda.next() {
                clock.advance(to: time)
                await perform(happening)
            } else {
                break
            }
            await settle()
        }
        await finishDay()
        report.simulatedSeconds = clock.now().duration(since: start).components.seconds
        report.events = lastSequence
        script.eventCount = lastSequence
        if parameters.recordsScript { report.script = script }
        return report
    }

    /// J2: the campaign's list, one contact for every four calls of the day, some rows bad.
    func uploadContacts() async {
        let header = ["number", "name", "topic"]
        var rows: [(line: Int, cells: [String])] = []
        for line in 2...(max(2, parameters.callCount / 4) + 1) {
            let number = random.chance(0.05) ? "12" : "+45\(Int.random(in: 20_000_000...99_999_999, using: &random))"
            rows.append((line, [number, "Customer \(line)", ["Renewal", "Upgrade"].randomElement(using: &random)!]))
        }
        record(.contacts(SimulatedTenant.campaignID, header: header, rows: rows))
        do {
            _ = try await engine.uploadContacts(header: header, rows: rows, to: SimulatedTenant.campaignID)
        } catch {
            violation("the contact list was refused: \(error)")
        }
    }

    // MARK: Steps

    func record(_ step: Script.Step) {
        report.steps += 1
        if parameters.recordsScript { script.steps.append((clock.now(), step)) }
    }

    @discardableResult
    func execute(_ command: AgentCommand, by index: Int, requestID: String? = nil) async -> CommandResult {
        let requestID = requestID ?? makeRequestID()
        record(.command(command, by: SimulatedTenant.agentID(index), requestID: requestID))
        return await engine.execute(command, by: SimulatedTenant.agentID(index), requestID: requestID)
    }

    @discardableResult
    func signal(_ signal: TelephonySignal) async -> CommandResult {
        record(.signal(signal))
        return await engine.signal(signal)
    }

    @discardableResult
    func request(_ request: CustomerRequest) async -> CommandResult {
        record(.customer(request))
        return await engine.request(request)
    }

    func expectSuccess(_ command: AgentCommand, by index: Int) async {
        let result = await execute(command, by: index)
        if let error = result.error { violation("\(command) by agent \(index) refused: \(error)") }
    }

    func makeRequestID() -> String {
        defer { nextRequest += 1 }
        return "r-\(nextRequest)"
    }

    func violation(_ text: String) {
        if report.violations.count < 50 { report.violations.append("t=\(clock.now()): \(text)") }
    }

    func plan(_ happening: Happening, after delay: Duration) {
        agenda.plan(happening, at: clock.now().advanced(by: delay))
    }

    func planNextCall() {
        guard callsLeft > 0 else { return }
        callsLeft -= 1
        let gap = -Foundation.log(1 - random.unit()) * parameters.meanSecondsBetweenCalls
        let number = random.chance(0.7) ? SimulatedTenant.supportNumber : SimulatedTenant.salesNumber
        let after = Duration.milliseconds(Int64(gap * 1000))
        if parameters.callbacks, random.chance(0.1) {
            plan(.webCallbackAsked(number == SimulatedTenant.supportNumber ? "ep-support" : "ep-sales"), after: after)
        } else {
            plan(.customerCalls(number: number), after: after)
        }
    }

    func ensureAct(_ index: Int) {
        guard pendingActs.insert(index).inserted else { return }
        plan(.agentActs(agent: index), after: random.seconds(3...45))
    }

    static func agentIndex(_ agentID: AgentID) -> Int? { Int(agentID.rawValue.dropFirst("agent-".count)) }

    static func agentIndex(dialNumber: DialNumber) -> Int? { Int(dialNumber.value).map { $0 - 10_000 } }
}
