// pair_terms.cpp — see pair_terms.h.
//
// The buckets, the hash and the function words name terms: changing any of them needs a new
// schema version, or an index would lack terms its queries ask for.

#include "pair_terms.h"

#include "fnv1a.h"

#include <cstdint>
#include <unordered_set>

namespace {

// English function words, stemmed as the index stems (the stemmer's own output, so that a stem
// it makes differently is still matched).
const std::unordered_set<std::string> &function_stems() {
    static const std::unordered_set<std::string> stems = [] {
        static const char *const words[] = {
            "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any",
            "are", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both",
            "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "few",
            "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers",
            "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "just", "may", "me",
            "might", "more", "most", "must", "my", "no", "nor", "not", "of", "off", "on", "once",
            "only", "or", "other", "our", "out", "over", "own", "same", "she", "should", "so", "some",
            "such", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this",
            "those", "through", "to", "too", "under", "until", "up", "us", "very", "was", "we", "were",
            "what", "when", "where", "which", "while", "who", "whom", "whose", "why", "will", "with",
            "would", "you", "your"};
        Xapian::Stem stem("english");
        std::unordered_set<std::string> made;
        for (const char *word : words) made.insert(stem(word));
        return made;
    }();
    return stems;
}

}  // namespace

bool pairs_with_others(const std::string &stem) { return !stem.empty() && !function_stems().count(stem); }

uint64_t pair_begun_by(const std::string &first) {
    // The zero byte keeps "ab" + "c" and "a" + "bc" apart.
    return fnv1a(fnv1a_offset, first) * fnv1a_prime;  // ^ 0, then the multiply
}

unsigned pair_bucket(uint64_t begun, const std::string &second) {
    return fnv1a_folded(fnv1a(begun, second)) & (pair_bucket_count - 1);
}

std::string pair_bucket_term(const std::string &pair_prefix, unsigned bucket) {
    // Two characters of 64 name a bucket: a short printable term, as each section's term list
    // spells out each of its pair terms.
    static const char digits[] = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";
    std::string term = pair_prefix;
    term += digits[(bucket >> 6) & 0x3F];
    term += digits[bucket & 0x3F];
    return term;
}

std::string pair_term(const std::string &pair_prefix, const std::string &first, const std::string &second) {
    if (!pairs_with_others(first) || !pairs_with_others(second)) return std::string();
    return pair_bucket_term(pair_prefix, pair_bucket(pair_begun_by(first), second));
}
