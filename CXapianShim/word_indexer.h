// word_indexer.h — text into a document's terms, as Xapian's TermGenerator makes them with
// STEM_ALL_Z, for less work (see word_indexer.cpp).
#pragma once

#include <xapian.h>

#include <string>
#include <unordered_map>

#include "stem_memory.h"

class WordIndexer {
  public:
    explicit WordIndexer(const Xapian::Stem &stemmer) : stem(stemmer) {}

    // Like TermGenerator::set_document: later terms go to doc, from position 0.
    void set_document(const Xapian::Document &d) {
        doc = d;
        termpos = 0;
        last_position = 0;
    }

    // Like TermGenerator::index_text with STEM_ALL_Z, no CJK n-grams and no stopper, except
    // that the words are counted for add_spelling_to, not added to any database.
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

    StemMemory stem;
    Xapian::Document doc;
    std::unordered_map<std::string, Xapian::termcount> spelling_counts;
    std::string word, term;  // reused, so that most words allocate nothing
    std::string pair_prefix;  // empty: no pairs
    // The last unprefixed word and its position (0: none yet).
    std::string last_stem;
    Xapian::termpos last_position = 0;
};
