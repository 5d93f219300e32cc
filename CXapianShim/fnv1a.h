// fnv1a.h — 64-bit FNV-1a, the hash that names pair terms and position-block fingerprints: fixed
// by its definition, so the same on every machine and build.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

constexpr uint64_t fnv1a_offset = 14695981039346656037ull;
constexpr uint64_t fnv1a_prime = 1099511628211ull;

inline uint64_t fnv1a(uint64_t hash, const char *bytes, size_t len) {
    for (size_t i = 0; i < len; ++i) {
        hash ^= static_cast<unsigned char>(bytes[i]);
        hash *= fnv1a_prime;
    }
    return hash;
}

inline uint64_t fnv1a(uint64_t hash, const std::string &bytes) { return fnv1a(hash, bytes.data(), bytes.size()); }

// The two halves XORed: 32 bits that depend on all 64.
inline uint32_t fnv1a_folded(uint64_t hash) { return static_cast<uint32_t>(hash ^ (hash >> 32)); }
