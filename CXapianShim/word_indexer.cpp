// word_indexer.cpp — the indexer's term generation.
//
// Xapian's TermGenerator decodes every character through its Unicode tables, stems every
// occurrence, and adds every occurrence of every word to the spelling data, where each one is
// a lookup in a map of all the words of the batch. This makes the same terms at the same
// positions with the same within-document frequencies, and the same spelling data, with ASCII
// handled without decoding, stems remembered, and the spelling data's words counted first.
// The word rules are the TermGenerator's of Xapian 1.4 (queryparser/termgenerator_internal.cc):
// words of letters, marks, digits and connector punctuation, lower-cased; acronyms written
// with dots (U.S.A.) as one word; apostrophes, '&', and the like inside words; '.', ',' and
// the like between digits; up to three trailing '+' or '#' (C++, C#); words over 64 bytes left
// out. XapianKitTests' WordIndexerTests holds the two to the same output.

#include "word_indexer.h"

#include "pair_terms.h"

#include <limits>

namespace {

// What check_infix and check_infix_digit answer for a character that joins the two sides
// without being kept (zero-width spaces and joiners).
constexpr unsigned ignored = std::numeric_limits<unsigned>::max();

// TermGenerator's limit on a word's length in bytes, before stemming and prefixing.
constexpr size_t max_word_length = 64;

struct Char {
    unsigned ch;
    size_t length;  // in bytes
};

// The character at text[i] (i < n), decoded as Xapian's Utf8Iterator decodes it: bytes that
// are not UTF-8 are taken as Latin-1 characters.
inline Char char_at(const char *text, size_t n, size_t i) {
    unsigned char byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) return {byte, 1};
    Xapian::Utf8Iterator it(text + i, n - i);
    unsigned ch = *it;
    ++it;
    return {ch, (n - i) - it.left()};
}

inline bool is_wordchar(unsigned ch) {
    if (ch < 0x80) {
        return (ch - '0' < 10) || ((ch | 0x20) - 'a' < 26) || ch == '_';
    }
    return Xapian::Unicode::is_wordchar(ch);
}

inline unsigned lower(unsigned ch) {
    if (ch < 0x80) return ch - 'A' < 26 ? ch + 32 : ch;
    return Xapian::Unicode::tolower(ch);
}

// The lower-cased character if it belongs in a word, else 0.
inline unsigned check_wordchar(unsigned ch) { return is_wordchar(ch) ? lower(ch) : 0; }

inline bool is_ascii_upper(unsigned ch) { return ch - 'A' < 26; }

inline bool is_digit(unsigned ch) {
    if (ch < 0x80) return ch - '0' < 10;
    return Xapian::Unicode::get_category(ch) == Xapian::Unicode::DECIMAL_DIGIT_NUMBER;
}

inline bool is_zero_width(unsigned ch) {
    return ch >= 0x200b && (ch <= 0x200d || ch == 0x2060 || ch == 0xfeff);
}

// A character that may join two words into one, as what it stands for in the term.
inline unsigned check_infix(unsigned ch) {
    if (ch == '\'' || ch == '&' || ch == 0xb7 || ch == 0x5f4 || ch == 0x2027) return ch;
    if (ch == 0x2019 || ch == 0x201b) return '\'';
    return is_zero_width(ch) ? ignored : 0;
}

// A character that may join two runs of digits (3,000.50).
inline unsigned check_infix_digit(unsigned ch) {
    switch (ch) {
        case ',': case '.': case ';': case 0x037e: case 0x0589: case 0x060d: case 0x07f8:
        case 0x2044: case 0xfe10: case 0xfe13: case 0xfe14:
            return ch;
    }
    return is_zero_width(ch) ? ignored : 0;
}

inline unsigned check_suffix(unsigned ch) { return ch == '+' || ch == '#' ? ch : 0; }

inline void append(std::string &s, unsigned ch) {
    if (ch < 0x80) {
        s.push_back(static_cast<char>(ch));
    } else {
        Xapian::Unicode::append_utf8(s, ch);
    }
}

constexpr size_t no_word = static_cast<size_t>(-1);

