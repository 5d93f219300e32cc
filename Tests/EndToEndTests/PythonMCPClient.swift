import Foundation

/// The Python MCP SDK, a real assistant-side client, in a virtual environment of its own under
/// `.build/` with the versions of `MCPClient/requirements.txt`: made by the first test that needs it
/// (Debian's python3 and python3-venv, which scripts/deps installs, and PyPI), kept for later runs
/// while the requirements are unchanged.
enum PythonMCPClient {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("MCPClient")
    static let script = folder.appendingPathComponent("mcp_client.py").path
    static let requirements = folder.appendingPathComponent("requirements.txt").path
    static let environment = Harness.packageRoot.appendingPathComponent(".build/mcp-client-venv").path
    static var python: String { environment + "/bin/python" }

    /// Makes the environment once per test process; throws with pip's or venv's own words.
    static let ready: Result<Void, Failure> = {
        let installed = environment + "/requirements.txt"
        let wanted = (try? String(contentsOfFile: requirements, encoding: .utf8)) ?? ""
        if (try? String(contentsOfFile: installed, encoding: .utf8)) == wanted { return .success(()) }
        do {
            try? FileManager.default.removeItem(atPath: environment)
            guard let python3 = Harness.which("python3") else { throw Failure("no python3 (scripts/deps installs it)") }
            for (program, arguments) in [(python3, ["-m", "venv", environment]),
                                         (python, ["-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                                                   "-r", requirements])] {
                let result = try Harness.run(program, arguments)
                guard result.status == 0 else {
                    throw Failure("\(program) \(arguments.joined(separator: " ")) failed: \(result.stderr)\(result.stdout)")
                }
            }
            try wanted.write(toFile: installed, atomically: true, encoding: .utf8)
            return .success(())
        } catch let failure as Failure {
            return .failure(failure)
        } catch {
            return .failure(Failure("\(error)"))
        }
    }()

    /// Runs `mcp_client.py` against `modsearch mcp serverOptions…` in `session`'s environment.
    static func run(in session: Session, serverOptions: [String] = []) throws -> Harness.Result {
        try ready.get()
        return try Harness.run(python, [script, Harness.modsearch] + serverOptions, environment: session.environment)
    }
}
