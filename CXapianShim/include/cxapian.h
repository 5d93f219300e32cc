/*
 * cxapian.h — a pure-C boundary over Xapian's C++ API (1.4).
 *
 * Conventions
 *  - Every Xapian object lives behind an opaque handle with an explicit
 *    cx_*_free(); freeing NULL is a no-op.
 *  - Every function that can fail takes a final `cx_error *err` (may be NULL)
 *    and returns -1 (int functions) or NULL (constructors) on failure, with
 *    err filled in; 0 / a handle on success (err is left untouched then).
 *    No C++ exception ever crosses this boundary.
 *  - Strings go in as (pointer, length) pairs: they may hold NUL bytes.
 *    A NULL pointer with length 0 is the empty string. Language names and
 *    paths are NUL-terminated C strings.
 *  - Strings come back as malloc'd buffers plus a length (always also
 *    NUL-terminated for convenience), freed with cx_string_free(); lists of
 *    strings come back as a cx_strlist (each entry has a string and a
 *    number), freed with cx_strlist_free(); docid arrays with cx_free().
 *  - Handles are independent of each other: Xapian objects are reference
 *    counted internally, so e.g. a document outlives its database handle.
 *  - Not thread-safe: use a handle from one thread at a time.
 */
#ifndef CXAPIAN_H
#define CXAPIAN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ errors */

enum {
    CX_OK = 0,
    CX_ERR_XAPIAN = 1,      /* a Xapian::Error; type is its class name */
    CX_ERR_NO_MEMORY = 2,   /* std::bad_alloc */
    CX_ERR_STD = 3,         /* another std::exception */
    CX_ERR_UNKNOWN = 4      /* anything else thrown */
};

typedef struct cx_error {
    int code;       /* CX_OK or one of CX_ERR_* */
    char *type;     /* e.g. "DatabaseLockError", "std::exception"; malloc'd */
    char *message;  /* Xapian's message (plus its errno context); malloc'd */
    char *context;  /* where it happened, e.g. "remote:tcp(10.0.0.5:7000)" for a remote shard;
                     * empty if Xapian gave none; malloc'd */
} cx_error;

/* Frees type, message and context and resets the struct to CX_OK. */
void cx_error_clear(cx_error *err);

/* ------------------------------------------------------ returned memory */

void cx_string_free(char *s);
void cx_free(void *p);

typedef struct cx_strlist cx_strlist;
size_t cx_strlist_count(const cx_strlist *list);
/* Entry i (NULL if out of range); *len (if not NULL) gets its length. */
const char *cx_strlist_get(const cx_strlist *list, size_t i, size_t *len);
/* The number attached to entry i (wdf, term frequency, count, weight…). */
double cx_strlist_number(const cx_strlist *list, size_t i);
void cx_strlist_free(cx_strlist *list);

/* ------------------------------------------------------------- handles */

typedef struct cx_database cx_database;     /* read-only or writable */
typedef struct cx_document cx_document;
typedef struct cx_termgenerator cx_termgenerator;
typedef struct cx_wordindexer cx_wordindexer;
typedef struct cx_queryparser cx_queryparser;
typedef struct cx_query cx_query;
typedef struct cx_enquire cx_enquire;
typedef struct cx_mset cx_mset;
typedef struct cx_rset cx_rset;
typedef struct cx_valuestream cx_valuestream;

/* ----------------------------------------------------------- database */

/* Open for reading. path: a directory, a single-file db, or a stub file
 * (lines `glass PATH`, `auto PATH`, `remote HOST:PORT`, `remote :PROGRAM ARGS`;
 * 1.4 has no `tcp` keyword). */
cx_database *cx_database_open(const char *path, cx_error *err);
int cx_database_close(cx_database *db, cx_error *err);
/* Opens one remote database served by xapian-tcpsrv at host:port (a stub's `remote HOST:PORT`). */
cx_database *cx_database_open_remote_tcp(const char *host, unsigned port, cx_error *err);
/* Opens one remote database served by a program on stdin/stdout (a stub's `remote :PROGRAM ARGS`). */
cx_database *cx_database_open_remote_program(const char *program, const char *args, cx_error *err);
/* *changed = 1 if the database may have changed (new revision). */
int cx_database_reopen(cx_database *db, int *changed, cx_error *err);
void cx_database_free(cx_database *db);

