import Foundation
import HTTPTypes
import Hummingbird
public import Logging
import NIOCore
import Prometheus
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore
import SwitchboardTelephony

/// How the server runs: where it listens, where it keeps its data, and its limits.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// The SQLite file; nil keeps everything in memory (tests).
    public var databasePath: String?
    /// Serve the `sim` telephony provider (the simulated phone network).
    public var isSimEnabled: Bool
    /// How long a bearer token lasts.
    public var tokenLifetime: Duration
    /// The largest request body accepted.
    public var maximumBodySize: Int
    /// How many events a slow WebSocket client may fall behind before it is cut off.
    public var eventBufferSize: Int
    /// bcrypt cost for new password hashes.
    public var passwordHashCost: UInt8
    /// How long a simulated outside party takes to answer.
    public var simulatedOutsideAnswerDelay: Duration
    public var logLevel: Logger.Level
    /// The folder the web pages are served from; nil serves the ones bundled with the server.
    /// Pointing it at `Sources/SwitchboardServer/Resources/web` shows page edits without a rebuild.
    public var webRoot: String?
    /// J1: the deployment's concurrent-call limit, customer and outside legs over all tenants
    /// (`serve --max-calls`); nil: none.
    public var maximumCalls: Int?

    public init(
        host: String = "127.0.0.1", port: Int = 8080, databasePath: String? = nil, isSimEnabled: Bool = true,
        tokenLifetime: Duration = .seconds(12 * 3600), maximumBodySize: Int = 64 * 1024, eventBufferSize: Int = 1024,
        passwordHashCost: UInt8 = 10, simulatedOutsideAnswerDelay: Duration = .seconds(3), logLevel: Logger.Level = .info,
        webRoot: String? = nil, maximumCalls: Int? = nil
    ) {
        self.host = host
        self.port = port
        self.databasePath = databasePath
        self.isSimEnabled = isSimEnabled
        self.tokenLifetime = tokenLifetime
        self.maximumBodySize = maximumBodySize
        self.eventBufferSize = eventBufferSize
        self.passwordHashCost = passwordHashCost
        self.simulatedOutsideAnswerDelay = simulatedOutsideAnswerDelay
        self.logLevel = logLevel
        self.webRoot = webRoot
        self.maximumCalls = maximumCalls
    }
}
