import SwitchboardCore
import Testing

/// A3 (I1's "outside its opening hours"): weekly hours read in local time from the zone's
/// offsets, across a daylight-saving change, with no time-zone database in the core.
@Suite("Opening hours")
struct OpeningHoursTests {
    /// Monday to Friday 08:00–16:00 in Copenhagen: CET (+60) until 29 March 2026 01:00 UTC, then CEST (+120).
    static let weekdays = OpeningHours(
        timeZone: "Europe/Copenhagen",
        days: (1...5).map { OpeningHours.DayHours(weekday: $0, opensAt: 8 * 60, closesAt: 16 * 60) },
        offsets: [
            .init(from: Instant(millisecondsSinceEpoch: 1_767_225_600_000), minutes: 60),
            .init(from: Instant(millisecondsSinceEpoch: 1_774_746_000_000), minutes: 120),
        ])

    static func at(_ milliseconds: Int64) -> Instant { Instant(millisecondsSinceEpoch: milliseconds) }

    @Test("A3 open from the local opening minute to the closing one, on the days listed")
    func weekdayHours() {
        let hours = Self.weekdays
        #expect(!hours.isOpen(at: Self.at(1_774_594_740_000)), "Friday 07:59 local (06:59 UTC, +60)")
        #expect(hours.isOpen(at: Self.at(1_774_594_800_000)), "Friday 08:00 local")
        #expect(hours.isOpen(at: Self.at(1_774_623_540_000)), "Friday 15:59 local")
        #expect(!hours.isOpen(at: Self.at(1_774_623_600_000)), "Friday 16:00 local: closed")
        #expect(!hours.isOpen(at: Self.at(1_774_692_000_000)), "Saturday")
    }

    @Test("A3 after the change to summer time the same local hours are an hour earlier in UTC")
    func daylightSaving() {
        let hours = Self.weekdays
        #expect(!hours.isOpen(at: Self.at(1_774_850_340_000)), "Monday 05:59 UTC is 07:59 local (+120)")
        #expect(hours.isOpen(at: Self.at(1_774_850_400_000)), "Monday 06:00 UTC is 08:00 local")
    }

    @Test("A3 a span is valid only on a weekday and within the day")
    func validity() {
        #expect(OpeningHours.DayHours(weekday: 7, opensAt: 0, closesAt: 1440).isValid)
        #expect(!OpeningHours.DayHours(weekday: 0, opensAt: 0, closesAt: 60).isValid)
        #expect(!OpeningHours.DayHours(weekday: 1, opensAt: 600, closesAt: 600).isValid)
        #expect(!OpeningHours.DayHours(weekday: 1, opensAt: 0, closesAt: 1441).isValid)
    }
}
