import ArgumentParser
import Foundation
import Hummingbird
import Logging
import SwitchboardServer

/// `switchboard serve`: the HTTP and WebSocket server.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the Switchboard server.")

    @Flag(help: "Seed the demo tenant on first start and turn on the simulated phone network.")
    var demo = false

    @Option(help: "Address to listen on (env SWITCHBOARD_HOST).")
    var host: String = ProcessInfo.processInfo.environment["SWITCHBOARD_HOST"] ?? "127.0.0.1"

    @Option(help: "Port to listen on (env SWITCHBOARD_PORT).")
    var port: Int = ProcessInfo.processInfo.environment["SWITCHBOARD_PORT"].flatMap(Int.init) ?? 8080

    @Option(help: "trace, debug, info, notice, warning, error or critical (env SWITCHBOARD_LOG_LEVEL).")
    var logLevel: String = ProcessInfo.processInfo.environment["SWITCHBOARD_LOG_LEVEL"] ?? "info"

    @Flag(help: "Serve the simulated phone network (on with --demo).")
    var sim = false

    @Option(help: "Serve the web pages from this folder instead of the bundled ones (env SWITCHBOARD_WEB_ROOT).")
    var webRoot: String?

    @Option(help: "The deployment's concurrent-call limit: customer and outside legs up at once over all tenants (env SWITCHBOARD_MAX_CALLS; none by default).")
    var maxCalls: Int? = ProcessInfo.processInfo.environment["SWITCHBOARD_MAX_CALLS"].flatMap(Int.init)

    @OptionGroup var storage: StorageOptions

    func validate() throws {
        if let maxCalls, maxCalls < 1 { throw ValidationError("--max-calls must be at least 1.") }
    }

    func run() async throws {
        guard let level = Logger.Level(rawValue: logLevel) else { throw ValidationError("Unknown log level \(logLevel).") }
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "switchboard")
        raiseOpenFileLimit()
        let configuration = ServerConfiguration(
            host: host, port: port, databasePath: storage.dataDir, isSimEnabled: demo || sim, logLevel: level,
            webRoot: webRoot ?? ProcessInfo.processInfo.environment["SWITCHBOARD_WEB_ROOT"], maximumCalls: maxCalls)
        let server = try await SwitchboardServer(configuration: configuration, store: try storage.openStore())
        if demo, try await server.seedDemoTenant() {
            logger.info("Seeded the demo tenant.")
        }
        if demo {
            print(
                """
                Switchboard is running at http://\(host):\(port)/
                  tenant demo — admin/admin, supervisor/supervisor, agent1…agent4/password (dial numbers 1001…1004)
                  customer calls: POST /v1/sim/calls {"from":"+4512345678","to":"+4570100100"}
                """)
        }
        try await server.makeApplication(logger: logger).runService()
    }
}
