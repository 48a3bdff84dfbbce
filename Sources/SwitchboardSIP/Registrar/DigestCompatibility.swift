/// Phones whose digest code cannot bear a challenge it does not understand. RFC 8760 lets a
/// server offer several algorithms, one challenge each, and a phone answer the one it supports;
/// some stacks instead refuse the whole answer when any challenge names an algorithm they lack.
/// Such a phone is offered MD5 alone (known by its `User-Agent`); every other phone gets all of
/// `DigestAlgorithm.offered`.
public enum DigestCompatibility {
    /// The algorithms to offer a phone that sent `userAgent`.
    public static func algorithms(forUserAgent userAgent: String?) -> [DigestAlgorithm] {
        guard let userAgent, answersOnlyMD5(userAgent) else { return DigestAlgorithm.offered }
        return [.md5]
    }

    /// baresip before 4 (its libre reads every challenge and gives up at one that is not MD5;
    /// Debian 12 ships 1.0).
    static func answersOnlyMD5(_ userAgent: String) -> Bool {
        let words = userAgent.lowercased().split(separator: " ")
        guard words.first == "baresip" else { return false }
        guard words.count > 1, words[1].hasPrefix("v"), let major = Int(words[1].dropFirst().prefix { $0.isNumber }) else {
            return true
        }
        return major < 4
    }
}
