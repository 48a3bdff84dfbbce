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

    @Flag(help: "Serve SIP for agents' phones and trunks (on with --demo unless --no-sip).")
    var sip = false

    @Flag(help: "With --demo: no SIP.")
    var noSip = false

    @Option(help: "Address SIP listens on (env SWITCHBOARD_SIP_HOST; default the --host).")
    var sipHost: String?

    @Option(help: "Port SIP listens on, UDP and TCP (env SWITCHBOARD_SIP_PORT).")
    var sipPort: Int = ProcessInfo.processInfo.environment["SWITCHBOARD_SIP_PORT"].flatMap(Int.init) ?? 5060

    @Option(help: "Serve the web pages from this folder instead of the bundled ones (env SWITCHBOARD_WEB_ROOT).")
    var webRoot: String?

    @Option(help: "The deployment's concurrent-call limit: customer and outside legs up at once over all tenants (env SWITCHBOARD_MAX_CALLS; none by default).")
    var maxCalls: Int? = ProcessInfo.processInfo.environment["SWITCHBOARD_MAX_CALLS"].flatMap(Int.init)

    @OptionGroup var storage: StorageOptions

    func validate() throws {
        if let maxCalls, maxCalls < 1 { throw ValidationError("--max-calls must be at least 1.") }
        if sip && noSip { throw ValidationError("--sip and --no-sip cannot both be given.") }
        if !(0...65535).contains(sipPort) { throw ValidationError("--sip-port must be between 0 and 65535.") }
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
        var sipAddress: String?
        if sip || (demo && !noSip) {
            let sipHost = sipHost ?? ProcessInfo.processInfo.environment["SWITCHBOARD_SIP_HOST"] ?? host
            let bound: Int
            do { bound = try await server.startSIP(host: sipHost, port: sipPort) } catch {
                throw ValidationError("SIP cannot listen on \(sipHost):\(sipPort) (\(error)); choose --sip-port, or --no-sip.")
            }
            sipAddress = "\(sipHost):\(bound)"
            logger.info("SIP on UDP and TCP \(sipHost):\(bound).")
        }
        if demo {
            let phones = sipAddress.map { "\n  SIP phones: register sip:1001@\($0) (user 1001, password password, realm demo)" } ?? ""
            print(
                """
                Switchboard is running at http://\(host):\(port)/
                  tenant demo — admin/admin, supervisor/supervisor, agent1…agent4/password (dial numbers 1001…1004)
                  customer calls: POST /v1/sim/calls {"from":"+4512345678","to":"+4570100100"}\(phones)
                """)
        }
        try await server.makeApplication(logger: logger).runService()
    }
}
