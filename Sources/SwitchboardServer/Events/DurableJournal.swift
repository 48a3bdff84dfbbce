import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Prometheus
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore
import SwitchboardTelephony

/// The engine's journal on the server: each input and its events go to the store in one
/// transaction, and once committed the events' messages go to the live subscribers. A message
/// is encoded once, for the store and for every socket alike.
final class DurableJournal: EventJournal {
    let tenant: String
    let store: any SwitchboardStore
    let hub: EventHub

    init(tenant: String, store: any SwitchboardStore, hub: EventHub) {
        self.tenant = tenant
        self.store = store
        self.hub = hub
    }

    func append(_ entry: JournalEntry) throws {
        let events = entry.events.map { envelope in
            StoredEvent(
                sequence: envelope.sequence, at: envelope.at, type: envelope.event.type.rawValue,
                taskID: envelope.event.taskID?.rawValue, agentID: envelope.event.agentID?.rawValue,
                interactionID: envelope.event.interactionID?.rawValue,
                message: EventMessage(envelope: envelope).json)
        }
        try store.append(entry, events: events, of: tenant)
        if !events.isEmpty { hub.publish(events) }
    }

    func saveSnapshot(_ snapshot: EngineSnapshot) throws {
        try store.saveSnapshot(snapshot, of: tenant)
    }
}
