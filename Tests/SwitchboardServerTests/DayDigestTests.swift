@testable import SwitchboardServer
import SwitchboardCore
import SwitchboardEngine
import SwitchboardSimulation
import Testing

/// Seeded days rendered to the messages clients get, digested: the numbers below were taken
/// before the core was reshaped into machines, so a reshape that changes any event of these days
/// (a field, an order, a sequence number) shows here.
@Suite("Seeded days replay to the same messages")
struct DayDigestTests {
    /// seed → (events, FNV-1a digest of every message in order), from the release of 2026-11.
    static let recorded: [UInt64: (events: Int, digest: UInt64)] = [
        1: (1016, 705_478_565_139_535_803),
        2: (1050, 6_844_967_468_709_491_840),
        3: (1075, 11_088_154_744_030_861_293),
    ]

    @Test("K1 a seeded day gives the same events as before the reshape", arguments: [UInt64(1), 2, 3])
    func sameMessages(seed: UInt64) async throws {
        let (count, digest) = try await Self.digest(seed: seed)
        let recorded = try #require(Self.recorded[seed])
        #expect(count == recorded.events)
        #expect(digest == recorded.digest)
    }

    static func digest(seed: UInt64) async throws -> (Int, UInt64) {
        let report = await DaySimulation(
            DayParameters(seed: seed, agentCount: 6, callCount: 60, checksEveryStep: false, recordsScript: true)
        ).run()
        #expect(report.violations.isEmpty)
        let script = try #require(report.script)
        let clock = ManualClock()
        let journal = InMemoryEventJournal()
        let engine = try TenantEngine(
            tenant: "sim", configuration: script.configuration, clock: clock, telephony: DiscardingTelephony(),
            journal: journal)
        _ = await script.replay(on: engine, clock: clock, timing: false)
        var digest: UInt64 = 0xcbf2_9ce4_8422_2325
        let events = journal.events(after: 0, limit: Int.max)
        for envelope in events {
            for byte in MessageAdditions.removed(from: EventMessage(envelope: envelope).json).utf8 {
                digest = (digest ^ UInt64(byte)) &* 0x100_0000_01b3
            }
        }
        return (events.count, digest)
    }
}
