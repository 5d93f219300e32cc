// word_indexer.h — text into a document's terms, as Xapian's TermGenerator makes them with
// STEM_ALL_Z, for less work (see word_indexer.cpp), with their positions in a position block
// (position_block.h) instead of the document.
#pragma once

#include <xapian.h>

#include <bitset>
#include <string>
#include <unordered_map>

#include "pair_terms.h"
#include "position_block.h"

class WordIndexer {
  public:
    explicit WordIndexer(const Xapian::Stem &stemmer) : stemmer(stemmer) {}

    // Like TermGenerator::set_document: later terms go to doc, from position 0.
    void set_document(const Xapian::Document &d) {
        doc = d;
        termpos = 0;
        last_position = 0;
        pairs_marked.reset();
        block.clear();
    }

    // A term at a position outside any text (with wdf_inc, as Document::add_posting).
    void add_posting(const std::string &t, Xapian::termpos pos, Xapian::termcount wdf_inc) {
        doc.add_term(t, wdf_inc);
        block.add(t, pos);
    }

    // The positions of the document's terms, as one block (position_block.h).
    std::string position_block() const { return block.encode(); }

    // Like TermGenerator::index_text with STEM_ALL_Z, no CJK n-grams and no stopper, except
    // that the words are counted for add_spelling_to, not added to any database, and the
    // positions go to the position block, not the document.
    void index_text(const char *text, size_t len, Xapian::termcount wdf_inc,
                    const std::string &prefix, bool spelling);

    // Adds each word counted since the last call to db's spelling data, with its count (Xapian
    // sums the increments, so this is the data one add_spelling per occurrence makes).
    void add_spelling_to(Xapian::WritableDatabase &db);

    // From now on, also adds the boolean term pair_term(prefix, a, b) of each two unprefixed
    // words a and b at consecutive positions (see pair_terms.h). Unprefixed words must then come
    // in position order within a document (InvalidOperationError otherwise).
    void mark_pairs(const std::string &prefix) { pair_prefix = prefix; }

    Xapian::termpos termpos = 0;

  private:
    void add(const std::string &word, Xapian::termcount wdf_inc, const std::string &prefix,
             bool spelling);

    // What the indexer knows of a word as written: text repeats its words (a few hundred make
    // up half of any English text), so one lookup per occurrence finds its stem, what it pairs
    // with, and its count for the spelling data.
    struct Word {
        std::string stem;
        bool pairs;           // pairs_with_others(stem)
        uint64_t pair_begun;  // pair_begun_by(stem)
        Xapian::termcount spelling = 0;  // occurrences since the last add_spelling_to
    };
    Word &known(const std::string &word);

    Xapian::Stem stemmer;
    std::unordered_map<std::string, Word> words;
    // Bounds the memory a text of endless distinct words (numbers, typos) can take; the counts of
    // words forgotten when it is reached wait here for add_spelling_to.
    static constexpr size_t words_at_most = 200000;
    std::unordered_map<std::string, Xapian::termcount> forgotten_spelling;
    Xapian::Document doc;
    PositionBlockWriter block;
    std::string word, term;  // reused, so that most words allocate nothing
    std::string pair_prefix;  // empty: no pairs
    std::bitset<pair_bucket_count> pairs_marked;  // of this document, each added once
    // The last unprefixed word: whether it pairs, its pair's hash so far, its position (0: none yet).
    bool last_pairs = false;
    uint64_t last_pair_begun = 0;
    Xapian::termpos last_position = 0;
};
