// pair_terms.h — terms for adjacent words, which let a phrase of common words skip the sections
// that hold its words apart (see pair_terms.cpp).
#pragma once

#include <xapian.h>

#include <string>

// The term a section holds when `first` and then `second` (stems) stand at consecutive positions:
// pair_prefix + one of 2^12 buckets of the two, as two characters of 64; "" when either is a function word
// (stemmed), whose pairs are not indexed: they are in most sections and would cost the most.
std::string pair_term(const std::string &pair_prefix, const std::string &first, const std::string &second);
