import Foundation
import SwitchboardCore

/// `openingHours` of an entry point (A3): `{"timeZone":"Europe/Copenhagen","days":[{"weekday":1,
/// "opens":"08:00","closes":"16:00"}]}`, or null for always open. On save the zone is expanded
/// into the offsets the core reads local time with (`OpeningHours.offsets`), from a year back to
/// `yearsAhead` years on; a later save expands it again.
enum OpeningHoursShape {
    static let field = "openingHours"
    static let yearsAhead = 10

    /// The JSON the admin API shows (the offsets are the server's business).
    static func json(_ hours: OpeningHours?) -> JSONValue {
        guard let hours else { return .null }
        let days: [JSONValue] = hours.days.map { day in
            .object([
                "weekday": .number(Double(day.weekday)), "opens": .string(clock(day.opensAt)),
                "closes": .string(clock(day.closesAt)),
            ])
        }
        return .object(["timeZone": .string(hours.timeZone), "days": .array(days)])
    }

    /// The hours a body gives (absent: `old`, its offsets expanded again from now; null: always
    /// open), checked and expanded.
    static func hours(from body: JSONFields, old: OpeningHours?, now: Date = Date()) throws(APIError) -> OpeningHours? {
        guard body.has(field) else {
            guard var old, let zone = TimeZone(identifier: old.timeZone) else { return old }
            old.offsets = offsets(of: zone, around: now)
            return old
        }
        guard case .object(let object)? = try body.object(field) else { return nil }
        let fields = try JSONFields(.object(object), allowed: ["timeZone", "days"])
        let zoneName = try fields.string("timeZone") ?? ""
        guard let zone = TimeZone(identifier: zoneName) else {
            throw APIError.invalidRequest(
                "\"\(field).timeZone\" must be an IANA time zone, such as Europe/Copenhagen.",
                details: ["field": .string("\(field).timeZone")])
        }
        var days: [OpeningHours.DayHours] = []
        for (index, value) in (try fields.array("days") ?? []).enumerated() {
            let name = "\(field).days[\(index)]"
            let invalid = APIError.invalidRequest(
                "\"\(name)\" must be {\"weekday\": 1 (Monday) to 7, \"opens\": \"HH:MM\", \"closes\": \"HH:MM\" after it}.",
                details: ["field": .string(name)])
            guard case .object(let entry) = value,
                let day = try? JSONFields(.object(entry), allowed: ["weekday", "opens", "closes"]),
                let weekday = try? day.integer("weekday"),
                let opens = (try? day.string("opens")).flatMap({ $0 }).flatMap(minutes),
                let closes = (try? day.string("closes")).flatMap({ $0 }).flatMap(minutes)
            else { throw invalid }
            let hours = OpeningHours.DayHours(weekday: weekday, opensAt: opens, closesAt: closes)
            guard hours.isValid else { throw invalid }
            days.append(hours)
        }
        return OpeningHours(timeZone: zone.identifier, days: days, offsets: offsets(of: zone, around: now))
    }

    /// `configuration` with the offsets of every entry point whose table misses one of its zone's
    /// changes in the next two years expanded again (a zone without changes never needs it).
    static func refreshed(_ configuration: TenantConfiguration, now: Date = Date()) -> TenantConfiguration {
        let horizon = now.addingTimeInterval(2 * 366 * 86_400)
        return configuration.modified { lists in
            for index in lists.entryPoints.indices {
                guard let hours = lists.entryPoints[index].openingHours, let zone = TimeZone(identifier: hours.timeZone)
                else { continue }
                let listedThrough = Date(
                    timeIntervalSince1970: Double(hours.offsets.last?.from.millisecondsSinceEpoch ?? 0) / 1000)
                guard let next = zone.nextDaylightSavingTimeTransition(after: listedThrough), next < horizon else { continue }
                lists.entryPoints[index].openingHours?.offsets = offsets(of: zone, around: now)
            }
        }
    }

    /// The zone's UTC offset from a year before `now` on, and at each change for `yearsAhead` years.
    static func offsets(of zone: TimeZone, around now: Date) -> [OpeningHours.OffsetChange] {
        let start = now.addingTimeInterval(-366 * 86_400)
        let end = now.addingTimeInterval(Double(yearsAhead) * 366 * 86_400)
        var changes = [change(zone, at: start)]
        var date = start
        while let next = zone.nextDaylightSavingTimeTransition(after: date), next <= end {
            changes.append(change(zone, at: next))
            date = next
        }
        return changes
    }

    private static func change(_ zone: TimeZone, at date: Date) -> OpeningHours.OffsetChange {
        OpeningHours.OffsetChange(
            from: Instant(millisecondsSinceEpoch: Int64((date.timeIntervalSince1970 * 1000).rounded())),
            minutes: zone.secondsFromGMT(for: date) / 60)
    }

    /// "HH:MM" (00:00 to 24:00) as minutes after midnight.
    static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy { "0123456789".contains($0) } }),
            let hour = Int(parts[0]), let minute = Int(parts[1]),
            (0...24).contains(hour), (0...59).contains(minute), hour < 24 || minute == 0
        else { return nil }
        return hour * 60 + minute
    }

    static func clock(_ minutes: Int) -> String {
        let two = { (value: Int) in value < 10 ? "0\(value)" : "\(value)" }
        return "\(two(minutes / 60)):\(two(minutes % 60))"
    }
}
