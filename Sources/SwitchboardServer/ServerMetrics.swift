import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Prometheus
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore
import SwitchboardTelephony

/// The Prometheus metrics at `/metrics`: commands, their latency, calls in queue, agents by state.
final class ServerMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    let commands: Counter
    let failedCommands: Counter
    let commandDuration: DurationHistogram
    let journalGroupSize: ValueHistogram

    init() {
        commands = registry.makeCounter(descriptor: Self.name("commands", "total", "Agent commands applied."))
        failedCommands = registry.makeCounter(
            descriptor: Self.name("commands_failed", "total", "Agent commands refused."))
        commandDuration = registry.makeDurationHistogram(
            descriptor: Self.name(
                "command_duration", "seconds", "Time from receiving an agent command to answering it (its journal entry stored)."),
            buckets: [.microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2),
                      .milliseconds(3), .milliseconds(5), .milliseconds(7), .milliseconds(10), .milliseconds(15),
                      .milliseconds(20), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250)])
        journalGroupSize = registry.makeValueHistogram(
            descriptor: Self.name("journal_group_size", "", "Inputs stored per journal transaction (group commit)."),
            buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512])
    }

    /// `switchboard_<name>_<unit>` (no unit: empty).
    private static func name(_ name: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "switchboard", metricName: name, unitName: unit, helpText: help)
    }

    /// Sets the gauges from the tenants' current state and renders the whole registry.
    func render(states: [(tenant: String, state: ContactCenter)]) -> String {
        for (tenant, state) in states {
            for queue in state.configuration.queues {
                registry.makeGauge(
                    descriptor: Self.name("calls_in_queue", "", "Customer calls waiting in a queue."),
                    labels: [("tenant", tenant), ("queue", queue.name)])
                    .set(Double(state.queues[queue.id]?.count(where: { $0.kind == .customer }) ?? 0))
            }
            let byState = state.agentsByState
            for agentState in AgentState.allCases {
                registry.makeGauge(
                    descriptor: Self.name("agents", "", "Agents by state."),
                    labels: [("tenant", tenant), ("state", agentState.rawValue)])
                    .set(Double(byState[agentState] ?? 0))
            }
        }
        return registry.emitToString()
    }
}
