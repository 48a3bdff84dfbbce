import Synchronization

/// Where the server's random values come from (bearer tokens, generated ids): the system's
/// generator in production, a seeded one in tests, so a test can name what it will be given.
final class RandomSource: Sendable {
    private let generator: Mutex<any RandomNumberGenerator & Sendable>

    init(_ generator: any RandomNumberGenerator & Sendable) {
        self.generator = Mutex(generator)
    }

    /// `count` characters of the URL-safe base64 alphabet, 6 random bits each.
    func urlSafeText(count: Int) -> String {
        generator.withLock { generator in
            String((0..<count).map { _ in Self.alphabet[Int(generator.next() % 64)] })
        }
    }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
}
