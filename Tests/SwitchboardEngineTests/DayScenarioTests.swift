import SwitchboardCore
import SwitchboardEngine
import SwitchboardSimulation
import Testing

/// A whole day in miniature, several seeds: every invariant holds after every step.
@Suite("Day scenario")
struct DayScenarioTests {
    @Test("A seeded day, 50 seeds and three far ones: 4 agents, 2 queues, 50 calls; no call lost, no agent on two calls, every offer resolved",
          arguments: Array(1...50) + [1234, 99_991, 31_337] as [UInt64])
    func day(seed: UInt64) async {
        let report = await DaySimulation(DayParameters(seed: seed, agentCount: 4, callCount: 50)).run()
        #expect(report.violations.isEmpty, "seed \(seed): \(report.violations.joined(separator: "\n"))")
        #expect(report.calls == 50)
        #expect(report.answered > 0 && report.ronas > 0 && report.holds > 0, "seed \(seed): \(report.summary)")
        #expect(report.consults > 0, "seed \(seed): \(report.summary)")
    }

    @Test("Over the seeds the day covers every kind of flow: conferences, transfers, hang-ups, refusals, retries")
    func coverage() async {
        var total = DayReport()
        for seed in 100..<106 as Range<UInt64> {
            let report = await DaySimulation(DayParameters(seed: seed, agentCount: 4, callCount: 50)).run()
            #expect(report.violations.isEmpty, "seed \(seed): \(report.violations.joined(separator: "\n"))")
            total.conferences += report.conferences
            total.consultTransfers += report.consultTransfers
            total.blindTransfers += report.blindTransfers
            total.phoneHangUps += report.phoneHangUps
            total.abandonedWhileRinging += report.abandonedWhileRinging
            total.refusalsChecked += report.refusalsChecked
            total.retriesChecked += report.retriesChecked
        }
        #expect(total.conferences > 0 && total.consultTransfers > 0 && total.blindTransfers > 0)
        #expect(total.phoneHangUps > 0 && total.refusalsChecked > 0 && total.retriesChecked > 0)
    }

    @Test("The same seed gives the same day, and its script replays to the same events")
    func deterministicReplay() async {
        let first = await DaySimulation(DayParameters(seed: 5, agentCount: 6, callCount: 40, recordsScript: true)).run()
        let second = await DaySimulation(DayParameters(seed: 5, agentCount: 6, callCount: 40)).run()
        #expect(first.events == second.events && first.steps == second.steps)
        let script = first.script!
        let clock = ManualClock()
        let journal = InMemoryEventJournal()
        let engine = try! TenantEngine(
            tenant: "replay", configuration: script.configuration, clock: clock, telephony: DiscardingTelephony(),
            journal: journal)
        _ = await script.replay(on: engine, clock: clock, timing: false)
        #expect(Int64(journal.count) == script.eventCount)
    }
}