int cx_database_get_doccount(const cx_database *db, uint32_t *out, cx_error *err);
/* Revision of a single database; fails (InvalidOperationError) for several. */
int cx_database_get_revision(const cx_database *db, uint64_t *out, cx_error *err);
int cx_database_get_avlength(const cx_database *db, double *out, cx_error *err);
int cx_database_get_doclength(const cx_database *db, uint32_t docid, uint32_t *out, cx_error *err);
/* Empty string if the key is unset. */
int cx_database_get_metadata(const cx_database *db, const char *key, size_t keylen,
                             char **out, size_t *outlen, cx_error *err);
int cx_database_metadata_keys(const cx_database *db, const char *prefix, size_t prefixlen,
                              cx_strlist **out, cx_error *err);
int cx_database_term_exists(const cx_database *db, const char *term, size_t len,
                            int *out, cx_error *err);
int cx_database_get_termfreq(const cx_database *db, const char *term, size_t len,
                             uint32_t *out, cx_error *err);
cx_document *cx_database_get_document(const cx_database *db, uint32_t docid, cx_error *err);
/* Docids of documents indexed by term, ascending; free *docids with cx_free. */
int cx_database_postlist(const cx_database *db, const char *term, size_t len,
                         uint32_t **docids, size_t *count, cx_error *err);
/* How often word was added to the spelling data (0 if never). */
int cx_database_get_spelling_frequency(const cx_database *db, const char *word, size_t len,
                                       uint32_t *out, cx_error *err);
/* Words of the spelling data starting with prefix, sorted; number = frequency. */
int cx_database_spellings(const cx_database *db, const char *prefix, size_t prefixlen,
                          cx_strlist **out, cx_error *err);
/* Whether document docid is indexed by term. */
int cx_database_has_posting(const cx_database *db, const char *term, size_t len, uint32_t docid,
                            int *out, cx_error *err);
/* Positions of term in document docid, ascending (none when the term has no positions there);
 * free *positions with cx_free. */
int cx_database_positionlist(const cx_database *db, uint32_t docid, const char *term, size_t len,
                             uint32_t **positions, size_t *count, cx_error *err);
/* Value in slot of document docid; empty if unset. docid is taken to exist (ids from a match
 * or a posting list): a missing document reads as empty rather than costing a lookup. */
int cx_database_get_value(const cx_database *db, uint32_t docid, unsigned slot,
                          char **out, size_t *outlen, cx_error *err);
/* The values of one slot, read in ascending document order: far cheaper per document than
 * cx_database_get_value when many documents' values are wanted. */
cx_valuestream *cx_database_valuestream(const cx_database *db, unsigned slot, cx_error *err);
/* The value of document docid; empty if unset. docid must not be below the previous call's. */
int cx_valuestream_value(cx_valuestream *stream, uint32_t docid, char **out, size_t *outlen, cx_error *err);
void cx_valuestream_free(cx_valuestream *stream);
/* Data of document docid, taken to exist as for cx_database_get_value; free *out with cx_free. */
int cx_database_get_data(const cx_database *db, uint32_t docid, char **out, size_t *outlen, cx_error *err);
/* Merges the n source databases into a new database at dest (xapian-compact), renumbering
 * documents in source order; user metadata keys that clash keep the first source's value. */
int cx_compact(const char *const *sources, size_t n, const char *dest, cx_error *err);
/* Terms starting with prefix, sorted; number = term frequency. Leaps over each term's posting
 * chunks, so the cost is the terms', not their postings'. */
int cx_database_allterms(const cx_database *db, const char *prefix, size_t prefixlen,
                         cx_strlist **out, cx_error *err);
