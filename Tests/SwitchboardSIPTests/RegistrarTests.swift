import Foundation
import SwitchboardCore
import SwitchboardSIP
import Testing

/// L2 the registrar of agents' phones (SIP.md "Agent phones"): digest with SHA-256 and MD5 and
/// `qop=auth`, no hint which part was wrong, a source blocked after 10 failures in 60 s, expiry
/// from 60 to 3600 s, unregistering, and bindings that run out.
@Suite("L2 SIP registrar")
struct RegistrarTests {
    static let realm = "demo"
    static let secret = DigestSecret(username: "1001", realm: realm, password: "password")
    static let start = Instant.seconds(1_800_000_000)

    static func service() -> RegistrationService {
        RegistrationService(authenticator: DigestAuthenticator(realm: realm, key: Array("node-key-of-32-bytes-for-tests!!".utf8)))
    }

    static func register(
        user: String = "1001", contact: String? = "<sip:1001@198.51.100.7:5062>", expires: String? = nil, cseq: Int = 1,
        authorization: String? = nil
    ) -> SIPRequest {
        var headers = SIPHeaders()
        headers.append("Via", "SIP/2.0/UDP 198.51.100.7:5062;branch=z9hG4bKr\(cseq)")
        headers.append("Max-Forwards", "70")
        headers.append("From", "<sip:\(user)@switchboard.example>;tag=ph1")
        headers.append("To", "<sip:\(user)@switchboard.example>")
        headers.append("Call-ID", "reg-1@198.51.100.7")
        headers.append("CSeq", "\(cseq) REGISTER")
        if let contact { headers.append("Contact", contact) }
        if let expires { headers.append("Expires", expires) }
        if let authorization { headers.append("Authorization", authorization) }
        return SIPRequest(method: .register, uri: "sip:switchboard.example", headers: headers)
    }

    /// What a phone answers to `challenge` (a `WWW-Authenticate` value), as RFC 7616 computes it.
    static func answer(_ challenge: String, user: String = "1001", password: String = "password") -> String {
        let fields = DigestCredentials(parsing: challenge.replacingOccurrences(of: "Digest ", with: "Digest username=\"x\", uri=\"x\", response=\"x\", "))!
        let algorithm = DigestAlgorithm(named: fields.algorithm)!
        let ha1 = algorithm.ha1(username: user, realm: fields.realm, password: password)
        let ha2 = algorithm.hash("REGISTER:sip:switchboard.example")
        let response = algorithm.hash("\(ha1):\(fields.nonce):00000001:c0ffee:auth:\(ha2)")
        return "Digest username=\"\(user)\", realm=\"\(fields.realm)\", nonce=\"\(fields.nonce)\", uri=\"sip:switchboard.example\", "
            + "response=\"\(response)\", algorithm=\(algorithm.rawValue), qop=auth, nc=00000001, cnonce=\"c0ffee\""
    }

    static func challenges(_ response: SIPResponse) -> [String] { response.headers.values("www-authenticate") }

    @Test("L2 a REGISTER without credentials is challenged with MD5 and SHA-256, qop=auth; either answer registers", arguments: [0, 1])
    func challengeAndRegister(choice: Int) {
        var service = Self.service()
        let (challenge, none) = service.handle(Self.register(), from: "198.51.100.7:5062", at: Self.start, toTag: "t") { _ in Self.secret }
        #expect(challenge.statusCode == 401 && none == nil)
        let offered = Self.challenges(challenge)
        #expect(offered.count == 2 && offered[0].contains("algorithm=MD5") && offered[1].contains("algorithm=SHA-256"), "MD5 first: older phones read only the first")
        #expect(offered.allSatisfy { $0.contains(#"realm="demo""#) && $0.contains(#"qop="auth""#) })
        let authorization = Self.answer(offered[choice])
        let (ok, change) = service.handle(
            Self.register(cseq: 2, authorization: authorization), from: "198.51.100.7:5062", at: Self.start.advanced(by: .seconds(1)),
            toTag: "t") { $0 == "1001" ? Self.secret : nil }
        #expect(ok.statusCode == 200, "\(ok.statusCode) \(ok.reasonPhrase)")
        #expect(ok.headers["contact"] == "<sip:1001@198.51.100.7:5062>;expires=3600" && ok.headers["expires"] == "3600")
        guard case .registered(let dialNumber, let binding)? = change else {
            Issue.record("no change")
            return
        }
        #expect(dialNumber == "1001" && binding.source == "198.51.100.7:5062")
    }

