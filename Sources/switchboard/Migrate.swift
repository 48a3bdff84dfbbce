import ArgumentParser

/// `switchboard migrate`: creates or upgrades the database, then exits.
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create or upgrade the database and exit.")

    @OptionGroup var storage: StorageOptions

    func run() async throws {
        _ = try storage.openStore()
        print("The database in \(storage.dataDir) is up to date.")
    }
}
