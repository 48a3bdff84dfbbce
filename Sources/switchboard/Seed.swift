import ArgumentParser
import SwitchboardServer

/// `switchboard seed`: creates the demo tenant if it is not there yet.
struct Seed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create the demo tenant in the database if it is missing.")

    @Option(help: "Agents in the demo tenant (agent1 … agentN, password \"password\"), for load tests.")
    var agents = 4

    @Option(help: "bcrypt cost of the password hashes (4 to 31).")
    var passwordHashCost: UInt8 = 10

    @OptionGroup var storage: StorageOptions

    func validate() throws {
        guard (1...8999).contains(agents) else { throw ValidationError("--agents must be from 1 to 8999.") }
        guard (4...31).contains(passwordHashCost) else { throw ValidationError("--password-hash-cost must be from 4 to 31.") }
    }

    func run() async throws {
        let configuration = ServerConfiguration(passwordHashCost: passwordHashCost)
        let server = try await SwitchboardServer(configuration: configuration, store: try storage.openStore())
        print(try await server.seedDemoTenant(agentCount: agents) ? "Created the demo tenant." : "The demo tenant exists already.")
    }
}
