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
        commands = registry.makeCounter(name: "switchboard_commands_total", help: "Agent commands applied.")
        failedCommands = registry.makeCounter(name: "switchboard_commands_failed_total", help: "Agent commands refused.")
        commandDuration = registry.makeDurationHistogram(
            name: "switchboard_command_duration_seconds",
            buckets: [.microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2),
                      .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100)],
            help: "Time from receiving an agent command to answering it (its journal entry stored).")
        journalGroupSize = registry.makeValueHistogram(
            name: "switchboard_journal_group_size", buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512],
            help: "Inputs stored per journal transaction (group commit).")
    }

    /// Sets the gauges from the tenants' current state and renders the whole registry.
    func render(states: [(tenant: String, state: ContactCenter)]) -> String {
        for (tenant, state) in states {
            for queue in state.configuration.queues {
                registry.makeGauge(name: "switchboard_calls_in_queue", labels: [("tenant", tenant), ("queue", queue.name)],
                                   help: "Customer calls waiting in a queue.")
                    .set(Double(state.queues[queue.id]?.count(where: { $0.kind == .customer }) ?? 0))
            }
            var byState: [AgentState: Int] = [:]
            for agent in state.agents.values { byState[agent.shownState, default: 0] += 1 }
            for agentState in AgentState.allCases {
                registry.makeGauge(name: "switchboard_agents", labels: [("tenant", tenant), ("state", agentState.rawValue)],
                                   help: "Agents by state.")
                    .set(Double(byState[agentState] ?? 0))
            }
        }
        return registry.emitToString()
    }
}