    @Test("L2 a wrong password and an unknown user get the same fresh challenge; 10 failures in 60 s block the address for 60 s")
    func failuresAndThrottle() {
        var service = Self.service()
        var now = Self.start
        let (first, _) = service.handle(Self.register(), from: "203.0.113.9:5060", at: now, toTag: "t") { _ in Self.secret }
        let wrong = Self.answer(Self.challenges(first)[0], password: "guess")
        var answers: [Int] = []
        for attempt in 1...10 {
            now = now.advanced(by: .seconds(1))
            let user = attempt.isMultiple(of: 2) ? "9999" : "1001"
            let (response, _) = service.handle(
                Self.register(user: user, cseq: attempt + 1, authorization: wrong), from: "203.0.113.9:\(5060 + attempt)", at: now,
                toTag: "t") { $0 == "1001" ? Self.secret : nil }
            answers.append(response.statusCode)
            if response.statusCode == 401 { #expect(Self.challenges(response).count == 2, "a fresh challenge, no hint") }
        }
        #expect(answers == Array(repeating: 401, count: 9) + [403], "the tenth failure blocks, from any port of that address")
        let (blocked, _) = service.handle(Self.register(), from: "203.0.113.9:7000", at: now.advanced(by: .seconds(59)), toTag: "t") { _ in Self.secret }
        #expect(blocked.statusCode == 403, "403 to everything, even no credentials")
        let (other, _) = service.handle(Self.register(), from: "203.0.113.10:5060", at: now, toTag: "t") { _ in Self.secret }
        #expect(other.statusCode == 401, "another address is not blocked")
        let (again, _) = service.handle(Self.register(), from: "203.0.113.9:5060", at: now.advanced(by: .seconds(60)), toTag: "t") { _ in Self.secret }
        #expect(again.statusCode == 401, "the block ends after 60 s")
    }

    @Test("L2 an old nonce is challenged again with stale=true, which is not a failure")
    func staleNonce() {
        var service = Self.service()
        let (first, _) = service.handle(Self.register(), from: "198.51.100.7:5062", at: Self.start, toTag: "t") { _ in Self.secret }
        let late = Self.start.advanced(by: .seconds(301))
        let (stale, _) = service.handle(
            Self.register(cseq: 2, authorization: Self.answer(Self.challenges(first)[0])), from: "198.51.100.7:5062", at: late,
            toTag: "t") { _ in Self.secret }
        #expect(stale.statusCode == 401 && Self.challenges(stale).allSatisfy { $0.contains("stale=true") })
    }

    @Test("L2 a phone whose stack refuses any challenge it cannot answer (baresip before 4) is offered MD5 alone, and registers")
    func md5OnlyPhones() {
        var service = Self.service()
        var request = Self.register()
        request.headers.append("User-Agent", "baresip v1.0.0 (x86_64/linux)")
        let (challenge, _) = service.handle(request, from: "198.51.100.7:5062", at: Self.start, toTag: "t") { _ in Self.secret }
        #expect(Self.challenges(challenge).count == 1 && Self.challenges(challenge)[0].contains("algorithm=MD5"))
        var answered = Self.register(cseq: 2, authorization: Self.answer(Self.challenges(challenge)[0]))
        answered.headers.append("User-Agent", "baresip v1.0.0 (x86_64/linux)")
        let (ok, _) = service.handle(answered, from: "198.51.100.7:5062", at: Self.start, toTag: "t") { _ in Self.secret }
        #expect(ok.statusCode == 200)
        #expect(DigestCompatibility.algorithms(forUserAgent: "baresip v4.1.0") == DigestAlgorithm.offered)
        #expect(DigestCompatibility.algorithms(forUserAgent: "Linphone/5.2") == DigestAlgorithm.offered)
        #expect(DigestCompatibility.algorithms(forUserAgent: nil) == [.md5, .sha256])
    }

    @Test("L2 a nonce of another key (the server restarted) is challenged again and never counts as a failure")
    func nonceOfAnotherKey() {
        let before = RegistrationService(authenticator: DigestAuthenticator(realm: Self.realm, key: Array("the-key-before-the-restart-32byt".utf8)))
        let answer = Self.answer(before.authenticator.challenges(at: Self.start)[0])
        var service = Self.service()
        for attempt in 1...12 {
            let (again, none) = service.handle(
                Self.register(cseq: attempt, authorization: answer), from: "198.51.100.7:5062", at: Self.start, toTag: "t") { _ in Self.secret }
            #expect(again.statusCode == 401 && none == nil && !Self.challenges(again).isEmpty, "attempt \(attempt)")
        }
    }

    @Test("L2 a forged nonce, another realm, or another user's dial number are refused")
    func forgeries() {
        var service = Self.service()
        let (first, _) = service.handle(Self.register(), from: "198.51.100.7:5062", at: Self.start, toTag: "t") { _ in Self.secret }
        let good = Self.answer(Self.challenges(first)[0])
        let forged = good.replacingOccurrences(of: "nonce=\"", with: "nonce=\"0")
        let (refused, _) = service.handle(Self.register(cseq: 2, authorization: forged), from: "198.51.100.7:5062", at: Self.start, toTag: "t") { _ in Self.secret }
        #expect(refused.statusCode == 401)
        let (otherAOR, _) = service.handle(
            Self.register(user: "1002", cseq: 3, authorization: good), from: "198.51.100.7:5062", at: Self.start, toTag: "t") { _ in Self.secret }
        #expect(otherAOR.statusCode == 403, "1001's password does not register 1002")
    }

    @Test("L2 expiry: below 60 s is 423 with Min-Expires; above 3600 is granted 3600; Expires: 0 and Contact: * unregister; a binding runs out")
    func expiry() {
        var registrar = Registrar()
        let now = Self.start
        let (brief, _) = registrar.register(Self.register(expires: "30"), authenticatedAs: "1001", from: "a:1", at: now, toTag: "t")
        #expect(brief.statusCode == 423 && brief.headers["min-expires"] == "60")
        let (long, change) = registrar.register(
            Self.register(contact: "<sip:1001@198.51.100.7:5062>;expires=86400", cseq: 2), authenticatedAs: "1001", from: "a:1", at: now,
            toTag: "t")
        #expect(long.headers["expires"] == "3600" && change != nil)
        let (same, refreshed) = registrar.register(Self.register(expires: "120", cseq: 3), authenticatedAs: "1001", from: "a:1", at: now, toTag: "t")
        #expect(same.headers["expires"] == "120")
        guard case .registered(_, let binding)? = refreshed else {
            Issue.record("a refresh is reported: the device's expiresAt moves")
            return
        }
        #expect(binding.expiresAt == now.advanced(by: .seconds(120)))
        let (old, _) = registrar.register(Self.register(cseq: 2), authenticatedAs: "1001", from: "a:1", at: now, toTag: "t")
        #expect(old.statusCode == 500, "an older CSeq of the same Call-ID")
        #expect(registrar.expire(at: now.advanced(by: .seconds(119))).isEmpty)
        #expect(registrar.expire(at: now.advanced(by: .seconds(120))) == [.unregistered(dialNumber: "1001")])
        _ = registrar.register(Self.register(cseq: 4), authenticatedAs: "1001", from: "a:1", at: now, toTag: "t")
        let (star, gone) = registrar.register(Self.register(contact: "*", expires: "0", cseq: 5), authenticatedAs: "1001", from: "a:1", at: now, toTag: "t")
        #expect(star.statusCode == 200 && gone == .unregistered(dialNumber: "1001") && registrar.bindings.isEmpty)
        let (badStar, _) = registrar.register(Self.register(contact: "*", cseq: 6), authenticatedAs: "1001", from: "a:1", at: now, toTag: "t")
        #expect(badStar.statusCode == 400)
    }
}
