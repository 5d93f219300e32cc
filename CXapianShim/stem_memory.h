// stem_memory.h — a stemmer that remembers its answers.
#pragma once

#include <xapian.h>

#include <string>
#include <unordered_map>

// Text repeats its words (a few hundred make up half of any English text), and Snowball stems
// each occurrence anew: remembered, term generation takes far less time. Not thread-safe: each
// term generator has its own.
class StemMemory {
  public:
    explicit StemMemory(const Xapian::Stem &stemmer) : stemmer(stemmer) {}

    // The stem of word; valid until the next call.
    const std::string &operator()(const std::string &word) {
        auto found = known.find(word);
        if (found != known.end()) return found->second;
        if (known.size() >= capacity) known.clear();
        return known.emplace(word, stemmer(word)).first->second;
    }

    std::string get_description() const { return stemmer.get_description(); }

  private:
    Xapian::Stem stemmer;
    std::unordered_map<std::string, std::string> known;
    // Bounds the memory a text of endless distinct words (numbers, typos) can take.
    static constexpr size_t capacity = 200000;
};
