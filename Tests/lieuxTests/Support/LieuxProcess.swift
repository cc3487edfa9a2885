import Foundation
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension LieuxExecutable {
    /// Runs `lieux` with `arguments` and these environment variables added to (or, with a
    /// `nil` value, removed from) the test's; optionally in another working directory.
    static func run(
        _ arguments: [String], environment: [String: String?], directory: URL? = nil
    ) throws -> (status: Int32, output: String, error: String) {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? repositoryRoot
        var variables = ProcessInfo.processInfo.environment
        for (name, value) in environment { variables[name] = value }
        process.environment = variables
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let error = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self), String(decoding: error, as: UTF8.self))
    }

    /// Runs `lieux` and parses its standard output as JSON.
    static func json(_ arguments: [String]) throws -> (status: Int32, value: Any, error: String) {
        let result = try run(arguments)
        let value = try JSONSerialization.jsonObject(with: Data(result.output.utf8))
        return (result.status, value, result.error)
    }
}

/// A `lieux` child process started with `posix_spawn`, that the test may kill at any moment.
///
/// Unlike `Process`, nothing reaps the child behind the test's back: until
/// ``kill(after:)`` has reaped it, its process id cannot be reused, so the signal can only
/// ever reach this child.
struct SpawnedLieux {
    enum Termination: Equatable, CustomStringConvertible {
        case exited(Int32)
        case signaled(Int32)

        var description: String {
            switch self {
            case .exited(let code): "exited with \(code)"
            case .signaled(let signal): "killed by signal \(signal)"
            }
        }
    }

    let pid: pid_t
    let started: ContinuousClock.Instant

    /// Starts `lieux` with `arguments`, its output thrown away.
    init(_ arguments: [String]) throws {
        let path = LieuxExecutable.url.path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, path, &actions, nil, argv, environ)
        guard status == 0 else { throw POSIXError(POSIXErrorCode(rawValue: status) ?? .EINVAL) }
        self.pid = pid
        started = .now
    }

    /// Lets the child run until `delay` after its start, then kills it with SIGKILL, unless
    /// it has ended before; returns how it ended and when (for a child that was killed, the
    /// moment of the kill).
    func kill(after delay: Duration) -> (termination: Termination, at: Duration) {
        let deadline = started + delay
        var status: Int32 = 0
        while true {
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid { return (Self.termination(status), .now - started) }
            if reaped < 0 && errno != EINTR { return (.exited(-1), .now - started) }
            if ContinuousClock.now >= deadline { break }
            usleep(2_000)
        }
        // Not reaped yet: the process id is still this child's, even if it has just ended.
        sendKill(pid)
        let moment = ContinuousClock.now - started
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (Self.termination(status), moment)
    }

    private static func termination(_ status: Int32) -> Termination {
        let signal = status & 0x7f
        return signal == 0 ? .exited((status >> 8) & 0xff) : .signaled(signal)
    }
}

/// SIGKILL to `pid` (outside `SpawnedLieux`, whose `kill(after:)` hides the system's `kill`).
private func sendKill(_ pid: pid_t) {
    _ = kill(pid, SIGKILL)
}