// Finds the first word of text[i, n): puts it in word, lower-cased as it is indexed, and returns
// where the text after it starts, or no_word when none is left.
size_t next_word(const char *text, size_t n, size_t i, std::string &word) {
    unsigned ch;
    size_t length;
    while (true) {
        if (i == n) return no_word;
        Char c = char_at(text, n, i);
        ch = check_wordchar(c.ch);
        length = c.length;
        if (ch) break;
        i += length;
    }
    word.clear();
    // Capitals separated by dots (P.T.O., U.N.C.L.E), trailing dot or not: one word, unless it
    // is one letter, or a letter or digit follows. Every character here is one ASCII byte.
    if (is_ascii_upper(static_cast<unsigned char>(text[i]))) {
        size_t p = i;
        while (true) {
            append(word, lower(static_cast<unsigned char>(text[p++])));
            if (p == n || text[p] != '.') break;
            if (++p == n || !is_ascii_upper(static_cast<unsigned char>(text[p]))) break;
        }
        if (word.size() > 1 && (p == n || !is_wordchar(char_at(text, n, p).ch))) return p;
        word.clear();
    }
    while (true) {
        unsigned previous;
        Char joiner{0, 0};
        do {
            append(word, ch);
            previous = ch;
            i += length;
            if (i == n) return i;
            joiner = char_at(text, n, i);
            ch = check_wordchar(joiner.ch);
            length = joiner.length;
        } while (ch);
        // A character joining this run to a next one.
        size_t next = i + joiner.length;
        if (next == n) break;
        Char after = char_at(text, n, next);
        unsigned next_ch = check_wordchar(after.ch);
        if (!next_ch) break;
        unsigned infix = is_digit(previous) && is_digit(after.ch) ? check_infix_digit(joiner.ch)
                                                                  : check_infix(joiner.ch);
        if (!infix) break;
        if (infix != ignored) append(word, infix);
        ch = next_ch;
        length = after.length;
        i = next;
    }
    // Up to three '+' or '#' end a word (C++, C#), unless a word character follows them:
    // fish+chips is two words.
    size_t kept = word.size();
    for (unsigned count = 1; unsigned suffix = check_suffix(char_at(text, n, i).ch); ++count) {
        if (count > 3) {
            word.resize(kept);
            return i;
        }
        append(word, suffix);
        if (++i == n) return i;
    }
    if (is_wordchar(char_at(text, n, i).ch)) word.resize(kept);
    return i;
}

}  // namespace

void WordIndexer::index_text(const char *text, size_t n, Xapian::termcount wdf_inc,
                             const std::string &prefix, bool spelling) {
    size_t i = 0;
    while ((i = next_word(text, n, i, word)) != no_word) add(word, wdf_inc, prefix, spelling);
}

WordIndexer::Word &WordIndexer::known(const std::string &w) {
    auto found = words.find(w);
    if (found != words.end()) return found->second;
    if (words.size() >= words_at_most) {
        for (const auto &[forgotten, entry] : words) {
            if (entry.spelling) forgotten_spelling[forgotten] += entry.spelling;
        }
        words.clear();
    }
    std::string stem = stemmer(w);
    const bool pairs = pairs_with_others(stem);
    const uint64_t begun = pair_begun_by(stem);
    return words.emplace(w, Word{std::move(stem), pairs, begun}).first->second;
}

void WordIndexer::add(const std::string &w, Xapian::termcount wdf_inc, const std::string &prefix,
                      bool spelling) {
    if (w.size() > max_word_length) return;
    Word &known_word = known(w);
    if (spelling && prefix.empty()) ++known_word.spelling;
    const std::string &stemmed = known_word.stem;
    if (stemmed.empty()) return;
    term.assign(1, 'Z');
    term += prefix;
    term += stemmed;
    doc.add_term(term, wdf_inc);
    block.add(term, ++termpos);
    if (pair_prefix.empty() || !prefix.empty()) return;
    if (termpos <= last_position) {
        // Only the word before is remembered: a pair of words indexed out of order would be missed.
        throw Xapian::InvalidOperationError("unprefixed words indexed out of position order");
    }
    if (last_position != 0 && termpos == last_position + 1 && last_pairs && known_word.pairs) {
        const unsigned bucket = pair_bucket(last_pair_begun, stemmed);
        if (!pairs_marked.test(bucket)) {
            pairs_marked.set(bucket);
            doc.add_boolean_term(pair_bucket_term(pair_prefix, bucket));
        }
    }
    last_pairs = known_word.pairs;
    last_pair_begun = known_word.pair_begun;
    last_position = termpos;
}

void WordIndexer::add_spelling_to(Xapian::WritableDatabase &db) {
    for (auto &[w, entry] : words) {
        if (!entry.spelling) continue;
        db.add_spelling(w, entry.spelling);
        entry.spelling = 0;
    }
    for (const auto &[w, count] : forgotten_spelling) db.add_spelling(w, count);
    forgotten_spelling.clear();
}
