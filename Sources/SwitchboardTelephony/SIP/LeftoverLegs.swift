import Synchronization
import SwitchboardSIP

/// At start, the SIP legs a previous process kept and never ended (it crashed, `SIPLegLedger`)
/// are ended on the wire, as the router's `reconcile()` ends them in the contact center: a phone
/// left ringing is CANCELled (the INVITE's transaction is taken up, so its 487 is ACKed and a
/// 200 that crossed the CANCEL is ACKed and hung up); a customer's INVITE left unanswered gets
/// 480; every dialog gets a BYE. A leg is forgotten once its far end has answered (or not, in
/// time). Legs over TCP are left to the far end: their connection died with the process.
struct LeftoverLegs {
    let endpoint: SIPEndpoint
    let ledger: SIPLegLedger

    /// Ends every leftover leg, as `host`:`port` (where we listen now).
    func end(host: String, port: Int) {
        for (callID, record) in ledger.leftovers() {
            guard let invite = record.inviteRequest, let peer = try? SIPEndpoint.udpPeer(host: record.peerHost, port: record.peerPort),
                (try? invite.headers.vias())?.first?.transport.uppercased() != "TCP"
            else {
                ledger.forget(callID)
                continue
            }
            let forget: @Sendable (SIPClientEvent) -> Void = { [ledger] event in
                if case .response(let response) = event, response.statusCode < 200 { return }
                ledger.forget(callID)
            }
            if var dialog = record.dialog {
                endpoint.send(dialog.makeRequest(.bye, via: PhoneLegs.via(host, port)), to: peer, events: forget)
            } else if record.side == .customer {
                endpoint.resend(
                    SIPResponse(answering: invite, statusCode: 480, reasonPhrase: "Temporarily Unavailable", toTag: record.localTag),
                    to: peer)
                ledger.forget(callID)
            } else {
                cancel(invite, to: peer, as: (host, port), then: forget)
            }
        }
    }

    /// CANCELs the phone's INVITE; a 200 that comes instead is ACKed (each retransmission) and
    /// hung up (once).
    private func cancel(
        _ invite: SIPRequest, to peer: SIPPeer, as us: (host: String, port: Int), then done: @escaping @Sendable (SIPClientEvent) -> Void
    ) {
        let answered = Mutex<SIPDialog?>(nil)
        endpoint.resume(invite, to: peer) { [endpoint] event in
            guard case .response(let response) = event, (200..<300).contains(response.statusCode) else { return done(event) }
            let (dialog, isFirst) = answered.withLock { kept -> (SIPDialog?, Bool) in
                if let kept { return (kept, false) }
                kept = try? SIPDialog(sent: invite, answer: response, localContact: PhoneLegs.contact(us.host, us.port))
                return (kept, true)
            }
            guard var dialog else { return done(event) }
            endpoint.sendStateless(dialog.makeACK(forInviteSequence: 1, via: PhoneLegs.via(us.host, us.port)), to: peer)
            if isFirst { endpoint.send(dialog.makeRequest(.bye, via: PhoneLegs.via(us.host, us.port)), to: peer, events: done) }
        }
        endpoint.send(PhoneLegs.cancel(of: invite), to: peer) { _ in }
    }
}
