/// L2: agents' SIP phones as the provider reports them, and the `device` agents and supervisors
/// see (SIP.md "Agent phones").
extension ContactCenter {
    /// A phone registered at `dialNumber`, or refreshed its registration: `AgentDeviceChanged`
    /// for the agent whose phone it is (a refresh moves `expiresAt`).
    mutating func register(_ registration: PhoneRegistration, at dialNumber: DialNumber, in step: inout Step)
        -> ReplyReference
    {
        guard registrations[dialNumber.value] != registration else { return .none }
        registrations[dialNumber.value] = registration
        recordDeviceChange(at: dialNumber, in: &step)
        return .none
    }

    /// The phone at `dialNumber` is gone. Refused when none was registered (a late or repeated
    /// report changes nothing).
    mutating func unregister(_ dialNumber: DialNumber, in step: inout Step) throws(CommandError) -> ReplyReference {
        guard registrations.removeValue(forKey: dialNumber.value) != nil else {
            throw CommandError(.notFound, "No phone is registered at \(dialNumber).")
        }
        recordDeviceChange(at: dialNumber, in: &step)
        return .none
    }

    /// The agent a phone at `dialNumber` belongs to: the one logged in there, else the one whose
    /// number it is.
    func deviceOwner(of dialNumber: DialNumber) -> AgentID? {
        agentIDByDialNumber[dialNumber.value] ?? configuration.agent(withDialNumber: dialNumber)?.id
    }

    /// `device` of an agent: the phone of their station while logged in (the simulated one, or the
    /// SIP phone, registered or not); when logged out, the phone registered at their number.
    public func deviceStatus(of agentID: AgentID) -> DeviceStatus {
        let station = agents[agentID]?.station
        guard let dialNumber = station?.dialNumber ?? configuration.agent(agentID)?.dialNumber else { return .none }
        if station?.device == .sim { return DeviceStatus(type: .sim, isRegistered: true) }
        if let registration = registrations[dialNumber.value] {
            return DeviceStatus(
                type: .sip, isRegistered: true, contact: registration.contact, expiresAt: registration.expiresAt)
        }
        return station == nil ? .none : DeviceStatus(type: .sip, isRegistered: false)
    }

    /// A reconfiguration that gives a number to another agent, or a new SIP password to its
    /// agent, ends the registration made with the old credentials: calls for the new owner must
    /// never ring a phone someone else registered.
    mutating func dropRegistrationsWhoseOwnerChanged(since before: TenantConfiguration, in step: inout Step) {
        for number in registrations.keys.sorted() {
            guard let dialNumber = try? DialNumber(parsing: number) else { continue }
            let old = before.agent(withDialNumber: dialNumber)
            let new = configuration.agent(withDialNumber: dialNumber)
            guard old?.id != new?.id || old?.sipSecret != new?.sipSecret else { continue }
            registrations[number] = nil
            for agentID in Set([old?.id, new?.id, agentIDByDialNumber[number]].compactMap(\.self)).sorted()
            where configuration.agent(agentID) != nil {
                step.record(.agent(.agentDeviceChanged, agentID))
            }
        }
    }

    private func recordDeviceChange(at dialNumber: DialNumber, in step: inout Step) {
        guard let agentID = deviceOwner(of: dialNumber), configuration.agent(agentID) != nil else { return }
        step.record(.agent(.agentDeviceChanged, agentID))
    }
}
