import ArgumentParser
import SwitchboardEngine
import SwitchboardSimulation

/// `switchboard bench`: benchmarks that print figures (record them in docs/BENCHMARKS.md).
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Benchmarks; build with -c release.", subcommands: [EngineBenchmark.self, HTTPBenchmark.self])
}

/// Replays a simulated day at full speed against a fresh engine and prints its throughput and
/// the latency of each command.
struct EngineBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "engine",
        abstract: "Replay a seeded day in memory at full speed: commands per second, p50/p99 per command.")

    @Option(help: "Agents logged in.") var agents = 100
    @Option(help: "Customer calls in the day.") var calls = 20_000
    @Option(help: "Mean seconds between customer calls.") var secondsBetweenCalls = 1.0
    @Option(help: "The day's seed.") var seed: UInt64 = 1
    @Option(help: "How many timed replays.") var rounds = 3

    func run() async throws {
        let parameters = DayParameters(
            seed: seed, agentCount: agents, callCount: calls, meanSecondsBetweenCalls: secondsBetweenCalls,
            checksEveryStep: false, recordsScript: true)
        print("Simulating the day (\(agents) agents, \(calls) calls, seed \(seed))...")
        let report = await DaySimulation(parameters).run()
        guard report.violations.isEmpty, let script = report.script else {
            report.violations.forEach { print("violation: \($0)") }
            throw ExitCode.failure
        }
        print(report.summary)
        for round in 1...rounds {
            let clock = ManualClock()
            let journal = InMemoryEventJournal()
            let engine = try! TenantEngine(
                tenant: "bench", configuration: script.configuration, clock: clock, telephony: DiscardingTelephony(),
                journal: journal)
            let wall = ContinuousClock()
            let start = wall.now
            let durations = await script.replay(on: engine, clock: clock)
            let elapsed = wall.now - start
            guard Int64(journal.count) == script.eventCount else {
                print("replay diverged: \(journal.count) events, expected \(script.eventCount)")
                throw ExitCode.failure
            }
            print(LatencySummary(durations: durations, wall: elapsed, events: journal.count).line(round: round))
            if let slowest = durations.indices.max(by: { durations[$0] < durations[$1] }) {
                print("  slowest: step \(slowest), \(script.steps[slowest].step)")
            }
        }
    }
}

/// Throughput and percentiles of a set of per-command durations.
struct LatencySummary {
    let durations: [Duration]
    let wall: Duration
    let events: Int

    func line(round: Int) -> String {
        let sorted = durations.sorted()
        func percentile(_ p: Double) -> String {
            let index = min(sorted.count - 1, Int(Double(sorted.count - 1) * p))
            return microseconds(sorted[index])
        }
        let busy = durations.reduce(Duration.zero, +)
        let perSecond = Double(durations.count) / seconds(busy)
        let wallPerSecond = Double(durations.count) / seconds(wall)
        return "round \(round): \(durations.count) commands, \(events) events in \(format(seconds(wall)))s wall; "
            + "\(Int(perSecond)) commands/s in the engine (\(Int(wallPerSecond)) /s wall); "
            + "p50 \(percentile(0.5)) µs, p99 \(percentile(0.99)) µs, max \(microseconds(sorted.last ?? .zero)) µs"
    }

    private func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    private func microseconds(_ duration: Duration) -> String { format(seconds(duration) * 1e6) }

    private func format(_ value: Double) -> String {
        let scaled = (value * 100).rounded() / 100
        return "\(scaled)"
    }
}