/* Empty string if no suggestion. */
int cx_database_get_spelling_suggestion(const cx_database *db, const char *word, size_t len,
                                        unsigned max_edit_distance,
                                        char **out, size_t *outlen, cx_error *err);

/* -------------------------------------------------- writable database */

enum {
    CX_DB_CREATE_OR_OPEN = 0x00,
    CX_DB_CREATE_OR_OVERWRITE = 0x01,
    CX_DB_OPEN = 0x03,
    /* a flag that may be or-ed in */
    CX_DB_NO_SYNC = 0x04
};

/* The result is a cx_database usable with every read function above too. */
cx_database *cx_writable_database_open(const char *path, int flags, cx_error *err);
/* All functions below fail with InvalidOperationError on a read-only handle. */
int cx_database_begin_transaction(cx_database *db, int flushed, cx_error *err);
int cx_database_commit_transaction(cx_database *db, cx_error *err);
int cx_database_cancel_transaction(cx_database *db, cx_error *err);
int cx_database_commit(cx_database *db, cx_error *err);
/* Replace the documents indexed by unique_term (or add); *docid may be NULL. */
int cx_database_replace_document_by_term(cx_database *db, const char *term, size_t len,
                                         const cx_document *doc, uint32_t *docid,
                                         cx_error *err);
int cx_database_replace_document(cx_database *db, uint32_t docid,
                                  const cx_document *doc, cx_error *err);
int cx_database_delete_document_by_term(cx_database *db, const char *term, size_t len,
                                        cx_error *err);
int cx_database_set_metadata(cx_database *db, const char *key, size_t keylen,
                             const char *value, size_t valuelen, cx_error *err);
int cx_database_add_spelling(cx_database *db, const char *word, size_t len,
                             unsigned freqinc, cx_error *err);
int cx_database_remove_spelling(cx_database *db, const char *word, size_t len,
                                unsigned freqdec, cx_error *err);

/* ----------------------------------------------------------- document */

cx_document *cx_document_new(cx_error *err);
void cx_document_free(cx_document *doc);
int cx_document_get_data(const cx_document *doc, char **out, size_t *outlen, cx_error *err);
int cx_document_set_data(cx_document *doc, const char *data, size_t len, cx_error *err);
int cx_document_add_boolean_term(cx_document *doc, const char *term, size_t len,
                                 cx_error *err);
int cx_document_add_posting(cx_document *doc, const char *term, size_t len,
                            unsigned pos, unsigned wdfinc, cx_error *err);
/* Removes term, with its positions, from doc; an error if doc lacks it. */
int cx_document_remove_term(cx_document *doc, const char *term, size_t len, cx_error *err);
int cx_document_set_value(cx_document *doc, unsigned slot, const char *value, size_t len,
                          cx_error *err);
/* Empty string if the slot is unset. */
int cx_document_get_value(const cx_document *doc, unsigned slot,
                          char **out, size_t *outlen, cx_error *err);
/* Terms of the document, sorted; number = wdf. */
int cx_document_termlist(const cx_document *doc, cx_strlist **out, cx_error *err);
/* For each term of doc that is prefix + a word (the byte after prefix is not 'A'..'Z', which
 * would begin a field's prefix) with a wdf of at least `minimum` (and 1), adds the boolean term
 * tier_prefix + word + ":" + its wdf in decimal. */
int cx_document_add_wdf_tiers(cx_document *doc, const char *prefix, size_t prefix_len,
                              const char *tier_prefix, size_t tier_prefix_len, unsigned minimum,
                              cx_error *err);
/* The term of two words (stems) standing next to each other: pair_prefix + one of 2^12 buckets as
 * two characters of 64; empty when either is a function word, whose pairs are not indexed. */
int cx_pair_term(const char *pair_prefix, size_t pair_prefix_len, const char *first, size_t first_len,
                 const char *second, size_t second_len, char **out, size_t *outlen, cx_error *err);

/* ----------------------------------------------------- term generator */

enum {  /* stemming strategies (TermGenerator and QueryParser) */
    CX_STEM_SOME = 1,
    CX_STEM_ALL_Z = 3
};
enum {  /* TermGenerator flags */
    CX_TG_FLAG_SPELLING = 128
};

