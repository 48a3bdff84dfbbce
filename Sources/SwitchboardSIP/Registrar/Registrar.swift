public import SwitchboardCore

/// The registrar of agents' phones (RFC 3261 §10.3, SIP.md "Agent phones") as a value: one
/// binding per dial number (a newer registration replaces the phone before it), expiry between
/// 60 and 3600 s (3600 by default; below 60 is 423 with Min-Expires), `Expires: 0` or
/// `Contact: *` to unregister, and bindings that run out on their own.
public struct Registrar: Sendable {
    /// A registered phone.
    public struct Binding: Hashable, Sendable {
        /// The Contact URI the phone is reached at.
        public var contact: String
        public var expiresAt: Instant
        /// The transport address the REGISTER came from (`host:port`).
        public var source: String
        public var callID: String
        public var sequence: UInt32

        public init(contact: String, expiresAt: Instant, source: String, callID: String, sequence: UInt32) {
            self.contact = contact
            self.expiresAt = expiresAt
            self.source = source
            self.callID = callID
            self.sequence = sequence
        }
    }

    /// A phone came, refreshed its registration (a later `expiresAt`) or went: the provider
    /// reports it as a device change.
    public enum Change: Hashable, Sendable {
        case registered(dialNumber: String, Binding)
        case unregistered(dialNumber: String)
    }

    public static let minimumExpiry = 60
    public static let maximumExpiry = 3600

    public private(set) var bindings: [String: Binding] = [:]

    public init() {}

    /// An authenticated REGISTER from `source`: `username` (the digest user) must be the
    /// dial number the To names. `toTag` is the tag of the answer.
    public mutating func register(
        _ request: SIPRequest, authenticatedAs username: String, from source: String, at now: Instant, toTag: String
    ) -> (SIPResponse, Change?) {
        func answer(_ code: Int, _ phrase: String, _ extra: SIPHeaders = SIPHeaders()) -> SIPResponse {
            SIPResponse(answering: request, statusCode: code, reasonPhrase: phrase, toTag: toTag, extra: extra)
        }
        guard let to = try? SIPNameAddress(parsing: request.headers["to"] ?? ""), let dialNumber = to.sipURI?.user else {
            return (answer(400, "The To is not a SIP address of record"), nil)
        }
        guard dialNumber == username else { return (answer(403, "Forbidden"), nil) }
        let contacts = request.headers.values("contact")
        let expiresHeader = request.headers["expires"].flatMap { Int($0) }
        let callID = request.headers["call-id"] ?? ""
        let sequence = (try? SIPCSeq(parsing: request.headers["cseq"] ?? ""))?.sequence ?? 0
        if let current = bindings[dialNumber], current.callID == callID, sequence <= current.sequence {
            return (answer(500, "Out of order"), nil)
        }
        guard !contacts.isEmpty else {
            // A query: the binding as it is.
            return (answer(200, "OK", contactFields(bindings[dialNumber], at: now)), nil)
        }
        if contacts.contains("*") {
            guard contacts.count == 1, expiresHeader == 0 else { return (answer(400, "Contact * needs Expires: 0 alone"), nil) }
            return unregister(dialNumber, answer(200, "OK"))
        }
        guard contacts.count == 1, let contact = try? SIPNameAddress(parsing: contacts[0]) else {
            return (answer(400, "One Contact per phone"), nil)
        }
        let asked = contact.parameters["expires"].flatMap { Int($0) } ?? expiresHeader ?? Self.maximumExpiry
        if asked == 0 {
            guard bindings[dialNumber]?.contact == contact.uri else { return (answer(200, "OK"), nil) }
            return unregister(dialNumber, answer(200, "OK"))
        }
        guard asked >= Self.minimumExpiry else {
            var extra = SIPHeaders()
            extra.append("Min-Expires", "\(Self.minimumExpiry)")
            return (answer(423, "Interval Too Brief", extra), nil)
        }
        let granted = min(asked, Self.maximumExpiry)
        let binding = Binding(
            contact: contact.uri, expiresAt: now.advanced(by: .seconds(Int64(granted))), source: source, callID: callID,
            sequence: sequence)
        bindings[dialNumber] = binding
        return (answer(200, "OK", contactFields(binding, at: now)), .registered(dialNumber: dialNumber, binding))
    }

    /// A binding known from before a restart (the contact center keeps registrations). Its
    /// Call-ID is not known: the phone's next REGISTER is taken whatever its CSeq.
    public mutating func restore(_ dialNumber: String, contact: String, source: String, expiresAt: Instant) {
        bindings[dialNumber] = Binding(contact: contact, expiresAt: expiresAt, source: source, callID: "", sequence: 0)
    }

    /// Forgets the binding of `dialNumber` (the contact center dropped it: the number went to
    /// another agent, or its password changed).
    public mutating func remove(_ dialNumber: String) {
        bindings[dialNumber] = nil
    }

    /// Bindings that ran out by `now` are removed.
    public mutating func expire(at now: Instant) -> [Change] {
        let gone = bindings.filter { $0.value.expiresAt <= now }.keys.sorted()
        for dialNumber in gone { bindings[dialNumber] = nil }
        return gone.map { .unregistered(dialNumber: $0) }
    }

    private mutating func unregister(_ dialNumber: String, _ response: SIPResponse) -> (SIPResponse, Change?) {
        guard bindings.removeValue(forKey: dialNumber) != nil else { return (response, nil) }
        return (response, .unregistered(dialNumber: dialNumber))
    }

    /// `Contact: <uri>;expires=N` and `Expires: N` of a binding (none when there is none).
    private func contactFields(_ binding: Binding?, at now: Instant) -> SIPHeaders {
        var fields = SIPHeaders()
        guard let binding else { return fields }
        let seconds = max(0, binding.expiresAt.duration(since: now).wholeMilliseconds / 1000)
        fields.append("Contact", "<\(binding.contact)>;expires=\(seconds)")
        fields.append("Expires", "\(seconds)")
        return fields
    }
}
