#if canImport(Glibc)
import Glibc
#endif

/// Results go to stdout; everything else to stderr, so pipes carry only results.
public enum Output {
    public static func write(_ text: String) {
        var text = text
        text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(STDOUT_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    // The reader went away (e.g. `| head -1`): stop quietly, as grep does.
                    exit(errno == EPIPE ? 0 : 2)
                }
                offset += written
            }
        }
    }

    public static func line(_ text: String) { write(text + "\n") }
}

public enum Diagnostics {
    public static func warn(_ message: String) { stderr("modsearch: warning: \(message)\n") }
    public static func error(_ message: String) { stderr("modsearch: \(message)\n") }

    /// Writes to stderr as is (progress lines, pre-formatted messages).
    public static func raw(_ text: String) { stderr(text) }

    private static func stderr(_ text: String) {
        var text = text
        text.withUTF8 { _ = Glibc.write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }
}