cx_termgenerator *cx_termgenerator_new(cx_error *err);
void cx_termgenerator_free(cx_termgenerator *tg);
/* language: a Snowball name ("english", "en", …); NULL, "" or "none" = none. */
int cx_termgenerator_set_stemmer(cx_termgenerator *tg, const char *language, cx_error *err);
int cx_termgenerator_set_stemming_strategy(cx_termgenerator *tg, int strategy, cx_error *err);
/* The document is copied in; Xapian's copies share contents, so doc sees the terms indexed. */
int cx_termgenerator_set_document(cx_termgenerator *tg, const cx_document *doc, cx_error *err);
/* db must be writable (spelling data is written to it). */
int cx_termgenerator_set_database(cx_termgenerator *tg, cx_database *db, cx_error *err);
int cx_termgenerator_set_flags(cx_termgenerator *tg, unsigned flags, cx_error *err);
int cx_termgenerator_index_text(cx_termgenerator *tg, const char *text, size_t len,
                                unsigned wdfinc, const char *prefix, size_t prefixlen,
                                cx_error *err);
int cx_termgenerator_index_text_without_positions(cx_termgenerator *tg, const char *text,
                                                  size_t len, unsigned wdfinc,
                                                  const char *prefix, size_t prefixlen,
                                                  cx_error *err);
int cx_termgenerator_increase_termpos(cx_termgenerator *tg, unsigned delta, cx_error *err);
int cx_termgenerator_get_termpos(const cx_termgenerator *tg, unsigned *out, cx_error *err);
int cx_termgenerator_set_termpos(cx_termgenerator *tg, unsigned pos, cx_error *err);

/* ------------------------------------------------------- word indexer */

/* The indexer's term generation: the terms, positions and spelling words a TermGenerator with
   STEM_ALL_Z makes (no CJK n-grams, no stopper), for less work. The words for the spelling data
   are counted, and added by cx_wordindexer_add_spelling. language: a Snowball name. */
cx_wordindexer *cx_wordindexer_new(const char *language, cx_error *err);
void cx_wordindexer_free(cx_wordindexer *wi);
/* As cx_termgenerator_set_document: later terms go to doc, from position 0. */
int cx_wordindexer_set_document(cx_wordindexer *wi, const cx_document *doc, cx_error *err);
/* spelling: count the words for the spelling data (only when prefix is empty, as Xapian). */
int cx_wordindexer_index_text(cx_wordindexer *wi, const char *text, size_t len, unsigned wdfinc,
                              const char *prefix, size_t prefixlen, int spelling, cx_error *err);
unsigned cx_wordindexer_get_termpos(const cx_wordindexer *wi);
void cx_wordindexer_set_termpos(cx_wordindexer *wi, unsigned pos);
/* A term at a position, with wdfinc (Document::add_posting), into the document and its block. */
int cx_wordindexer_add_posting(cx_wordindexer *wi, const char *term, size_t len, unsigned pos, unsigned wdfinc,
                               cx_error *err);
/* The positions of the document's terms as one block (position_block.h); *out malloc'd. */
int cx_wordindexer_position_block(const cx_wordindexer *wi, char **out, size_t *outlen, cx_error *err);
/* The positions of term in a block, ascending (none if it has no list there); malloc'd. */
int cx_position_block_find(const char *block, size_t len, const char *term, size_t termlen,
                           uint32_t **positions, size_t *count, cx_error *err);
/* Adds the words counted since the last call to db's spelling data, each with its count. */
int cx_wordindexer_add_spelling(cx_wordindexer *wi, cx_database *db, cx_error *err);
/* From now on also adds the boolean term cx_pair_term(prefix, a, b) of each two unprefixed words
 * a and b (stems) indexed at consecutive positions. */
int cx_wordindexer_mark_pairs(cx_wordindexer *wi, const char *prefix, size_t prefix_len, cx_error *err);

/* -------------------------------------------------------------- query */

