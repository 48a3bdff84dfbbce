import Dispatch
import FoundationEssentials
import Logging
import NIOCore
import SwitchboardSIP

/// Where the `sip` provider keeps its call legs (the server: the store's telephony legs).
public protocol SIPLegStorage: Sendable {
    /// Keeps `payload` under `id`, replacing what was there.
    func save(id: String, payload: [UInt8]) throws
    func delete(id: String) throws
    /// Everything kept, in the order it was first saved.
    func all() throws -> [(id: String, payload: [UInt8])]
}

/// What a process needs to end one SIP call leg that it did not end itself because it crashed:
/// the INVITE (the one we sent a phone, or the one a trunk sent us) and where it went or came
/// from, and once answered the dialog. A restart CANCELs a phone left ringing, answers a
/// customer's unanswered INVITE, and BYEs every dialog (`LeftoverLegs`).
struct SIPLegRecord: Codable, Hashable, Sendable {
    enum Side: String, Codable, Sendable {
        /// A leg to an agent's phone: we sent the INVITE.
        case phone
        /// A customer's call from a trunk peer: we received it.
        case customer
    }

    var side: Side
    var invite: String
    var peerHost: String
    var peerPort: Int
    /// The To tag of our answers to the customer's INVITE.
    var localTag: String?
    var dialog: SIPDialog?

    init(side: Side, invite: SIPRequest, peer: SIPPeer, localTag: String? = nil, dialog: SIPDialog? = nil) {
        self.side = side
        self.invite = String(decoding: SIPMessage.request(invite).bytes, as: UTF8.self)
        peerHost = peer.address.ipAddress ?? ""
        peerPort = peer.address.port ?? 0
        self.localTag = localTag
        self.dialog = dialog
    }

    /// The INVITE read back (nil if it no longer parses).
    var inviteRequest: SIPRequest? {
        guard case .request(let request)? = try? SIPParser.parse(datagram: Array(invite.utf8)) else { return nil }
        return request
    }
}

/// The provider's legs as they are kept: every change is written in order on a queue of its own
/// (never on an event loop, never holding a caller), and what must not go out before its leg is
/// kept — the INVITE to a phone, the 200 to a customer, the ACK that confirms a phone's dialog —
/// goes from the queue once the write is done. A write that fails is logged; the call goes on
/// (only a crash before its end would leave that leg to the far end's own timers).
public final class SIPLegLedger: Sendable {
    private let storage: any SIPLegStorage
    private let queue = DispatchQueue(label: "switchboard.sip.legs")
    private let logger = Logger(label: "switchboard.sip.legs")

    public init(storage: any SIPLegStorage) {
        self.storage = storage
    }

    /// Keeps `record` under `callID`, then runs `then`.
    func keep(_ record: SIPLegRecord, callID: String, then: @escaping @Sendable () -> Void = {}) {
        let payload: [UInt8]
        do { payload = Array(try JSONEncoder().encode(record)) } catch {
            logger.error("A SIP leg could not be encoded: \(error)")
            return then()
        }
        queue.async { [storage, logger] in
            do { try storage.save(id: callID, payload: payload) } catch {
                logger.error("The SIP leg \(callID) could not be kept: \(error)")
            }
            then()
        }
    }

    /// Runs `work` once every change queued before is written: what ends a leg never overtakes
    /// what was waiting on a write to start it (a BYE before the 200 or the ACK it follows).
    func afterQueued(_ work: @escaping @Sendable () -> Void) {
        queue.async(execute: work)
    }

    /// The leg `callID` is over.
    func forget(_ callID: String) {
        queue.async { [storage, logger] in
            do { try storage.delete(id: callID) } catch { logger.error("The SIP leg \(callID) could not be removed: \(error)") }
        }
    }

    /// The legs a previous process left (read once, at start, before anything new is kept).
    func leftovers() -> [(callID: String, record: SIPLegRecord)] {
        let kept: [(id: String, payload: [UInt8])]
        do { kept = try queue.sync { try storage.all() } } catch {
            logger.error("The SIP legs a previous process kept could not be read: \(error)")
            return []
        }
        return kept.compactMap { entry in
            guard let record = try? JSONDecoder().decode(SIPLegRecord.self, from: Data(entry.payload)) else {
                logger.warning("The kept SIP leg \(entry.id) does not decode; it is dropped.")
                forget(entry.id)
                return nil
            }
            return (entry.id, record)
        }
    }

    /// Returns once every change queued before is written (for tests).
    func flush() async {
        await withCheckedContinuation { continuation in queue.async { continuation.resume() } }
    }
}
