import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Prometheus
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore
import SwitchboardTelephony

/// What must hold across the configuration's lists: every reference resolves, names and
/// numbers that identify something are unique.
enum ConfigurationRules {
    /// The first broken rule, as a sentence and the list it concerns.
    static func violation(in lists: TenantConfiguration.Lists) -> String? {
        let queues = Set(lists.queues.map(\.id))
        let teams = Set(lists.teams.map(\.id))
        for entryPoint in lists.entryPoints where !queues.contains(entryPoint.queueID) {
            return "Entry point \(entryPoint.name) sends calls to queue \(entryPoint.queueID), which does not exist."
        }
        if let number = duplicate(lists.entryPoints.map(\.dialNumber.value)) {
            return "Two entry points have the number \(number)."
        }
        for team in lists.teams {
            if let queue = team.queueIDs.first(where: { !queues.contains($0) }) {
                return "Team \(team.name) serves queue \(queue), which does not exist."
            }
        }
        for agent in lists.agents {
            if agent.teamIDs.isEmpty { return "Agent \(agent.name) must be in at least one team." }
            if let team = agent.teamIDs.first(where: { !teams.contains($0) }) {
                return "Agent \(agent.name) is in team \(team), which does not exist."
            }
        }
        for reason in lists.idleReasons + lists.wrapUpReasons {
            if let team = reason.teamIDs.first(where: { !teams.contains($0) }) {
                return "Reason \(reason.name) is for team \(team), which does not exist."
            }
        }
        if let code = duplicate(lists.idleReasons.map(\.code)) { return "Two idle reasons have the code \(code)." }
        if let code = duplicate(lists.wrapUpReasons.map(\.code)) { return "Two wrap-up reasons have the code \(code)." }
        if let name = duplicate(lists.cadVariables.map(\.name)) { return "Two CAD variables are named \(name)." }
        return nil
    }

    private static func duplicate(_ values: [String]) -> String? {
        var seen: Set<String> = []
        return values.first { !seen.insert($0).inserted }
    }
}
