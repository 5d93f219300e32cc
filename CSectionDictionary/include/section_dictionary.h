// section_dictionary.h — the zstd dictionary every section's stored JSON is packed with (the
// index schema names it). The bytes are generated: `modsearch-bench section-dictionary`.
#pragma once

#include <stddef.h>

const void *modsearch_section_dictionary(void);
size_t modsearch_section_dictionary_size(void);
