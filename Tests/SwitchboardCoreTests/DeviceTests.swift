import Foundation
import SwitchboardCore
import Testing

/// L2 agents' SIP phones in the core: registrations as the provider reports them, the `device`
/// the agent and the supervisor see, station login on a registered phone, and the registrations a
/// reconfiguration ends.
@Suite("L2 agent phones")
struct DeviceTests {
    static let secret = DigestSecret(ha1SHA256: "aa", ha1MD5: "bb")

    /// The fixture, with Alice's and Bob's phone numbers and passwords set (as an admin would).
    static func configuration() -> TenantConfiguration {
        Fixture.configuration().modified { lists in
            for index in lists.agents.indices where [Fixture.alice, Fixture.bob].contains(lists.agents[index].id) {
                lists.agents[index].dialNumber = Fixture.dialNumbers[lists.agents[index].id]
                lists.agents[index].sipSecret = secret
            }
        }
    }

    static func phone(_ port: Int = 5062, at h: Harness, seconds: Int64 = 3600) -> PhoneRegistration {
        PhoneRegistration(
            contact: "sip:1001@198.51.100.7:\(port)", source: "198.51.100.7:\(port)", expiresAt: h.now.advanced(by: .seconds(seconds)))
    }

    @Test("L2 a registration shows as the agent's device, logged out or in, with AgentDeviceChanged each time it changes")
    func registrationShows() {
        let h = Harness(Self.configuration())
        #expect(h.center.deviceStatus(of: Fixture.alice) == .none)
        let phone = Self.phone(at: h)
        h.signal(.deviceRegistered(dialNumber: "1001", phone))
        let changed = h.lastEvents(.agentDeviceChanged)
        #expect(changed.count == 1 && changed.first?.agentID == Fixture.alice)
        let device = DeviceStatus(type: .sip, isRegistered: true, contact: phone.contact, expiresAt: phone.expiresAt)
        #expect(changed.first?.data.agent?.device == device)
        #expect(h.center.agentSnapshot(Fixture.alice)?.device == device, "shown while logged out")

        h.signal(.deviceRegistered(dialNumber: "1001", phone))
        #expect(h.lastEvents(.agentDeviceChanged).isEmpty, "the same registration again changes nothing")
        var refreshed = phone
        refreshed.expiresAt = phone.expiresAt.advanced(by: .seconds(600))
        h.signal(.deviceRegistered(dialNumber: "1001", refreshed))
        #expect(h.lastEvents(.agentDeviceChanged).first?.data.agent?.device.expiresAt == refreshed.expiresAt, "a refresh moves expiresAt")

        h.login(Fixture.alice)
        #expect(h.center.agents[Fixture.alice]?.station?.device == .sip)
        h.signal(.deviceUnregistered(dialNumber: "1001"))
        #expect(h.lastEvents(.agentDeviceChanged).first?.data.agent?.device == DeviceStatus(type: .sip, isRegistered: false))
        #expect(h.state(Fixture.alice) == .available, "a phone gone mid-shift shows; the agent stays logged in")
        #expect(h.signal(.deviceUnregistered(dialNumber: "1001")).outcome.isFailure, "a repeated report is refused and changes nothing")
    }

    @Test("L2 station login uses the registered phone; without one the simulated phone when sim is on, else device_not_registered")
    func stationLoginDevice() {
        let h = Harness(Self.configuration())
        let login = AgentCommand.stationLogin(
            teamID: Fixture.supportTeam, dialNumber: "1001", canAnswerRemotely: false, simulatedPhoneAvailable: false)
        let error = h.refuse(login, by: Fixture.alice)
        #expect(error?.code == .deviceNotRegistered && error?.field == "dialNumber")
        #expect(h.lastEvents(.agentStationLoginFailed).count == 1 && h.state(Fixture.alice) == .loggedOut)

        h.run(
            .stationLogin(teamID: Fixture.supportTeam, dialNumber: "1001", canAnswerRemotely: false, simulatedPhoneAvailable: true),
            by: Fixture.alice)
        #expect(h.center.deviceStatus(of: Fixture.alice) == DeviceStatus(type: .sim, isRegistered: true))
        h.signal(.deviceRegistered(dialNumber: "1001", Self.phone(at: h)))
        #expect(
            h.center.deviceStatus(of: Fixture.alice).type == .sim, "a login keeps its phone for the session; a SIP phone is used from the next")
        h.run(.logout, by: Fixture.alice)
        h.run(login, by: Fixture.alice)
        #expect(h.center.deviceStatus(of: Fixture.alice).type == .sip)

