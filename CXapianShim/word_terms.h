// word_terms.h — which terms are a prefix's words.
#pragma once

#include <string>

// Whether term is one of prefix's words: the prefix, then a byte that is not an ASCII capital
// letter (which would begin a longer prefix, a field's).
inline bool is_word_of(const std::string &term, const std::string &prefix) {
    if (term.size() <= prefix.size() || term.compare(0, prefix.size(), prefix) != 0) return false;
    const char next = term[prefix.size()];
    return !(next >= 'A' && next <= 'Z');
}
