import CZstd
import Foundation

/// Event messages are stored compressed (Zstandard, level 1). A task's JSON, the bulk of most
/// events, shrinks to about a quarter (2.6 kB to 690 bytes): the database grows four times slower,
/// and a commit writes about half the pages (a message over 1 kB took an overflow page of its own).
final class MessageCompressor: @unchecked Sendable {
    // One context, reused for every message (setting one up costs more than compressing a few
    // kB); guarded by `lock`.
    private let context: OpaquePointer
    private let lock = NSLock()

    init() {
        guard let context = ZSTD_createCCtx() else { preconditionFailure("Zstandard could not allocate a context") }
        self.context = context
    }

    deinit { ZSTD_freeCCtx(context) }

    /// `text` compressed, as one frame that records its content size.
    func compress(_ text: String) -> Data {
        var utf8 = text
        return utf8.withUTF8 { input in
            var output = Data(count: ZSTD_compressBound(input.count))
            let produced = output.withUnsafeMutableBytes { buffer in
                lock.withLock { ZSTD_compressCCtx(context, buffer.baseAddress, buffer.count, input.baseAddress, input.count, 1) }
            }
            // Only a programming error fails here: the output has room for the worst case.
            precondition(
                ZSTD_isError(produced) == 0, "Zstandard could not compress a message: \(String(cString: ZSTD_getErrorName(produced)))")
            output.count = produced
            return output
        }
    }

    struct Corrupt: Error, CustomStringConvertible {
        let reason: String
        var description: String { "a stored event message could not be decompressed (\(reason))" }
    }

    /// The text `data` holds.
    static func decompress(_ data: Data) throws -> String {
        try data.withUnsafeBytes { input in
            let size = ZSTD_getFrameContentSize(input.baseAddress, input.count)
            // ZSTD_CONTENTSIZE_UNKNOWN and ZSTD_CONTENTSIZE_ERROR are the two largest values.
            guard size < UInt64.max - 1, size <= 64 << 20 else { throw Corrupt(reason: "no content size") }
            var output = [UInt8](repeating: 0, count: Int(size))
            let produced = output.withUnsafeMutableBytes { buffer in
                ZSTD_decompress(buffer.baseAddress, buffer.count, input.baseAddress, input.count)
            }
            guard ZSTD_isError(produced) == 0, produced == Int(size) else {
                throw Corrupt(reason: String(cString: ZSTD_getErrorName(produced)))
            }
            return String(decoding: output, as: UTF8.self)
        }
    }
}
