// position_block.cpp — see position_block.h.

#include "position_block.h"

#include "fnv1a.h"

#include <algorithm>
#include <stdexcept>

namespace {

constexpr uint32_t stride = 4096;

uint32_t fingerprint(unsigned char salt, const char *term, size_t len) {
    const char first = static_cast<char>(salt);
    return fnv1a_folded(fnv1a(fnv1a(fnv1a_offset, &first, 1), term, len));
}

uint32_t read_u32(const unsigned char *p) {
    return uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24;
}

void put_varint(std::string &out, uint64_t v) {
    while (v >= 128) {
        out.push_back(static_cast<char>(v | 128));
        v >>= 7;
    }
    out.push_back(static_cast<char>(v));
}

bool get_varint(const unsigned char *&p, const unsigned char *end, uint64_t &v) {
    v = 0;
    for (unsigned shift = 0; p != end && shift < 64; shift += 7) {
        unsigned char byte = *p++;
        v |= uint64_t(byte & 127) << shift;
        if (!(byte & 128)) return true;
    }
    return false;
}

void encode_list(std::string &out, const std::vector<uint32_t> &positions) {
    uint32_t range = 0, offset = 0;
    bool first = true;
    for (uint32_t position : positions) {
        uint32_t r = position / stride, o = position % stride;
        if (first || r != range) {
            put_varint(out, uint64_t(r - range) * 2 + 1);
            put_varint(out, o);
        } else {
            put_varint(out, uint64_t(o - offset) * 2);
        }
        first = false;
        range = r;
        offset = o;
    }
}

}  // namespace

std::string PositionBlockWriter::encode() const {
    std::vector<std::pair<uint32_t, const std::pair<const std::string, std::vector<uint32_t>> *>> keyed;
    keyed.reserve(lists.size());
    for (unsigned salt = 0; salt < 256; ++salt) {
        keyed.clear();
        for (const auto &entry : lists) keyed.emplace_back(fingerprint(static_cast<unsigned char>(salt), entry.first.data(), entry.first.size()), &entry);
        std::sort(keyed.begin(), keyed.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
        bool distinct = std::adjacent_find(keyed.begin(), keyed.end(),
                                           [](const auto &a, const auto &b) { return a.first == b.first; }) == keyed.end();
        if (!distinct) continue;
        std::string out;
        out.push_back(static_cast<char>(salt));
        put_varint(out, keyed.size());
        for (const auto &k : keyed) {
            for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>(k.first >> (8 * i)));
        }
        std::vector<std::string> encoded(keyed.size());
        for (size_t i = 0; i < keyed.size(); ++i) encode_list(encoded[i], keyed[i].second->second);
        for (const auto &e : encoded) put_varint(out, e.size());
        for (const auto &e : encoded) out += e;
        return out;
    }
    throw std::runtime_error("no salt gives the terms of a section distinct fingerprints");
}

bool position_block_find(const unsigned char *block, size_t len, const char *term, size_t term_len,
                         std::vector<uint32_t> &positions) {
    positions.clear();
    if (len == 0) return false;
    const unsigned char *p = block + 1, *end = block + len;
    uint64_t n;
    if (!get_varint(p, end, n) || n > size_t(end - p) / 4) return false;
    const uint32_t wanted = fingerprint(block[0], term, term_len);
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (read_u32(p + 4 * mid) < wanted) lo = mid + 1; else hi = mid;
    }
    if (lo == n || read_u32(p + 4 * lo) != wanted) return false;
    p += 4 * n;
    uint64_t skip = 0, length = 0;
    for (size_t i = 0; i <= lo; ++i) {
        skip += length;
        if (!get_varint(p, end, length)) return false;
    }
    for (size_t i = lo + 1; i < n; ++i) {
        uint64_t ignored;
        if (!get_varint(p, end, ignored)) return false;
    }
    if (skip + length > size_t(end - p)) return false;
    const unsigned char *q = p + skip, *list_end = q + length;
    uint32_t range = 0, offset = 0;
    while (q != list_end) {
        uint64_t v;
        if (!get_varint(q, list_end, v)) return false;
        if (v & 1) {
            range += uint32_t(v >> 1);
            if (!get_varint(q, list_end, v)) return false;
            offset = uint32_t(v);
        } else {
            offset += uint32_t(v >> 1);
        }
        positions.push_back(range * stride + offset);
    }
    return true;
}
