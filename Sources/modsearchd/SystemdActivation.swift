import Foundation

/// Socket activation: systemd passes listening sockets from fd 3 on, with LISTEN_PID and LISTEN_FDS set.
enum SystemdActivation {
    static let firstDescriptor: Int32 = 3

    /// The passed listening socket, if this process was socket-activated.
    static func listeningDescriptor(environment: [String: String] = ProcessInfo.processInfo.environment) -> Int32? {
        guard let pid = environment["LISTEN_PID"].flatMap(Int32.init), pid == getpid(),
              let count = environment["LISTEN_FDS"].flatMap(Int.init), count >= 1 else { return nil }
        unsetenv("LISTEN_PID")
        unsetenv("LISTEN_FDS")
        unsetenv("LISTEN_FDNAMES")
        return firstDescriptor
    }
}

