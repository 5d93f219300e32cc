// position_block.h — a section's term positions in one block, kept in a value slot instead of
// glass's position table (which spends about 21 bytes on each term of each section).
//
// Layout: a salt byte; the term count n (varint); n 32-bit fingerprints of the terms (FNV-1a of
// the salt and the term, little-endian, ascending); n byte lengths of the terms' position lists
// (varints); the lists. A list is each position as passage range and offset (positions are
// range * 4096 + offset): a new range as (range delta * 2 + 1, offset), a position in the same
// range as (offset delta * 2). The writer picks the first salt that gives its terms distinct
// fingerprints, so a term the section holds finds its own list; a term it does not hold finds
// none, or (one chance in 2^32 per term held) another's, which is why callers look up only
// terms the section is known to hold, or check what they find.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

class PositionBlockWriter {
  public:
    void clear() { lists.clear(); }
    void add(const std::string &term, uint32_t position) { lists[term].push_back(position); }
    // The block of the positions added since clear(); each term's in the order added, which
    // must be ascending.
    std::string encode() const;

  private:
    std::map<std::string, std::vector<uint32_t>> lists;
};

// The positions of term in a block made by PositionBlockWriter, ascending; false when the
// block holds no list under the term's fingerprint.
bool position_block_find(const unsigned char *block, size_t len, const char *term, size_t term_len,
                         std::vector<uint32_t> &positions);
