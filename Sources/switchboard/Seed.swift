import ArgumentParser
import SwitchboardServer

/// `switchboard seed`: creates the demo tenant if it is not there yet.
struct Seed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create the demo tenant in the database if it is missing.")

    @OptionGroup var storage: StorageOptions

    func run() async throws {
        let server = try await SwitchboardServer(configuration: ServerConfiguration(), store: try storage.openStore())
        print(try await server.seedDemoTenant() ? "Created the demo tenant." : "The demo tenant exists already.")
    }
}
