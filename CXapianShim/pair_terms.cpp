// pair_terms.cpp — see pair_terms.h.
//
// The buckets, the hash and the function words name terms: changing any of them needs a new
// schema version, or an index would lack terms its queries ask for.

#include "pair_terms.h"

#include <cstdint>
#include <unordered_set>

namespace {

// 4,096 buckets: a section holds about a hundred pairs, so a bucket marks about one section in
// forty that lacks the pair. More buckets filter better but make every commit write more
// distinct terms: 2^18 added twice the indexing instructions 2^12 adds (BENCHMARKS.md).
constexpr unsigned bucket_bits = 12;

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

// FNV-1a, 64 bits: fixed by its definition, so the same on every machine and build.
uint64_t fnv1a(const std::string &first, const std::string &second) {
    uint64_t hash = 14695981039346656037ull;
    auto mix = [&hash](unsigned char byte) {
        hash ^= byte;
        hash *= 1099511628211ull;
    };
    for (unsigned char byte : first) mix(byte);
    mix(0);  // "ab" + "c" and "a" + "bc" apart
    for (unsigned char byte : second) mix(byte);
    return hash;
}

}  // namespace

std::string pair_term(const std::string &pair_prefix, const std::string &first, const std::string &second) {
    const auto &skipped = function_stems();
    if (first.empty() || second.empty() || skipped.count(first) || skipped.count(second)) return std::string();
    const uint64_t hash = fnv1a(first, second);
    const unsigned bucket = unsigned((hash ^ (hash >> 32)) & ((1u << bucket_bits) - 1));
    // Two characters of 64 name a bucket: a short printable term, as each section's term list
    // spells out each of its pair terms.
    static const char digits[] = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";
    std::string term = pair_prefix;
    for (int shift = bucket_bits - 6; shift >= 0; shift -= 6) term += digits[(bucket >> shift) & 0x3F];
    return term;
}
