// How the types of an `explain` answer write themselves and are read (docs/protocol.md).
import JSONText

extension ExplainedQuery: JSONObjectFields {
    public func writeFields(to writer: inout JSONWriter) {
        writer.key("typed"); writer.string(typed)
        writer.key("searched"); writer.string(searched)
        writer.key("tree"); tree.write(to: &writer)
        if let partialTree { writer.key("partial_tree"); partialTree.write(to: &writer) }
        writer.key("terms"); writer.array(terms)
        writer.key("sections"); writer.int(sections)
        writer.key("average_length"); writer.double(averageLength)
        writer.key("weighting"); weighting.write(to: &writer)
        if let partialWeighting { writer.key("partial_weighting"); partialWeighting.write(to: &writer) }
        writer.key("rewrites"); writer.array(rewrites)
    }
}

extension QueryTreeNode: JSONObjectFields {
    public func writeFields(to writer: inout JSONWriter) {
        writer.key("op"); writer.string(op)
        if let term { writer.key("term"); term.write(to: &writer) }
        writer.field("pattern", pattern)
        writer.field("window", window)
        writer.field("factor", factor)
        writer.key("children"); writer.array(children)
    }
}

extension IndexTerm: JSONObjectFields {
    public func writeFields(to writer: inout JSONWriter) {
        writer.key("term"); writer.string(term)
        writer.key("field"); writer.string(field)
        writer.key("value"); writer.string(value)
    }
}

extension QueryTermWeight: JSONObjectFields {
    public func writeFields(to writer: inout JSONWriter) {
        writer.key("term"); term.write(to: &writer)
        writer.key("sections"); writer.int(sections)
        writer.key("factor"); writer.double(factor)
        writer.key("idf"); writer.double(idf)
    }
}

extension BM25Settings: JSONObjectFields {
    public func writeFields(to writer: inout JSONWriter) {
        writer.key("k1"); writer.double(k1)
        writer.key("b"); writer.double(b)
        writer.key("min_norm_length"); writer.double(minNormLength)
    }
}

extension HitScore: JSONObjectFields {
    public func writeFields(to writer: inout JSONWriter) {
        writer.key("score"); writer.double(score)
        writer.key("section"); section.write(to: &writer)
        writer.key("passage"); passage.write(to: &writer)
        writer.key("exact_forms"); exactForms.write(to: &writer)
        writer.field("partial_scale", partialScale)
    }
}

extension SectionWeight: JSONObjectFields {
    public func writeFields(to writer: inout JSONWriter) {
        writer.key("weight"); writer.double(weight)
        writer.key("length"); writer.int(length)
        writer.key("norm_length"); writer.double(normLength)
        writer.key("query"); writer.string(query)
        writer.key("terms"); writer.array(terms)
    }
}

extension SectionTermWeight: JSONObjectFields {
    public func writeFields(to writer: inout JSONWriter) {
        writer.key("term"); term.write(to: &writer)
        writer.key("wdf"); writer.int(wdf)
        writer.key("occurrences"); occurrences.write(to: &writer)
        writer.key("factor"); writer.double(factor)
        writer.key("idf"); writer.double(idf)
        writer.key("weight"); writer.double(weight)
    }
}

extension TermOccurrences: JSONObjectFields {
    public func writeFields(to writer: inout JSONWriter) {
        writer.key("title"); writer.int(title)
        writer.key("title_weight"); writer.int(titleWeight)
        writer.key("heading"); writer.int(heading)
        writer.key("heading_weight"); writer.int(headingWeight)
        writer.key("text"); writer.int(text)
        writer.key("text_weight"); writer.int(textWeight)
    }
}

extension PassageFactor: JSONObjectFields {
    public func writeFields(to writer: inout JSONWriter) {
        writer.key("local"); writer.double(local)
        writer.key("best"); writer.double(best)
        writer.key("share"); writer.double(share)
        writer.key("factor"); writer.double(factor)
    }
}

extension ExactFormsFactor: JSONObjectFields {
    public func writeFields(to writer: inout JSONWriter) {
        writer.field("words", words)
        writer.field("missing", missing)
        writer.key("weight"); writer.double(weight)
        writer.key("factor"); writer.double(factor)
    }
}

