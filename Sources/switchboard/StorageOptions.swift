import ArgumentParser
import Foundation
import SwitchboardStore

/// Where the data lives: `--data-dir` and `--database`, also from the environment.
struct StorageOptions: ParsableArguments {
    @Option(help: "Folder for the embedded database (env SWITCHBOARD_DATA_DIR).")
    var dataDir: String = ProcessInfo.processInfo.environment["SWITCHBOARD_DATA_DIR"] ?? "./data"

    @Option(help: "sqlite (embedded, the default) or a postgres:// URL (env SWITCHBOARD_DATABASE).")
    var database: String = ProcessInfo.processInfo.environment["SWITCHBOARD_DATABASE"] ?? "sqlite"

    func openStore() throws -> SQLiteStore {
        guard database == "sqlite" else {
            throw ValidationError(
                "Only the embedded SQLite database is available in this version; PostgreSQL arrives with the multi-node backend.")
        }
        try FileManager.default.createDirectory(atPath: dataDir, withIntermediateDirectories: true)
        return try SQLiteStore(path: (dataDir as NSString).appendingPathComponent("switchboard.sqlite"))
    }
}
