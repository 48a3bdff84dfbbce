#if canImport(Glibc)
import Glibc
#endif

/// Raises the soft limit on open files to the hard limit: a server with a thousand agents holds a
/// WebSocket per desktop, well past the usual soft limit of 1,024.
func raiseOpenFileLimit() {
    #if canImport(Glibc)
    var limit = rlimit()
    guard getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < limit.rlim_max else { return }
    limit.rlim_cur = limit.rlim_max
    _ = setrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit)
    #endif
}