enum {  /* Xapian::Query::op values */
    CX_OP_AND = 0,
    CX_OP_OR = 1,
    CX_OP_AND_NOT = 2,
    CX_OP_XOR = 3,
    CX_OP_AND_MAYBE = 4,
    CX_OP_FILTER = 5,
    CX_OP_NEAR = 6,
    CX_OP_PHRASE = 7
};

/* A term query; pos 0 = no position. */
cx_query *cx_query_new_term(const char *term, size_t len, unsigned wqf, unsigned pos,
                            cx_error *err);
/* Combine n subqueries with op (AND, OR, AND_NOT, XOR, AND_MAYBE, FILTER, NEAR,
 * PHRASE). parameter: window for NEAR/PHRASE, 0 = default. */
cx_query *cx_query_new_combine(int op, const cx_query *const *subqueries, size_t n,
                               unsigned parameter, cx_error *err);
cx_query *cx_query_new_scale_weight(const cx_query *sub, double factor, cx_error *err);
/* Terms starting with pattern (OP_WILDCARD, default expansion limits). */
cx_query *cx_query_new_wildcard(const char *pattern, size_t len, cx_error *err);
cx_query *cx_query_new_match_all(cx_error *err);
cx_query *cx_query_new_match_nothing(cx_error *err);
void cx_query_free(cx_query *q);
int cx_query_get_description(const cx_query *q, char **out, size_t *outlen, cx_error *err);

/* ------------------------------------------------------- query parser */

enum {  /* QueryParser::feature_flag */
    CX_QP_FLAG_WILDCARD = 16,
    CX_QP_FLAG_PURE_NOT = 32,
    CX_QP_FLAG_SYNONYM = 256,
    CX_QP_FLAG_DEFAULT = 1 | 2 | 4   /* BOOLEAN | PHRASE | LOVEHATE */
};

cx_queryparser *cx_queryparser_new(cx_error *err);
void cx_queryparser_free(cx_queryparser *qp);
int cx_queryparser_set_stemmer(cx_queryparser *qp, const char *language, cx_error *err);
int cx_queryparser_set_stemming_strategy(cx_queryparser *qp, int strategy, cx_error *err);
int cx_queryparser_set_database(cx_queryparser *qp, const cx_database *db, cx_error *err);
/* op: CX_OP_AND, CX_OP_OR, CX_OP_NEAR, CX_OP_PHRASE (others are rejected by Xapian). */
int cx_queryparser_set_default_op(cx_queryparser *qp, int op, cx_error *err);
int cx_queryparser_add_prefix(cx_queryparser *qp, const char *field, size_t fieldlen,
                              const char *prefix, size_t prefixlen, cx_error *err);
/* grouping NULL = the default (one group per field); otherwise the group name. */
int cx_queryparser_add_boolean_prefix(cx_queryparser *qp, const char *field, size_t fieldlen,
                                      const char *prefix, size_t prefixlen,
                                      const char *grouping, size_t groupinglen,
                                      cx_error *err);
cx_query *cx_queryparser_parse_query(cx_queryparser *qp, const char *text, size_t len,
                                     unsigned flags, const char *default_prefix,
                                     size_t default_prefixlen, cx_error *err);

/* ------------------------------------------------------------ enquire */

enum {
    CX_DOCID_ORDER_ASCENDING = 1
};

cx_enquire *cx_enquire_new(const cx_database *db, cx_error *err);
void cx_enquire_free(cx_enquire *enq);
/* qlen 0 = the query's own length. */
int cx_enquire_set_query(cx_enquire *enq, const cx_query *q, unsigned qlen, cx_error *err);
int cx_enquire_set_weighting_bm25(cx_enquire *enq, double k1, double k2, double k3, double b,
                                  double min_normlen, cx_error *err);
int cx_enquire_set_weighting_bm25plus(cx_enquire *enq, double k1, double k2, double k3,
                                      double b, double min_normlen, double delta,
                                      cx_error *err);
