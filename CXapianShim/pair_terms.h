// pair_terms.h — terms for adjacent words, which let a phrase of common words skip the sections
// that hold its words apart (see pair_terms.cpp).
#pragma once

#include <xapian.h>

#include <cstdint>
#include <string>

// The term a section holds when `first` and then `second` (stems) stand at consecutive positions:
// pair_prefix + one of 2^12 buckets of the two, as two characters of 64; "" when either is a function word
// (stemmed), whose pairs are not indexed: they are in most sections and would cost the most.
std::string pair_term(const std::string &pair_prefix, const std::string &first, const std::string &second);

// pair_term in steps, for an indexer that meets each word many times and pairs it with the next:
// whether a stem takes part in pairs at all, the hash of a pair begun by `first`, the bucket of
// that pair ended by `second`, and the bucket's term.
bool pairs_with_others(const std::string &stem);
uint64_t pair_begun_by(const std::string &first);
unsigned pair_bucket(uint64_t begun, const std::string &second);
std::string pair_bucket_term(const std::string &pair_prefix, unsigned bucket);
// 4,096 buckets: a section holds about a hundred pairs, so a bucket marks about one section in
// forty that lacks the pair. More buckets filter better but make every commit write more
// distinct terms: 2^18 added twice the indexing instructions 2^12 adds (BENCHMARKS.md).
constexpr unsigned pair_bucket_count = 1u << 12;