        // A station at a number that is not the agent's own: the registered phone there.
        h.signal(.deviceRegistered(dialNumber: "1005", Self.phone(5070, at: h)))
        h.run(.stationLogin(teamID: Fixture.supportTeam, dialNumber: "1005", canAnswerRemotely: false, simulatedPhoneAvailable: false), by: Fixture.carol)
        #expect(h.center.deviceStatus(of: Fixture.carol).contact == "sip:1001@198.51.100.7:5070")
        #expect(h.center.deviceStatus(of: Fixture.bob) == .none, "Bob's phone is not registered")
    }

    @Test("L2 giving a number to another agent, or a new SIP password, ends the registration made with the old credentials")
    func reconfigureDropsStaleRegistrations() {
        let h = Harness(Self.configuration())
        h.signal(.deviceRegistered(dialNumber: "1001", Self.phone(at: h)))
        h.signal(.deviceRegistered(dialNumber: "1002", Self.phone(5064, at: h)))
        // Alice's profile renamed only: the registration stays.
        h.apply(.reconfigure(h.center.configuration.modified { lists in lists.agents[0].name = "Alice A." }))
        #expect(h.center.registrations.count == 2 && h.lastEvents(.agentDeviceChanged).isEmpty)
        // Bob gets a new password; Alice's number goes to Carol.
        let next = h.center.configuration.modified { lists in
            for index in lists.agents.indices {
                switch lists.agents[index].id {
                case Fixture.alice: lists.agents[index].dialNumber = nil
                case Fixture.bob: lists.agents[index].sipSecret = DigestSecret(ha1SHA256: "cc", ha1MD5: "dd")
                case Fixture.carol: lists.agents[index].dialNumber = "1001"
                default: break
                }
            }
        }
        h.apply(.reconfigure(next))
        #expect(h.center.registrations.isEmpty)
        #expect(Set(h.lastEvents(.agentDeviceChanged).compactMap(\.agentID)) == [Fixture.alice, Fixture.bob, Fixture.carol])
    }

    @Test("L2 registrations and the station's phone survive a snapshot; older snapshots read as no registrations and sim stations")
    func snapshotRoundTrip() throws {
        let h = Harness(Self.configuration())
        h.signal(.deviceRegistered(dialNumber: "1001", Self.phone(at: h)))
        h.run(.stationLogin(teamID: Fixture.supportTeam, dialNumber: "1001", canAnswerRemotely: false), by: Fixture.alice)
        let data = try JSONEncoder().encode(h.center)
        let restored = try JSONDecoder().decode(ContactCenter.self, from: data)
        #expect(restored.registrations == h.center.registrations)
        #expect(restored.deviceStatus(of: Fixture.alice) == h.center.deviceStatus(of: Fixture.alice))

        // What a release before phones could register wrote: no `registrations`, no station `device`.
        let older = try JSONSerialization.data(withJSONObject: Self.removing(["registrations", "device"], from: JSONSerialization.jsonObject(with: data)))
        let old = try JSONDecoder().decode(ContactCenter.self, from: older)
        #expect(old.registrations.isEmpty && old.agents[Fixture.alice]?.station?.device == .sim)
    }
}

extension DeviceTests {
    /// `json` without the members called `names`, at any depth.
    static func removing(_ names: Set<String>, from json: Any) -> Any {
        if let object = json as? [String: Any] {
            return object.filter { !names.contains($0.key) }.mapValues { removing(names, from: $0) }
        }
        if let array = json as? [Any] { return array.map { removing(names, from: $0) } }
        return json
    }
}

extension Result {
    var isFailure: Bool { if case .failure = self { true } else { false } }
}
