import Foundation
import XapianKit

/// A fresh temporary directory, removed when the test's body returns.
func withTempDirectory<T>(_ body: (String) throws -> T) throws -> T {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("xapiankit-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    return try body(url.path)
}

/// A passage to index in tests.
struct Passage {
    var id: String
    var text: String
    var modality: String = "mod001"
    var section: String = "definition"
}

/// Indexes passages the way the project's schema does: `Q`+id unique term, `XM`/`XS`
/// boolean terms, body text with English stemming, values 0 (modality) and 1 (section).
func index(
    _ passages: [Passage], into db: WritableDatabase,
    strategy: StemmingStrategy = .some, spelling: Bool = false, commit: Bool = true
) throws {
    let tg = TermGenerator()
    try tg.setStemmer("english")
    tg.stemmingStrategy = strategy
    if spelling {
        try tg.setDatabase(db)
        tg.flags = .spelling
    }
    for p in passages {
        let doc = Document()
        tg.document = doc
        try tg.indexText(p.text)
        try doc.setData(bytes: Array(p.text.utf8))
        try doc.addBooleanTerm("Q" + p.id)
        try doc.addBooleanTerm("XM" + p.modality)
        try doc.addBooleanTerm("XS" + p.section)
        try doc.setValue(p.modality, slot: 0)
        try doc.setValue(p.section, slot: 1)
        try db.replaceDocument(uniqueTerm: "Q" + p.id, doc)
    }
    if commit { try db.commit() }
}

/// A query parser set up like the indexer above.
func makeParser(_ db: Database, strategy: StemmingStrategy = .some) throws -> QueryParser {
    let qp = QueryParser()
    try qp.setStemmer("english")
    qp.stemmingStrategy = strategy
    qp.setDatabase(db)
    return qp
}

/// Ids (the `Q` term minus its prefix) of the documents in an MSet of db, in rank order.
func ids(_ mset: MSet, in db: Database) throws -> [String] {
    try mset.map { item in
        try db.document(item.docID).terms().map(\.term).first { $0.hasPrefix("Q") }.map { String($0.dropFirst()) } ?? "?"
    }
}

/// A document's data as text.
func text(of id: DocID, in db: Database) throws -> String {
    String(decoding: try db.dataBytes(of: id), as: UTF8.self)
}

let samplePassages: [Passage] = [
    Passage(id: "a1", text: "Compassion-focused therapy helps people who struggle with self-criticism and shame.",
            modality: "mod032", section: "definition"),
    Passage(id: "a2", text: "Clients learn to criticise themselves less harshly and to soothe distress.",
            modality: "mod032", section: "explanation"),
    Passage(id: "a3", text: "Randomised trials show reductions in self-critical thinking and depression.",
            modality: "mod032", section: "evidence-to-efficacy"),
    Passage(id: "b1", text: "Cognitive behavioural therapy targets unhelpful thoughts and behaviours.",
            modality: "mod010", section: "definition"),
    Passage(id: "b2", text: "Evidence from many trials supports cognitive therapy for depression and anxiety.",
            modality: "mod010", section: "evidence-to-efficacy"),
    Passage(id: "c1", text: "Mindfulness practice cultivates attention to the present moment with kindness.",
            modality: "mod045", section: "definition"),
]
