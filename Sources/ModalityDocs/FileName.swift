/// File names as messages show them. A name may hold any byte but `/` and NUL: a newline would
/// split a one-line message, an escape sequence would colour or rewrite the terminal, a
/// bidirectional override would reorder what follows. Such characters are shown as C escapes
/// (`\n`, `\x1B`, `\u{202E}`), with the name's backslashes doubled so that the escaped form reads
/// one way only; an ordinary name is shown as it is.
public enum FileName {
    /// `path` safe to print inside a one-line message.
    public static func shown(_ path: String) -> String {
        VisibleText.escaped(path, doublingBackslashes: true)
    }
}
