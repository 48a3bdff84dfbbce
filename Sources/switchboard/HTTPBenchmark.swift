import ArgumentParser
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// `switchboard bench http`: a real server process (release build recommended) driven by N
/// simulated agents over HTTP, each with its own WebSocket. Prints commands per second, command
/// latency, event delivery latency and the server's memory.
struct HTTPBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "http",
        abstract: "Drive a real server with N agents over HTTP and WebSocket; print throughput, latency and memory.")

    @Option(help: "Agents, each with a WebSocket and its own calls.") var agents = 100
    @Option(help: "How long the load runs, in seconds.") var seconds = 20
    @Option(help: "Hold/resume pairs per call.") var holdCycles = 3
    @Option(help: "Calls waiting per agent, to keep everyone busy.") var callsPerAgent = 1
    @Option(help: "Event scope of each agent's socket: all (others' state changes too) or own.") var scope = "all"
    @Option(
        help: """
            Commands per second offered in all (open loop: each agent sends on a fixed schedule and latency \
            counts from the scheduled moment, so a slow server cannot hide its queueing). Without it each \
            agent sends its next command as soon as the last one is answered (closed loop: the most the \
            server can do).
            """)
    var rate: Double?

    @Option(help: "Event loop threads of the load generator (it shares the machine with the server it measures).")
    var clientThreads = 1

    func run() async throws {
        raiseOpenFileLimit()
        let binary = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let dataDir = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-bench-\(UUID().uuidString)").path
        let port = Int.random(in: 20_000...40_000)
        try Self.runToEnd(binary, ["seed", "--agents", "\(agents)", "--password-hash-cost", "4", "--data-dir", dataDir])
        let server = Process()
        server.executableURL = URL(fileURLWithPath: binary)
        server.arguments = ["serve", "--demo", "--port", "\(port)", "--data-dir", dataDir, "--log-level", "error"]
        try server.run()
        defer {
            server.terminate()
            server.waitUntilExit()
            try? FileManager.default.removeItem(atPath: dataDir)
        }
        let group = MultiThreadedEventLoopGroup(numberOfThreads: clientThreads)
        do {
            try await drive(port: port, server: server, group: group)
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
        try await group.shutdownGracefully()
    }

    private func drive(port: Int, server: Process, group: MultiThreadedEventLoopGroup) async throws {
        let setup = try await Self.waitUntilHealthy(port: port, on: group.next())
        let load = rate.map { String(format: "open loop at %.0f commands/s", $0) } ?? "closed loop"
        print(
            "Server pid \(server.processIdentifier) on port \(port); \(agents) agents, \(seconds) s, scope \(scope), \(load), "
                + "\(clientThreads) load generator thread(s).")

        // Each agent signs in and opens its socket; its connection and socket share one event loop.
        let interval = rate.map { TimeAmount.nanoseconds(Int64(Double(agents) / $0 * 1e9)) }
        var team: [BenchAgent] = []
        var sockets: [any Channel] = []
        for number in 1...agents {
            let connection = try await BenchHTTPConnection.connect(port: port, on: group.next())
            let login = try await connection.request(
                .POST, "/v1/auth/login", body: #"{"tenant":"demo","username":"agent\#(number)","password":"password"}"#)
            guard let token = BenchMessage.field("token", in: login.text) else { throw ValidationError("login failed: \(login.text)") }
            let agent = BenchAgent(
                token: token, dialNumber: "\(1000 + number)", connection: connection, holdCycles: holdCycles, interval: interval)
            _ = try await connection.request(
                .POST, "/v1/me/station-login", token: token, body: #"{"teamId":"support-team","dialNumber":"\#(agent.dialNumber)"}"#)
            sockets.append(
                try await BenchEventSocket.open(
                    port: port, path: "/v1/events?scope=\(scope)&access_token=\(token)", on: connection.eventLoop,
                    onMessage: agent.received))
            team.append(agent)
        }
        // Once every socket is open, the agents go Available and the customers start calling. The
        // clock starts once everyone is ready: setting up a thousand agents is not the load.
        for agent in team {
            _ = try await agent.connection.request(.PUT, "/v1/me/state", token: agent.token, body: #"{"state":"Available"}"#)
        }
        let deadline = NIODeadline.now() + .seconds(Int64(seconds))
        for agent in team {
            try await agent.eventLoop.submit { agent.start(until: deadline) }.get()
        }
        for _ in 0..<(agents * callsPerAgent) {
            _ = try await setup.request(.POST, "/v1/sim/calls", body: #"{"from":"+4512345678","to":"+4570100100"}"#)
        }
        try await Task.sleep(for: .nanoseconds((deadline - .now()).nanoseconds))

        // Only what finished inside the window counts; the drain after it does not.
        var report = LatencyReport()
        for agent in team {
            report.add(try await agent.eventLoop.submit { agent.measurements }.get())
        }
        for socket in sockets { await BenchEventSocket.close(socket) }
        for agent in team { await agent.connection.close() }
        report.print(elapsed: Double(seconds), memory: Self.memory(of: server.processIdentifier))
        if let metrics = try? await setup.request(.GET, "/metrics") {
            print(ServerSideFigures(metrics: metrics.text).summary)
        }
        await setup.close()
    }

    /// A connection to the server once it answers `/healthz`.
    static func waitUntilHealthy(port: Int, on eventLoop: any EventLoop) async throws -> BenchHTTPConnection {
        for _ in 0..<600 {
            if let connection = try? await BenchHTTPConnection.connect(port: port, on: eventLoop) {
                if (try? await connection.request(.GET, "/healthz"))?.status == 200 { return connection }
                await connection.close()
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw ValidationError("the server did not start")
    }

    static func runToEnd(_ binary: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ValidationError("\(arguments.first ?? "") failed") }
    }

    /// VmRSS and VmHWM (peak) of a process, in MB.
    static func memory(of pid: Int32) -> (current: Double, peak: Double) {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return (0, 0) }
        func field(_ name: String) -> Double {
            let line = status.split(separator: "\n").first { $0.hasPrefix(name) } ?? ""
            return (Double(line.split(separator: " ").dropFirst().first { !$0.isEmpty } ?? "0") ?? 0) / 1024
        }
        return (field("VmRSS:"), field("VmHWM:"))
    }
}

/// Every agent's measurements together, and what they add up to.
struct LatencyReport {
    private var commands: [Double] = []
    private var deliveries: [Double] = []
    private var failed = 0

    mutating func add(_ measurements: BenchAgent.Measurements) {
        commands += measurements.commandLatencies
        deliveries += measurements.deliveryLatencies
        failed += measurements.failedCommands
    }

    func print(elapsed: Double, memory: (current: Double, peak: Double)) {
        let commands = commands.sorted()
        let deliveries = deliveries.sorted()
        func percentile(_ values: [Double], _ p: Double) -> String {
            guard !values.isEmpty else { return "-" }
            return String(format: "%.2f", values[min(values.count - 1, Int(Double(values.count - 1) * p))])
        }
        Swift.print(
            String(
                format: "commands: %d in %.1f s = %.0f /s (%d failed)", commands.count, elapsed, Double(commands.count) / elapsed,
                failed))
        Swift.print(
            "command latency ms: p50 \(percentile(commands, 0.5)), p99 \(percentile(commands, 0.99)), max \(percentile(commands, 1))")
        Swift.print(
            "events delivered: \(deliveries.count); delivery latency ms: p50 \(percentile(deliveries, 0.5)), "
                + "p99 \(percentile(deliveries, 0.99)), max \(percentile(deliveries, 1))")
        Swift.print(String(format: "server memory: %.0f MB resident at the end, %.0f MB peak", memory.current, memory.peak))
    }
}

/// What the server itself measured (its `/metrics`, over the whole run including the setup):
/// command latency from request to answer, and how many inputs each journal transaction carried.
struct ServerSideFigures {
    let metrics: String

    var summary: String {
        let duration = buckets("switchboard_command_duration_seconds")
        let groups = buckets("switchboard_journal_group_size")
        let meanGroup = value("switchboard_journal_group_size_sum") / max(1, value("switchboard_journal_group_size_count"))
        func ms(_ seconds: Double?) -> String {
            guard let seconds, seconds.isFinite else { return "above the largest bucket" }
            return String(format: "≤ %.2f", seconds * 1000)
        }
        return """
            server-side command latency ms (bucket bounds): p50 \(ms(quantile(duration, 0.5))), p99 \(ms(quantile(duration, 0.99)))
            journal: \(Int(value("switchboard_journal_group_size_count"))) transactions, \(String(format: "%.1f", meanGroup)) inputs each on average, p99 \(quantile(groups, 0.99).map { "≤ \(Int($0))" } ?? "-")
            """
    }

    /// The cumulative buckets of a histogram: (upper bound, count), ascending.
    private func buckets(_ name: String) -> [(bound: Double, count: Double)] {
        metrics.split(separator: "\n").compactMap { line -> (Double, Double)? in
            guard line.hasPrefix(name + "_bucket"), let open = line.range(of: "le=\""),
                let close = line[open.upperBound...].firstIndex(of: "\""),
                let bound = Double(line[open.upperBound..<close]),
                let count = line.split(separator: " ").last.flatMap({ Double($0) })
            else { return nil }
            return (bound, count)
        }.sorted { $0.0 < $1.0 }
    }

    private func quantile(_ buckets: [(bound: Double, count: Double)], _ q: Double) -> Double? {
        guard let total = buckets.last?.count, total > 0 else { return nil }
        return buckets.first { $0.count >= total * q }?.bound
    }

    private func value(_ name: String) -> Double {
        metrics.split(separator: "\n").first { $0.hasPrefix(name + " ") }.flatMap { $0.split(separator: " ").last }
            .flatMap { Double($0) } ?? 0
    }
}
