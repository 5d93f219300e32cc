/// Shell completion from the grammar: the scripts are small and the same for every shell, they
/// ask `modsearch ---complete INDEX WORD…` what fits where the cursor is, so that completion
/// reads a command line exactly as the program does (options before the command, search
/// options without `search`), and offers values from the index itself.
public enum Completion {
    /// What to offer: the words, or the shell's own completion of file or folder names.
    public enum Offer: Equatable, Sendable {
        case words([String])
        case files, folders
    }

    /// What fits as word `index` of `words` (`words[0]` is the program); `values` gives the
    /// values of an option's kind (sections, modalities of the index `--db` names, or nil).
    public static func offer(at index: Int, of words: [String],
                             values: (CommandLineGrammar.Option.Completion, String?) -> [String]) -> Offer {
        let current = index < words.count ? words[index] : ""
        let before = Array(words.prefix(min(index, words.count)).dropFirst())
        let database = before.firstIndex(of: "--db").flatMap { before.dropFirst($0 + 1).first }
        if let last = before.last, let option = CommandLineGrammar.anyOption(named: last), option.takesValue {
            switch (option.completion, option.values) {
            case (.file, _): return .files
            case (.directory, _): return .folders
            case (_, .choice(let words)): return .words(words)
            case (let kind, _): return .words(values(kind, database))
            }
        }
        let command = commandPath(before)
        let options = (command.flatMap(CommandLineGrammar.command) ?? CommandLineGrammar.defaultCommand).options
        let optionNames = options.flatMap(\.names)
        if current.hasPrefix("-") { return .words(optionNames) }
        switch command {
        case nil: return .words(CommandLineGrammar.commandNames + optionNames)
        case ["daemon"]?: return .words(["start", "stop", "status"])
        case ["index"]?, ["parse"]?: return .files
        default: return .words([])
        }
    }

    /// The command the words before the cursor name so far: nil before the first word, `search`
    /// once a word that is not a command's name was typed.
    private static func commandPath(_ words: [String]) -> [String]? {
        var path: [String]?
        var index = 0
        while index < words.count {
            let word = words[index]
            index += 1
            if word == "--" { return path ?? ["search"] }
            if word.hasPrefix("-") {
                if !word.contains("="), word.count <= 2 || word.hasPrefix("--"),
                   CommandLineGrammar.anyOption(named: word)?.takesValue == true { index += 1 }
                continue
            }
            if path == nil {
                path = CommandLineGrammar.commands.contains { $0.path[0] == word } ? [word] : ["search"]
            } else if path == ["daemon"] {
                path = ["daemon", word]
            }
        }
        return path
    }

    /// The lines `---complete` prints: the kind of offer, then one word a line.
    public static func lines(_ offer: Offer) -> String {
        switch offer {
        case .files: "files\n"
        case .folders: "folders\n"
        case .words(let words): (["words"] + words).joined(separator: "\n") + "\n"
        }
    }

    /// The completion script of `shell` (bash, zsh or fish), nil for another shell.
    public static func script(for shell: String) -> String? {
        switch shell {
        case "bash": bash
        case "zsh": zsh
        case "fish": fish
        default: nil
        }
    }

    static let bash = """
        # bash completion for modsearch (modsearch --generate-completion-script bash)
        _modsearch() {
            local IFS=$'\\n' current=${COMP_WORDS[COMP_CWORD]}
            local -a reply
            reply=($(command "${COMP_WORDS[0]}" ---complete "$COMP_CWORD" "${COMP_WORDS[@]}" 2>/dev/null))
            case ${reply[0]} in
                files) COMPREPLY=($(compgen -f -- "$current")) ;;
                folders) COMPREPLY=($(compgen -d -- "$current")) ;;
                *) COMPREPLY=($(compgen -W "${reply[*]:1}" -- "$current")) ;;
            esac
        }
        complete -o filenames -F _modsearch modsearch

        """

    static let zsh = """
        #compdef modsearch
        # zsh completion for modsearch (modsearch --generate-completion-script zsh)
        local -a reply
        reply=(${(f)"$(command ${words[1]} ---complete $((CURRENT - 1)) "${words[@]}" 2>/dev/null)"})
        case $reply[1] in
            files) _files ;;
            folders) _files -/ ;;
            *) compadd -- "${(@)reply[2,-1]}" ;;
        esac

        """

    static let fish = """
        # fish completion for modsearch (modsearch --generate-completion-script fish)
        function __modsearch_complete
            set -l words (commandline -opc) (commandline -ct)
            set -l reply (command $words[1] ---complete (math (count $words) - 1) $words 2>/dev/null)
            switch "$reply[1]"
                case files
                    __fish_complete_path (commandline -ct)
                case folders
                    __fish_complete_directories (commandline -ct)
                case '*'
                    printf '%s\\n' $reply[2..-1]
            end
        end
        complete -c modsearch -f -a '(__modsearch_complete)'

        """
}
