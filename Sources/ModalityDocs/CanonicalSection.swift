/// The nine sections every modality document may have, in document order.
public struct CanonicalSection: Sendable, Equatable {
    public let heading: String
    public let slug: String
    public let alias: String?

    public static let all: [CanonicalSection] = [
        .init(heading: "Definition", slug: "definition", alias: nil),
        .init(heading: "Explanation", slug: "explanation", alias: nil),
        .init(heading: "Evidence to Efficacy", slug: "evidence-to-efficacy", alias: "evidence"),
        .init(heading: "Neuroscience and Physiology", slug: "neuroscience-and-physiology", alias: "neuroscience"),
        .init(heading: "Governing Body", slug: "governing-body", alias: "governing"),
        .init(heading: "What Good Looks Like", slug: "what-good-looks-like", alias: "good"),
        .init(heading: "What to Ask a Practitioner", slug: "what-to-ask-a-practitioner", alias: "ask"),
        .init(heading: "Self-Study Resources", slug: "self-study-resources", alias: "resources"),
        .init(heading: "Related Therapies", slug: "related-therapies", alias: "related"),
    ]

    /// Text before the first canonical heading.
    public static let overview = CanonicalSection(heading: "Overview", slug: "overview", alias: nil)

    private static let byKey: [String: CanonicalSection] = {
        var map: [String: CanonicalSection] = [:]
        for section in all + [overview] {
            map[normalize(section.heading)] = section
            map[section.slug] = section
            if let alias = section.alias { map[alias] = section }
        }
        return map
    }()

    /// The canonical section a heading line names (any case, `&` for `and`, optional trailing colon).
    public static func matching(heading line: some StringProtocol) -> CanonicalSection? {
        guard line.utf8.count <= 40 else { return nil }
        let key = normalize(line)
        guard let section = byKey[key], key == normalize(section.heading) else { return nil }
        return section
    }

    /// The canonical section a user names by slug, alias or heading, in any case.
    public static func resolve(_ name: some StringProtocol) -> CanonicalSection? {
        let key = normalize(name)
        return byKey[key]
    }

    static func normalize(_ text: some StringProtocol) -> String {
        var words: [Substring] = []
        for word in text.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }) {
            words.append(word == "&" ? "and" : word)
        }
        var key = words.joined(separator: " ")
        if key.hasSuffix(":") { key.removeLast() }
        return key
    }
}
