import ArgumentParser
import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOWebSocket
import Synchronization
import WSClient

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
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: min(agents, 256))
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let api = BenchmarkAPI(client: client, base: "http://127.0.0.1:\(port)")
        do {
            try await drive(api, port: port, server: server)
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
    }

    private func drive(_ api: BenchmarkAPI, port: Int, server: Process) async throws {
        try await api.waitUntilHealthy()
        let load = rate.map { String(format: "open loop at %.0f commands/s", $0) } ?? "closed loop"
        print("Server pid \(server.processIdentifier) on port \(port); \(agents) agents, \(seconds) s, scope \(scope), \(load).")

        var tokens: [String] = []
        for number in 1...agents {
            let token = try await api.login("agent\(number)")
            _ = try await api.call("POST", "/v1/me/station-login", token, #"{"teamId":"support-team","dialNumber":"\#(1000 + number)"}"#)
            tokens.append(token)
        }
        let deadline = Deadline()
        let recorder = LatencyRecorder(deadline: deadline)
        var started = Date()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, token) in tokens.enumerated() {
                group.addTask {
                    let pacer = rate.map { Pacer(interval: Double(agents) / $0) }
                    try await AgentLoop(api: api, token: token, dialNumber: "\(1001 + index)", port: port, scope: scope,
                                        holdCycles: holdCycles, deadline: deadline, recorder: recorder, pacer: pacer).run()
                }
            }
            // Once every socket is open, the agents go Available and the customers start calling.
            try await recorder.waitForSockets(agents)
            for token in tokens {
                _ = try await api.call("PUT", "/v1/me/state", token, #"{"state":"Available"}"#)
            }
            // The clock starts once everyone is ready: setting up a thousand agents is not the load.
            recorder.reset()
            started = Date()
            deadline.start(after: .seconds(seconds))
            for _ in 0..<(agents * callsPerAgent) {
                _ = try await api.call("POST", "/v1/sim/calls", nil, #"{"from":"+4512345678","to":"+4570100100"}"#)
            }
            try await group.waitForAll()
        }
        // Only what finished inside the window counts; the drain after it does not.
        let elapsed = min(Date().timeIntervalSince(started), Double(seconds))
        let memory = Self.memory(of: server.processIdentifier)
        recorder.report(elapsed: elapsed, memory: memory)
        if let metrics = try? await api.call("GET", "/metrics", nil).body {
            print(ServerSideFigures(metrics: metrics).summary)
        }
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

/// One agent: waits on its socket for an offer, answers on the phone, holds and resumes, ends,
/// wraps up, and places the next customer call.
struct AgentLoop {
    let api: BenchmarkAPI
    let token: String
    let dialNumber: String
    let port: Int
    let scope: String
    let holdCycles: Int
    let deadline: Deadline
    let recorder: LatencyRecorder
    /// The agent's schedule in an open-loop run.
    let pacer: Pacer?

    func run() async throws {
        let (offers, offerSink) = AsyncStream.makeStream(of: String.self)
        let recorder = self.recorder
        let deadline = self.deadline
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                _ = try await WebSocketClient.connect(
                    url: "ws://127.0.0.1:\(port)/v1/events?scope=\(scope)&access_token=\(token)", logger: Logger(label: "bench")
                ) { inbound, outbound, _ in
                    recorder.socketOpened()
                    try await withThrowingTaskGroup(of: Void.self) { closer in
                        // At the deadline the socket closes, even if no event is on its way to it.
                        closer.addTask {
                            try await deadline.wait()
                            try await outbound.close(.normalClosure, reason: nil)
                        }
                        var messages = inbound.messages(maxSize: 1 << 22).makeAsyncIterator()
                        while let message = try await messages.next() {
                            guard case .text(let text) = message else { continue }
                            recorder.delivered(text)
                            if text.contains("\"type\":\"AgentOfferContact\""), let task = Self.field("taskId", in: text) {
                                offerSink.yield(task)
                            }
                        }
                        closer.cancelAll()
                    }
                    offerSink.finish()
                }
            }
            group.addTask {
                for await task in offers where !deadline.hasPassed {
                    try await handle(task)
                }
            }
            try await group.waitForAll()
        }
    }

    private func handle(_ task: String) async throws {
        // Waiting for an offer is not load: the schedule picks up from now.
        pacer?.resume()
        try await timed("POST", "/v1/sim/devices/\(dialNumber)/answer")
        for _ in 0..<holdCycles {
            try await timed("POST", "/v1/tasks/\(task)/hold")
            try await timed("POST", "/v1/tasks/\(task)/unhold")
        }
        try await timed("POST", "/v1/tasks/\(task)/end")
        try await timed("POST", "/v1/tasks/\(task)/wrapup", #"{"reasonId":"resolved"}"#)
        try await timed("POST", "/v1/sim/calls", #"{"from":"+4512345678","to":"+4570100100"}"#, asCustomer: true)
    }

    /// Sends one command (at its scheduled moment in an open-loop run) and records its latency.
    private func timed(_ method: String, _ path: String, _ body: String = "{}", asCustomer: Bool = false) async throws {
        let started = try await pacer?.waitForNextSlot() ?? ContinuousClock.now
        let status = try await api.call(method, path, asCustomer ? nil : token, body).status
        recorder.command(ContinuousClock.now - started, ok: status < 300)
    }

    static func field(_ name: String, in text: String) -> String? {
        guard let range = text.range(of: "\"\(name)\":\"") else { return nil }
        let rest = text[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
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

/// One agent's schedule in an open-loop run: a command every `interval` seconds, starting at a
/// random phase so that the agents do not all send at once.
final class Pacer: Sendable {
    private let interval: Duration
    private let next: Mutex<ContinuousClock.Instant>

    init(interval seconds: Double) {
        interval = .nanoseconds(Int64(seconds * 1e9))
        next = Mutex(ContinuousClock.now + .nanoseconds(Int64(Double.random(in: 0..<seconds) * 1e9)))
    }

    /// After idle time (waiting for an offer) the schedule restarts from now, not from the past.
    func resume() {
        let now = ContinuousClock.now
        next.withLock { if $0 < now { $0 = now } }
    }

    /// Sleeps until the next scheduled moment and answers it: latency counts from there, even when
    /// the previous command ran late.
    func waitForNextSlot() async throws -> ContinuousClock.Instant {
        let slot = next.withLock { slot in
            defer { slot += interval }
            return slot
        }
        try await Task.sleep(until: slot, clock: .continuous)
        return slot
    }
}

/// When the load stops: far away until the setup is done, then `seconds` later.
final class Deadline: Sendable {
    private let instant = Mutex(ContinuousClock.now + .seconds(86_400))

    func start(after duration: Duration) { instant.withLock { $0 = ContinuousClock.now + duration } }

    var hasPassed: Bool { instant.withLock { ContinuousClock.now >= $0 } }

    /// Returns once the deadline has passed.
    func wait() async throws {
        while !hasPassed { try await Task.sleep(for: .milliseconds(50)) }
    }
}

/// The server's HTTP API over AsyncHTTPClient.
struct BenchmarkAPI: Sendable {
    let client: HTTPClient
    let base: String

    func call(_ method: String, _ path: String, _ token: String?, _ body: String = "{}") async throws -> (status: Int, body: String) {
        var request = HTTPClientRequest(url: base + path)
        request.method = .RAW(value: method)
        request.headers.add(name: "Content-Type", value: "application/json")
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if method != "GET" { request.body = .bytes(ByteBuffer(string: body)) }
        let response = try await client.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 1 << 22)
        return (Int(response.status.code), String(buffer: bytes))
    }

    func login(_ username: String) async throws -> String {
        let response = try await call("POST", "/v1/auth/login", nil, #"{"tenant":"demo","username":"\#(username)","password":"password"}"#)
        guard let token = AgentLoop.field("token", in: response.body) else { throw ValidationError("login failed: \(response.body)") }
        return token
    }

    func waitUntilHealthy() async throws {
        for _ in 0..<600 {
            if (try? await call("GET", "/healthz", nil).status) == 200 { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw ValidationError("the server did not start")
    }
}

/// Command and event-delivery latencies, from every agent at once.
final class LatencyRecorder: Sendable {
    private struct State {
        var commands: [Duration] = []
        var failed = 0
        var deliveries: [Double] = []
        var sockets = 0
    }

    private let state = Mutex(State())
    private let deadline: Deadline

    init(deadline: Deadline) { self.deadline = deadline }

    func command(_ duration: Duration, ok: Bool) {
        guard !deadline.hasPassed else { return }
        state.withLock {
            $0.commands.append(duration)
            if !ok { $0.failed += 1 }
        }
    }

    func socketOpened() { state.withLock { $0.sockets += 1 } }

    /// Forgets what the setup produced.
    func reset() {
        state.withLock { state in
            state.commands.removeAll()
            state.deliveries.removeAll()
            state.failed = 0
        }
    }

    func waitForSockets(_ count: Int) async throws {
        while state.withLock({ $0.sockets }) < count { try await Task.sleep(for: .milliseconds(20)) }
    }

    /// An event arrived: its delay from the server's `at` to now, in milliseconds.
    func delivered(_ text: String) {
        guard let at = AgentLoop.field("at", in: text), let sent = Self.parse(at) else { return }
        let delay = (Date().timeIntervalSince1970 - sent) * 1000
        guard !deadline.hasPassed else { return }
        state.withLock { $0.deliveries.append(delay) }
    }

    func report(elapsed: Double, memory: (current: Double, peak: Double)) {
        let state = state.withLock { $0 }
        let commands = state.commands.map { Double($0.components.attoseconds) / 1e15 + Double($0.components.seconds) * 1000 }.sorted()
        let deliveries = state.deliveries.sorted()
        func percentile(_ values: [Double], _ p: Double) -> String {
            guard !values.isEmpty else { return "-" }
            return String(format: "%.2f", values[min(values.count - 1, Int(Double(values.count - 1) * p))])
        }
        print(String(format: "commands: %d in %.1f s = %.0f /s (%d failed)", commands.count, elapsed, Double(commands.count) / elapsed, state.failed))
        print("command latency ms: p50 \(percentile(commands, 0.5)), p99 \(percentile(commands, 0.99)), max \(percentile(commands, 1))")
        print("events delivered: \(deliveries.count); delivery latency ms: p50 \(percentile(deliveries, 0.5)), p99 \(percentile(deliveries, 0.99)), max \(percentile(deliveries, 1))")
        print(String(format: "server memory: %.0f MB resident at the end, %.0f MB peak", memory.current, memory.peak))
    }

    /// `2026-11-25T12:03:04.567Z` to seconds since 1970, by arithmetic (a calendar is too slow
    /// for every message of a busy second).
    static func parse(_ text: String) -> Double? {
        let utf8 = Array(text.utf8)
        guard utf8.count >= 23 else { return nil }
        func number(_ range: Range<Int>) -> Int {
            utf8[range].reduce(0) { $0 * 10 + Int($1) - 48 }
        }
        let year = number(0..<4), month = number(5..<7), day = number(8..<10)
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = shiftedYear / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        let seconds = days * 86_400 + number(11..<13) * 3600 + number(14..<16) * 60 + number(17..<19)
        return Double(seconds) + Double(number(20..<23)) / 1000
    }
}