/* BM25 (k2 = 0, b = 0) of one word held by word_frequency documents and wqf times in the query,
 * for a query of the word's tier terms, each with the wdf it stands for as its wqf
 * (CXapianShim/tier_weight.cpp): each document weighs what BM25 gives the word at its tier's
 * wdf, and percentages are those of the word's own query. */
int cx_enquire_set_weighting_bm25_tiers(cx_enquire *enq, double k1, double k3, double min_normlen,
                                        uint32_t word_frequency, uint32_t wqf, cx_error *err);
int cx_enquire_set_weighting_bool(cx_enquire *enq, cx_error *err);
/* Keep at most max documents per value in slot; slot 0xFFFFFFFF
 * (Xapian::BAD_VALUENO) turns collapsing off. */
int cx_enquire_set_collapse_key(cx_enquire *enq, unsigned slot, unsigned max, cx_error *err);
int cx_enquire_set_docid_order(cx_enquire *enq, int order, cx_error *err);
/* Results sorted by the value in slot (reverse != 0: descending), ties by docid order. */
int cx_enquire_set_sort_by_value(cx_enquire *enq, uint32_t slot, int reverse, cx_error *err);
int cx_enquire_set_time_limit(cx_enquire *enq, double seconds, cx_error *err);
/* rset may be NULL. */
cx_mset *cx_enquire_get_mset(cx_enquire *enq, uint32_t first, uint32_t maxitems,
                             uint32_t checkatleast, const cx_rset *rset, cx_error *err);
/* As cx_enquire_get_mset, also listing the documents Xapian found matching while it matched
 * (in document-id order, for each database in turn): the first `capacity` of them go to
 * `docids`, and `*matched` says how many there were in all. */
cx_mset *cx_enquire_get_mset_listing(cx_enquire *enq, uint32_t first, uint32_t maxitems,
                                     uint32_t checkatleast, uint32_t *docids, uint32_t capacity,
                                     uint32_t *matched, cx_error *err);
/* Expand terms (number = weight), with exact term frequencies over several shards (as one
 * database would weigh them, not Xapian's faster approximation). word_prefix (NULL: any term):
 * accept only terms that are word_prefix + a word, whose first byte is not an ASCII capital
 * letter (with "", the unprefixed terms; with "Z", stems, not "ZS" + stem). */
int cx_enquire_get_eset(cx_enquire *enq, uint32_t maxitems, const cx_rset *rset,
                        double min_weight, const char *word_prefix, size_t word_prefix_len,
                        cx_strlist **out, cx_error *err);

/* --------------------------------------------------------------- rset */

cx_rset *cx_rset_new(cx_error *err);
void cx_rset_free(cx_rset *rset);
int cx_rset_add_document(cx_rset *rset, uint32_t docid, cx_error *err);

/* --------------------------------------------------------------- mset */

typedef struct cx_mset_item {
    uint32_t docid;
    double weight;
    int percent;
    uint32_t collapse_count;
} cx_mset_item;

void cx_mset_free(cx_mset *mset);
size_t cx_mset_size(const cx_mset *mset);
uint32_t cx_mset_get_matches_estimated(const cx_mset *mset);
uint32_t cx_mset_get_matches_lower_bound(const cx_mset *mset);
uint32_t cx_mset_get_matches_upper_bound(const cx_mset *mset);
/* i is 0-based within this mset. */
int cx_mset_get_item(const cx_mset *mset, size_t i, cx_mset_item *out, cx_error *err);

/* ---- Stem ------------------------------------------------------------------- */
typedef struct cx_stem cx_stem;
/* A stemmer for language ("english", …; "" or "none" for none). */
cx_stem *cx_stem_new(const char *language, cx_error *err);
void cx_stem_free(cx_stem *stem);
/* Stems word into buf (capacity cap); *outlen is the stem's length, which may exceed cap
 * (then nothing useful is in buf and the caller retries with a larger buffer). */
int cx_stem_word(const cx_stem *stem, const char *word, size_t len, char *buf, size_t cap,
                 size_t *outlen, cx_error *err);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* CXAPIAN_H */
