import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Prometheus
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore
import SwitchboardTelephony

/// A broken configuration rule, told two ways: for a change that breaks it, and for a removal
/// that would leave something pointing at nothing.
struct ConfigurationViolation: Equatable {
    let message: String
    let whenRemoving: String

    init(_ message: String, whenRemoving: String? = nil) {
        self.message = message
        self.whenRemoving = whenRemoving ?? message
    }

    /// `dependent` refers to `reference`, which is gone.
    static func dangling(_ dependent: String, _ relation: String, _ reference: String) -> ConfigurationViolation {
        ConfigurationViolation(
            "\(capitalized(dependent)) \(relation) \(reference), which does not exist.",
            whenRemoving: "\(capitalized(reference)) is in use: \(dependent) \(relation) it.")
    }

    private static func capitalized(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }
}

/// What must hold across the configuration's lists: every reference resolves, names and
/// numbers that identify something are unique.
enum ConfigurationRules {
    /// The first broken rule.
    static func violation(in lists: TenantConfiguration.Lists) -> ConfigurationViolation? {
        let queues = Set(lists.queues.map(\.id))
        let teams = Set(lists.teams.map(\.id))
        for entryPoint in lists.entryPoints where !queues.contains(entryPoint.queueID) {
            return .dangling("entry point \(entryPoint.name)", "sends calls to", "queue \(entryPoint.queueID)")
        }
        if let number = duplicate(lists.entryPoints.map(\.dialNumber.value)) {
            return ConfigurationViolation("Two entry points have the number \(number).")
        }
        for team in lists.teams {
            if let queue = team.queueIDs.first(where: { !queues.contains($0) }) {
                return .dangling("team \(team.name)", "serves", "queue \(queue)")
            }
        }
        for agent in lists.agents {
            if agent.teamIDs.isEmpty { return ConfigurationViolation("Agent \(agent.name) must be in at least one team.") }
            if let team = agent.teamIDs.first(where: { !teams.contains($0) }) {
                return .dangling("agent \(agent.name)", "is in", "team \(team)")
            }
        }
        let agentNumbers = lists.agents.compactMap(\.dialNumber?.value)
        if let number = duplicate(agentNumbers) {
            return ConfigurationViolation("Two agents have the number \(number).")
        }
        if let number = Set(agentNumbers).intersection(lists.entryPoints.map(\.dialNumber.value)).min() {
            return ConfigurationViolation("The number \(number) is both an agent's phone and an entry point.")
        }
        for reason in lists.idleReasons + lists.wrapUpReasons {
            if let team = reason.teamIDs.first(where: { !teams.contains($0) }) {
                return .dangling("reason \(reason.name)", "is for", "team \(team)")
            }
        }
        if let code = duplicate(lists.idleReasons.map(\.code)) {
            return ConfigurationViolation("Two idle reasons have the code \(code).")
        }
        if let code = duplicate(lists.wrapUpReasons.map(\.code)) {
            return ConfigurationViolation("Two wrap-up reasons have the code \(code).")
        }
        if let name = duplicate(lists.cadVariables.map(\.name)) {
            return ConfigurationViolation("Two CAD variables are named \(name).")
        }
        let entryPoints = Set(lists.entryPoints.map(\.id))
        for campaign in lists.campaigns {
            if !teams.contains(campaign.teamID) {
                return .dangling("campaign \(campaign.name)", "is called by", "team \(campaign.teamID)")
            }
            if let entryPoint = campaign.callerEntryPointID, !entryPoints.contains(entryPoint) {
                return .dangling("campaign \(campaign.name)", "shows the number of", "entry point \(entryPoint)")
            }
        }
        return nil
    }

    private static func duplicate(_ values: [String]) -> String? {
        var seen: Set<String> = []
        return values.first { !seen.insert($0).inserted }
    }
}
