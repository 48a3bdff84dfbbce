import Foundation
import SwitchboardSIP
import Testing

/// L1 the torture-test messages of RFC 4475, byte for byte (`RFC4475/README.md`): the valid ones
/// are read (and written back stably), the invalid ones are refused with 400 or 505, and none
/// makes the parser trap. What the RFC leaves to the layers above (416, 420, 415, 483, ...) is
/// theirs: those messages are valid here.
@Suite("L1 RFC 4475 torture tests")
struct RFC4475Tests {
    static func bytes(_ name: String) throws -> [UInt8] {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "dat", subdirectory: "RFC4475"))
        return Array(try Data(contentsOf: url))
    }

    static let valid = [
        "wsinv", "intmeth", "esc01", "escnull", "esc02", "lwsdisp", "longreq", "dblreq", "semiuri", "transports", "mpart01",
        "unreason", "noreason", "badbranch", "unkscm", "novelsc", "unksm2", "bext01", "invut", "regaut01", "bcast", "zeromf",
        "cparam01", "cparam02", "regescrt", "sdp01", "inv2543",
    ]

    static let invalid: [(String, Int)] = [
        ("badinv01", 400), ("clerr", 400), ("ncl", 400), ("scalar02", 400), ("quotbal", 400), ("ltgtruri", 400),
        ("lwsruri", 400), ("lwsstart", 400), ("trws", 400), ("regbadct", 400), ("badaspec", 400), ("baddn", 400),
        ("badvers", 505), ("mismatch01", 400), ("mismatch02", 400), ("bigcode", 400), ("insuf", 400), ("multi01", 400),
        ("mcl01", 400),
    ]

    /// The RFC lets a parser refuse these or leave them to the layer above.
    static let either = ["escruri", "baddate", "scalarlg"]

    @Test("L1 RFC 4475 §3.1.1, §3.2–3.4: the valid messages are read and written back stably", arguments: valid)
    func validMessage(name: String) throws {
        let message: SIPMessage
        do { message = try SIPParser.parse(datagram: try Self.bytes(name)) } catch {
            Issue.record("\(name): \(error)")
            return
        }
        let written = message.bytes
        #expect(try SIPParser.parse(datagram: written).bytes == written, "\(name)")
    }

    @Test("L1 RFC 4475 §3.1.2, §3.3: the invalid messages are refused with the status the RFC asks", arguments: invalid)
    func invalidMessage(name: String, status: Int) throws {
        do {
            _ = try SIPParser.parse(datagram: try Self.bytes(name))
            Issue.record("\(name) was taken")
        } catch let error as SIPParseError {
            #expect(error.statusCode == status, "\(name): \(error)")
        }
    }

    @Test("L1 RFC 4475: the messages left to the layers above do not trap the parser", arguments: either)
    func leftToTheLayersAbove(name: String) throws {
        _ = try? SIPParser.parse(datagram: try Self.bytes(name))
    }

    @Test("L1 RFC 4475 details: escapes, unknown methods, an empty or UTF-8 reason, a second message ignored")
    func details() throws {
        guard case .request(let esc02) = try SIPParser.parse(datagram: try Self.bytes("esc02")) else { throw SIPParseError("esc02") }
        #expect(esc02.method.rawValue == "RE%47IST%45R", "an escaped method is no REGISTER")
        guard case .request(let semiuri) = try SIPParser.parse(datagram: try Self.bytes("semiuri")) else { throw SIPParseError("semiuri") }
        #expect(try SIPURI(parsing: semiuri.uri).user == "user;par=u@example.net")
        guard case .request(let escnull) = try SIPParser.parse(datagram: try Self.bytes("escnull")) else { throw SIPParseError("escnull") }
        let to = try SIPNameAddress(parsing: escnull.headers["to"] ?? "")
        #expect(to.sipURI?.user?.utf8.contains(0) == true, "%00 is a NUL in the user")
        guard case .response(let noreason) = try SIPParser.parse(datagram: try Self.bytes("noreason")) else { throw SIPParseError("noreason") }
        #expect(noreason.statusCode == 100 && noreason.reasonPhrase.isEmpty)
        guard case .response(let unreason) = try SIPParser.parse(datagram: try Self.bytes("unreason")) else { throw SIPParseError("unreason") }
        #expect(unreason.statusCode == 200 && unreason.reasonPhrase.unicodeScalars.contains { !$0.isASCII })
        let dblreq = try Self.bytes("dblreq")
        let first = try SIPParser.parse(datagram: dblreq)
        #expect(first.body.count == Int(first.headers["content-length"] ?? "") && first.body.count < dblreq.count / 2)
        guard case .request(let wsinv) = try SIPParser.parse(datagram: try Self.bytes("wsinv")) else { throw SIPParseError("wsinv") }
        #expect(try SIPNameAddress(parsing: wsinv.headers["to"]!).sipURI?.user == "vivekg" && wsinv.headers.vias().count == 3)
    }
}
