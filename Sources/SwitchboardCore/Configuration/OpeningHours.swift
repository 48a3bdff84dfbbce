/// A3, I1: when an entry point is open — weekly hours in a time zone. The core reads no clock and
/// no time-zone database: when the hours are saved the server expands the zone into `offsets`
/// (the UTC offset from each change on, daylight saving time included) for years ahead, so the
/// same instant always reads the same local time, in a replay too.
public struct OpeningHours: Hashable, Sendable, Codable {
    /// The IANA zone the hours are in (`Europe/Copenhagen`).
    public var timeZone: String
    /// The open spans of each weekday; a day with none is closed.
    public var days: [DayHours]
    /// The zone's UTC offset from each instant on, earliest first; before the first, the first.
    public var offsets: [OffsetChange]

    public init(timeZone: String, days: [DayHours], offsets: [OffsetChange]) {
        self.timeZone = timeZone
        self.days = days
        self.offsets = offsets
    }

    /// One open span of a weekday, in minutes after local midnight.
    public struct DayHours: Hashable, Sendable, Codable {
        /// 1 = Monday … 7 = Sunday (ISO 8601).
        public var weekday: Int
        public var opensAt: Int
        /// After `opensAt`, at most 1440 (midnight at the end of the day).
        public var closesAt: Int

        public init(weekday: Int, opensAt: Int, closesAt: Int) {
            self.weekday = weekday
            self.opensAt = opensAt
            self.closesAt = closesAt
        }

        /// Whether the span is a real one: a weekday, and a start before its end within the day.
        public var isValid: Bool { (1...7).contains(weekday) && 0 <= opensAt && opensAt < closesAt && closesAt <= 1440 }
    }

    /// The zone's offset from `from` on.
    public struct OffsetChange: Hashable, Sendable, Codable {
        public var from: Instant
        public var minutes: Int

        public init(from: Instant, minutes: Int) {
            self.from = from
            self.minutes = minutes
        }
    }

    /// Whether `instant` falls in an open span of its local weekday.
    public func isOpen(at instant: Instant) -> Bool {
        let (weekday, minute) = localTime(of: instant)
        return days.contains { $0.weekday == weekday && $0.opensAt <= minute && minute < $0.closesAt }
    }

    /// The ISO weekday and the minute of the local day of `instant`.
    func localTime(of instant: Instant) -> (weekday: Int, minute: Int) {
        var offset = offsets.first?.minutes ?? 0
        for change in offsets {
            guard change.from <= instant else { break }
            offset = change.minutes
        }
        let dayMilliseconds: Int64 = 86_400_000
        let local = instant.millisecondsSinceEpoch + Int64(offset) * 60_000
        let day = local >= 0 ? local / dayMilliseconds : (local - dayMilliseconds + 1) / dayMilliseconds
        let intoDay = local - day * dayMilliseconds
        // 1970-01-01 was a Thursday (ISO weekday 4).
        let weekday = Int(((day + 3) % 7 + 7) % 7) + 1
        return (weekday, Int(intoDay / 60_000))
    }
}
