import Synchronization

/// A token bucket per key (a source address): `burst` requests at once, then one more every
/// `interval`. Buckets that have filled up again are forgotten, so memory stays bounded by the
/// callers of the last few minutes.
final class RateLimiter: Sendable {
    private let burst: Double
    private let interval: Duration
    private let clock = ContinuousClock()
    private let buckets = Mutex<[String: Bucket]>([:])

    /// The most keys kept before the full buckets are swept out.
    private static let sweepAbove = 10_000

    private struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
    }

    init(burst: Int, per interval: Duration) {
        self.burst = Double(burst)
        self.interval = interval
    }

    /// Takes one request's token for `key`; false when none is left (answer 429).
    func allow(_ key: String) -> Bool {
        let now = clock.now
        return buckets.withLock { buckets in
            var bucket = buckets[key] ?? Bucket(tokens: burst, updated: now)
            bucket.tokens = min(burst, bucket.tokens + (now - bucket.updated) / interval)
            bucket.updated = now
            let allowed = bucket.tokens >= 1
            if allowed { bucket.tokens -= 1 }
            buckets[key] = bucket
            if buckets.count > Self.sweepAbove {
                let full = interval * burst
                buckets = buckets.filter { now - $0.value.updated < full }
            }
            return allowed
        }
    }

    /// How long until `key` may send again, in whole seconds (for `Retry-After`).
    func secondsUntilAllowed(_ key: String) -> Int {
        let now = clock.now
        return buckets.withLock { buckets in
            guard let bucket = buckets[key] else { return 0 }
            let tokens = min(burst, bucket.tokens + (now - bucket.updated) / interval)
            guard tokens < 1 else { return 0 }
            let wait = interval * (1 - tokens)
            return Int(wait.components.seconds) + 1
        }
    }
}
