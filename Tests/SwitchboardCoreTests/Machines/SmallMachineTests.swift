@testable import SwitchboardCore
import Testing

/// One-line transitions of the recording machine (G1, G2) and the queue book (C2).
@Suite("Recording and queue book")
struct SmallMachineTests {
    @Test("G1 recording starts once")
    func startOnce() {
        var recording = Recording.off
        let first = recording.start()
        let second = recording.start()
        #expect(first && !second && recording == .recording)
    }

    @Test("G2 pause until a deadline, then resume; not twice")
    func pauseResume() throws {
        var recording = Recording.recording
        try recording.pause(until: .seconds(60))
        #expect(recording.pausedUntil == .seconds(60))
        #expect(throwsCode(.internalFault) { try recording.pause(until: .seconds(90)) })
        try recording.resume()
        #expect(recording == .recording)
        #expect(throwsCode(.internalFault) { try recording.resume() })
        var off = Recording.off
        #expect(throwsCode(.internalFault) { try off.pause(until: .seconds(60)) })
    }

    static func entry(_ id: InteractionID, at seconds: Int64, order: UInt64, kind: QueueEntry.Kind = .customer) -> QueueEntry {
        QueueEntry(position: QueuePosition(queueID: "q", enqueuedAt: .seconds(seconds), order: order), interactionID: id, kind: kind)
    }

    @Test("C2 requests wait by arrival time; a returning call takes its original place")
    func order() {
        var book = QueueBook()
        let places = [
            book.insert(Self.entry("b", at: 20, order: 2)), book.insert(Self.entry("c", at: 30, order: 3)),
            book.insert(Self.entry("a", at: 10, order: 1)),
        ]
        #expect(places == [1, 2, 1])
        #expect(book["q"]?.map(\.interactionID) == ["a", "b", "c"])
        #expect(book.place(of: "c", in: "q") == 3)
    }

    @Test("Places count customer calls; consult requests wait beside them")
    func consultsBeside() {
        var book = QueueBook()
        book.insert(Self.entry("x", at: 5, order: 1, kind: .consult))
        book.insert(Self.entry("a", at: 10, order: 2))
        #expect(book.place(of: "a", in: "q") == 2)
        #expect(book.place(of: "x", in: "q") == nil)
    }

    @Test("An emptied queue leaves the book")
    func remove() {
        var book = QueueBook()
        book.insert(Self.entry("a", at: 10, order: 1))
        book.remove("a", from: "q")
        #expect(book.isEmpty && book["q"] == nil)
    }
}
