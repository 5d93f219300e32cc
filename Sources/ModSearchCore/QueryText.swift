import ModalityDocs
import ModSearchProtocol

/// Rewrites the values of boolean fields in a typed query into the form the index stores:
/// `modality:MOD032` → `modality:mod032`, `section:"Evidence to Efficacy"` → `section:evidence-to-efficacy`.
///
/// Xapian's parser would otherwise insert `:` before a capitalised boolean value and could not
/// map a heading to its slug.
enum QueryText {
    static let booleanFields = ["modality", "section", "related"]

    static func prepare(_ query: String) throws(ProtocolError) -> String {
        spaceBeforeClosingQuotes(try rewriteFields(query))
    }

    /// Xapian never stems a word directly followed by `"`, so `"inner critics"` could not match
    /// "inner critic"; a space before each closing quote lets the last word be stemmed like the rest.
    static func spaceBeforeClosingQuotes(_ query: String) -> String {
        var out = ""
        out.reserveCapacity(query.utf8.count + 4)
        var open = false
        for character in query {
            if character == "\"" {
                if open, let last = out.last, last != " " { out.append(" ") }
                open.toggle()
            }
            out.append(character)
        }
        return out
    }

    private static func rewriteFields(_ query: String) throws(ProtocolError) -> String {
        var out = ""
        var rest = Substring(query)
        while let (before, field, afterColon) = nextField(in: rest) {
            out += before
            var value: Substring
            if afterColon.first == "\"" {
                let body = afterColon.dropFirst()
                let close = body.firstIndex(of: "\"") ?? body.endIndex
                value = body[..<close]
                rest = close < body.endIndex ? body[body.index(after: close)...] : body[close...]
            } else {
                let end = afterColon.firstIndex(where: { $0 == " " || $0 == ")" || $0 == "\t" }) ?? afterColon.endIndex
                value = afterColon[..<end]
                rest = afterColon[end...]
            }
            out += field + ":" + (try canonicalValue(field: field, value: String(value)))
        }
        return out + rest
    }

    /// The canonical stored form of a filter value (used by request filters too).
    static func canonicalValue(field: String, value: String) throws(ProtocolError) -> String {
        switch field {
        case "section":
            guard let section = CanonicalSection.resolve(value) else {
                let names = CanonicalSection.all.map { $0.alias ?? $0.slug }.joined(separator: ", ")
                throw ProtocolError(.badQuery, "unknown section '\(value)' (try one of: \(names))")
            }
            return section.slug
        default:
            return value.lowercased()
        }
    }

    /// The next `field:` of a boolean field at a word start, with the text before it and after the colon.
    private static func nextField(in text: Substring) -> (Substring, String, Substring)? {
        var index = text.startIndex
        while index < text.endIndex {
            let atWordStart = index == text.startIndex || " \t(+-".contains(text[text.index(before: index)])
            if atWordStart {
                for field in booleanFields {
                    let candidate = text[index...]
                    if candidate.count > field.count,
                       candidate.prefix(field.count).lowercased() == field,
                       candidate.dropFirst(field.count).first == ":" {
                        let after = candidate.dropFirst(field.count + 1)
                        if let first = after.first, first != " " {
                            return (text[..<index], field, after)
                        }
                    }
                }
            }
            index = text.index(after: index)
        }
        return nil
    }
}
