import ArgumentParser

/// The `switchboard` command line.
@main
struct Switchboard: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "switchboard",
        abstract: "Switchboard, a self-hosted contact center.",
        subcommands: [Serve.self, Migrate.self, Seed.self, Simulate.self, Bench.self]
    )
}