extension ExplainedQuery {
    init(_ fields: JSONFields) throws(ProtocolError) {
        self.init(
            typed: try fields.string("typed"),
            searched: try fields.string("searched"),
            tree: try QueryTreeNode(fields.object("tree")),
            partialTree: try fields.optionalObject("partial_tree", QueryTreeNode.init),
            terms: try fields.objects("terms", QueryTermWeight.init),
            sections: try fields.int("sections"),
            averageLength: try fields.required("average_length", "a number", \.double),
            weighting: try BM25Settings(fields.object("weighting")),
            partialWeighting: try fields.optionalObject("partial_weighting", BM25Settings.init),
            rewrites: try fields.rewrites().list)
    }
}

extension QueryTreeNode {
    init(_ fields: JSONFields) throws(ProtocolError) {
        self.init(
            op: try fields.string("op"),
            term: try fields.optionalObject("term", IndexTerm.init),
            pattern: try fields.optionalString("pattern"),
            window: try fields.optionalInt("window"),
            factor: try fields.optional("factor", "a number", \.double),
            children: try fields.objects("children", QueryTreeNode.init))
    }
}

extension IndexTerm {
    init(_ fields: JSONFields) throws(ProtocolError) {
        self.init(
            term: try fields.string("term"),
            field: try fields.string("field"),
            value: try fields.string("value"))
    }
}

extension QueryTermWeight {
    init(_ fields: JSONFields) throws(ProtocolError) {
        self.init(
            term: try IndexTerm(fields.object("term")),
            sections: try fields.int("sections"),
            factor: try fields.required("factor", "a number", \.double),
            idf: try fields.required("idf", "a number", \.double))
    }
}

extension BM25Settings {
    init(_ fields: JSONFields) throws(ProtocolError) {
        self.init(
            k1: try fields.required("k1", "a number", \.double),
            b: try fields.required("b", "a number", \.double),
            minNormLength: try fields.required("min_norm_length", "a number", \.double))
    }
}

extension HitScore {
    init(_ fields: JSONFields) throws(ProtocolError) {
        self.init(
            score: try fields.required("score", "a number", \.double),
            section: try SectionWeight(fields.object("section")),
            passage: try PassageFactor(fields.object("passage")),
            exactForms: try ExactFormsFactor(fields.object("exact_forms")),
            partialScale: try fields.optional("partial_scale", "a number", \.double))
    }
}

extension SectionWeight {
    init(_ fields: JSONFields) throws(ProtocolError) {
        self.init(
            weight: try fields.required("weight", "a number", \.double),
            length: try fields.int("length"),
            normLength: try fields.required("norm_length", "a number", \.double),
            query: try fields.string("query"),
            terms: try fields.objects("terms", SectionTermWeight.init))
    }
}

extension SectionTermWeight {
    init(_ fields: JSONFields) throws(ProtocolError) {
        self.init(
            term: try IndexTerm(fields.object("term")),
            wdf: try fields.int("wdf"),
            occurrences: try TermOccurrences(fields.object("occurrences")),
            factor: try fields.required("factor", "a number", \.double),
            idf: try fields.required("idf", "a number", \.double),
            weight: try fields.required("weight", "a number", \.double))
    }
}

extension TermOccurrences {
    init(_ fields: JSONFields) throws(ProtocolError) {
        self.init(
            title: try fields.int("title"),
            titleWeight: try fields.int("title_weight"),
            heading: try fields.int("heading"),
            headingWeight: try fields.int("heading_weight"),
            text: try fields.int("text"),
            textWeight: try fields.int("text_weight"))
    }
}

extension PassageFactor {
    init(_ fields: JSONFields) throws(ProtocolError) {
        self.init(
            local: try fields.required("local", "a number", \.double),
            best: try fields.required("best", "a number", \.double),
            share: try fields.required("share", "a number", \.double),
            factor: try fields.required("factor", "a number", \.double))
    }
}

extension ExactFormsFactor {
    init(_ fields: JSONFields) throws(ProtocolError) {
        self.init(
            words: try fields.optionalStrings("words") ?? [],
            missing: try fields.optionalStrings("missing") ?? [],
            weight: try fields.required("weight", "a number", \.double),
            factor: try fields.required("factor", "a number", \.double))
    }
}

extension JSONFields {
    /// The object under `key` read by `read`, nil when absent or null.
    func optionalObject<T>(_ key: String, _ read: (JSONFields) throws(ProtocolError) -> T) throws(ProtocolError) -> T? {
        fields[key, default: .null].isNull ? nil : try read(object(key))
    }
}
