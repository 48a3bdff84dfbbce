import Foundation
import NIOCore
import NIOHTTP1

/// One simulated agent of `bench http`, driven by callbacks on one event loop (its HTTP
/// connection and its event socket share it, so nothing here needs a lock): waits on its socket
/// for an offer, answers on the phone, holds and resumes, ends, wraps up, and places the next
/// customer call.
final class BenchAgent: @unchecked Sendable {
    /// One command of a call's script.
    private struct Step {
        let method: HTTPMethod
        let path: String
        let body: String
        let asCustomer: Bool
    }

    let token: String
    let dialNumber: String
    let connection: BenchHTTPConnection
    private let holdCycles: Int
    /// The agent's schedule in an open-loop run: one command every `interval`.
    private let interval: TimeAmount?
    private var nextSlot: NIODeadline
    private var deadline = NIODeadline.distantFuture
    private var offers: [String] = []
    private var steps: ArraySlice<Step> = []

    /// What an agent measured inside the window, in milliseconds.
    struct Measurements: Sendable {
        var commandLatencies: [Double] = []
        var deliveryLatencies: [Double] = []
        var failedCommands = 0
    }

    /// Read on the event loop.
    private(set) var measurements = Measurements()

    var eventLoop: any EventLoop { connection.eventLoop }

    init(token: String, dialNumber: String, connection: BenchHTTPConnection, holdCycles: Int, interval: TimeAmount?) {
        self.token = token
        self.dialNumber = dialNumber
        self.connection = connection
        self.holdCycles = holdCycles
        self.interval = interval
        // A random phase, so that the agents do not all send at once.
        nextSlot = .now() + .nanoseconds(Int64.random(in: 0..<max(1, interval?.nanoseconds ?? 1)))
        measurements.commandLatencies.reserveCapacity(1 << 14)
        measurements.deliveryLatencies.reserveCapacity(1 << 15)
    }

    /// The window opens now and closes at `deadline`: measurements before it are forgotten.
    func start(until deadline: NIODeadline) {
        eventLoop.preconditionInEventLoop()
        self.deadline = deadline
        measurements.commandLatencies.removeAll(keepingCapacity: true)
        measurements.deliveryLatencies.removeAll(keepingCapacity: true)
        measurements.failedCommands = 0
    }

    /// An event arrived on the agent's socket.
    func received(_ message: ByteBuffer) {
        if let at = BenchMessage.field("at", in: message), let sent = BenchMessage.seconds(fromTimestamp: at) {
            let delay = (Date().timeIntervalSince1970 - sent) * 1000
            if NIODeadline.now() < deadline { measurements.deliveryLatencies.append(delay) }
        }
        if BenchMessage.field("type", in: message) == Array("AgentOfferContact".utf8),
            let task = BenchMessage.field("taskId", in: message)
        {
            offers.append(String(decoding: task, as: UTF8.self))
            if steps.isEmpty { startNextCall() }
        }
    }

    private func startNextCall() {
        guard !offers.isEmpty, NIODeadline.now() < deadline else { return }
        let task = offers.removeFirst()
        // Waiting for an offer is not load: the schedule picks up from now.
        nextSlot = max(nextSlot, .now())
        var script = [Step(method: .POST, path: "/v1/sim/devices/\(dialNumber)/answer", body: "{}", asCustomer: false)]
        for _ in 0..<holdCycles {
            script.append(Step(method: .POST, path: "/v1/tasks/\(task)/hold", body: "{}", asCustomer: false))
            script.append(Step(method: .POST, path: "/v1/tasks/\(task)/unhold", body: "{}", asCustomer: false))
        }
        script.append(Step(method: .POST, path: "/v1/tasks/\(task)/end", body: "{}", asCustomer: false))
        script.append(Step(method: .POST, path: "/v1/tasks/\(task)/wrapup", body: #"{"reasonId":"resolved"}"#, asCustomer: false))
        script.append(Step(method: .POST, path: "/v1/sim/calls", body: #"{"from":"+4512345678","to":"+4570100100"}"#, asCustomer: true))
        steps = script[...]
        sendNextStep()
    }

    /// Sends the next command at its scheduled moment (open loop) or at once (closed loop).
    private func sendNextStep() {
        guard let step = steps.first else { return startNextCall() }
        let now = NIODeadline.now()
        guard now < deadline else { return }
        guard let interval else { return send(step, scheduledAt: now) }
        let slot = nextSlot
        nextSlot = slot + interval
        if slot <= now {
            send(step, scheduledAt: slot)
        } else {
            eventLoop.scheduleTask(deadline: slot) { self.send(step, scheduledAt: slot) }
        }
    }

    /// Latency counts from the scheduled moment, so a server that falls behind cannot hide its
    /// queueing behind a late send.
    private func send(_ step: Step, scheduledAt slot: NIODeadline) {
        connection.send(step.method, step.path, token: step.asCustomer ? nil : token, body: step.body).whenComplete { result in
            let now = NIODeadline.now()
            if now < self.deadline {
                self.measurements.commandLatencies.append(Double((now - slot).nanoseconds) / 1e6)
                if case .success(let response) = result, response.status < 300 {} else { self.measurements.failedCommands += 1 }
            }
            guard case .success = result else { return }
            self.steps.removeFirst()
            self.sendNextStep()
        }
    }
}

/// Reading the few fields the load generator needs out of a JSON message, without decoding it.
enum BenchMessage {
    /// How far into a message its envelope's fields (`seq`, `type`, `at`, `taskId`) are looked
    /// for: they come first, before the task (a scan of the whole message cost the generator
    /// half its time).
    static let envelopeBytes = 256

    /// The first string member `name` near the start of `message`, as bytes.
    static func field(_ name: String, in message: ByteBuffer) -> [UInt8]? {
        let pattern = Array("\"\(name)\":\"".utf8)
        let bytes = message.readableBytesView.prefix(envelopeBytes)
        guard let start = firstIndex(of: pattern, in: bytes) else { return nil }
        let value = bytes[(start + pattern.count)...]
        return value.firstIndex(of: UInt8(ascii: "\"")).map { Array(value[..<$0]) }
    }

    /// A string member `name` anywhere in `text` (answers during the setup).
    static func field(_ name: String, in text: String) -> String? {
        guard let range = text.range(of: "\"\(name)\":\"") else { return nil }
        let rest = text[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    private static func firstIndex(of pattern: [UInt8], in bytes: ByteBufferView.SubSequence) -> Int? {
        guard bytes.count >= pattern.count else { return nil }
        var index = bytes.startIndex
        while index <= bytes.endIndex - pattern.count {
            if bytes[index] == pattern[0] && bytes[index..<(index + pattern.count)].elementsEqual(pattern) { return index }
            index += 1
        }
        return nil
    }

    /// `2026-11-25T12:03:04.567Z` to seconds since 1970, by arithmetic (a calendar is too slow
    /// for every message of a busy second).
    static func seconds(fromTimestamp utf8: [UInt8]) -> Double? {
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
