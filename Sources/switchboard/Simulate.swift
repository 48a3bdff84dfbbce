import ArgumentParser
import SwitchboardSimulation

/// `switchboard simulate`: plays seeded contact-center days against the engine and checks every
/// invariant after every step.
struct Simulate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Play seeded contact-center days in memory and check the invariants after every step.")

    @Option(help: "The first seed.") var seed: UInt64 = 1
    @Option(help: "How many seeded days to play.") var days = 1
    @Option(help: "Agents logged in.") var agents = 4
    @Option(help: "Customer calls in the day.") var calls = 50
    @Option(help: "Mean seconds between customer calls.") var secondsBetweenCalls = 25.0
    @Flag(help: "Callers choose courtesy callbacks and customers ask for web callbacks (I1–I4).") var callbacks = false
    @Flag(help: "Free agents place outbound calls now and then (J2).") var outdials = false
    @Option(help: "The tenant's concurrent-call limit (J1); what it refuses is expected.") var callLimit: Int?
    @Flag(help: "A preview campaign for the sales team whose agents call, skip or let previews run out (J2).") var campaigns = false

    func run() async throws {
        var failed = 0
        for day in 0..<UInt64(days) {
            let parameters = DayParameters(
                seed: seed + day, agentCount: agents, callCount: calls, meanSecondsBetweenCalls: secondsBetweenCalls,
                callbacks: callbacks, outdials: outdials, callLimit: callLimit, campaigns: campaigns)
            let report = await DaySimulation(parameters).run()
            print("seed \(seed + day): \(report.summary)")
            for violation in report.violations { print("  violation: \(violation)") }
            if !report.violations.isEmpty { failed += 1 }
        }
        if failed > 0 { throw ExitCode.failure }
    }
}
