// cxapian.cpp — the C boundary over Xapian (see include/cxapian.h).
//
// Every exported function runs its body inside guard(), which turns any
// exception into a cx_error and a failure status, so nothing C++ escapes.

#include "cxapian.h"
#include "pair_terms.h"
#include "stem_memory.h"
#include "tier_weight.h"
#include "value_merge.h"
#include "word_indexer.h"

#include <xapian.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

// ------------------------------------------------------------ handle types

struct cx_database {
    std::unique_ptr<Xapian::Database> db;
    std::unique_ptr<ValueMerge> values;  // when writable: db's commits and document writes
};
struct cx_document { Xapian::Document doc; };
struct cx_termgenerator { Xapian::TermGenerator tg; };
struct cx_wordindexer { WordIndexer indexer; };
struct cx_queryparser { Xapian::QueryParser qp; };
struct cx_query { Xapian::Query q; };
struct cx_enquire {
    Xapian::Enquire enq;
    bool one_word = false;  // weighted by TierWeight: percentages as for the word alone
    explicit cx_enquire(const Xapian::Database &db) : enq(db) {}
};
struct cx_mset {
    Xapian::MSet mset;
    bool one_word = false;
};
struct cx_rset { Xapian::RSet rset; };
struct cx_valuestream {
    Xapian::ValueIterator at, end;
    Xapian::docid last = 0;
};
struct cx_strlist { std::vector<std::pair<std::string, double>> items; };

// Our constants must agree with Xapian's.
static_assert(CX_DB_CREATE_OR_OPEN == Xapian::DB_CREATE_OR_OPEN, "db flag");
static_assert(CX_DB_CREATE_OR_OVERWRITE == Xapian::DB_CREATE_OR_OVERWRITE, "db flag");
static_assert(CX_DB_OPEN == Xapian::DB_OPEN, "db flag");
static_assert(CX_DB_NO_SYNC == Xapian::DB_NO_SYNC, "db flag");
static_assert(CX_STEM_SOME == Xapian::QueryParser::STEM_SOME, "stem");
static_assert(CX_STEM_ALL_Z == Xapian::QueryParser::STEM_ALL_Z, "stem");
static_assert(CX_STEM_ALL_Z == Xapian::TermGenerator::STEM_ALL_Z, "stem");
static_assert(CX_TG_FLAG_SPELLING == Xapian::TermGenerator::FLAG_SPELLING, "tg flag");
static_assert(CX_OP_AND == Xapian::Query::OP_AND, "op");
static_assert(CX_OP_OR == Xapian::Query::OP_OR, "op");
static_assert(CX_OP_AND_NOT == Xapian::Query::OP_AND_NOT, "op");
static_assert(CX_OP_XOR == Xapian::Query::OP_XOR, "op");
static_assert(CX_OP_AND_MAYBE == Xapian::Query::OP_AND_MAYBE, "op");
static_assert(CX_OP_FILTER == Xapian::Query::OP_FILTER, "op");
static_assert(CX_OP_NEAR == Xapian::Query::OP_NEAR, "op");
static_assert(CX_OP_PHRASE == Xapian::Query::OP_PHRASE, "op");
static_assert(CX_QP_FLAG_WILDCARD == Xapian::QueryParser::FLAG_WILDCARD, "qp flag");
static_assert(CX_QP_FLAG_PURE_NOT == Xapian::QueryParser::FLAG_PURE_NOT, "qp flag");
static_assert(CX_QP_FLAG_SYNONYM == Xapian::QueryParser::FLAG_SYNONYM, "qp flag");
static_assert(CX_QP_FLAG_DEFAULT == Xapian::QueryParser::FLAG_DEFAULT, "qp flag");
static_assert(CX_DOCID_ORDER_ASCENDING == Xapian::Enquire::ASCENDING, "order");

// ------------------------------------------------------------------ helpers

namespace {

char *dup_cstr(const char *s) noexcept {
    size_t n = std::strlen(s);
    char *p = static_cast<char *>(std::malloc(n + 1));
    if (p) std::memcpy(p, s, n + 1);
    return p;
}

void set_error(cx_error *err, int code, const char *type, const std::string &message,
               const std::string &context = std::string()) noexcept {
    if (!err) return;
    cx_error_clear(err);
    err->code = code;
    err->type = dup_cstr(type);
    err->message = dup_cstr(message.c_str());
    err->context = dup_cstr(context.c_str());
}

// Runs f; returns 0, or -1 with err filled in if anything was thrown.
template <typename F>
int guard(cx_error *err, F &&f) noexcept {
    try {
        f();
        return 0;
    } catch (const Xapian::Error &e) {
        try {
            std::string msg = e.get_msg();
            const char *es = e.get_error_string();
            if (es && *es) msg += std::string(" (") + es + ")";
            // The context names the remote shard that failed; without it a stub's error
            // ("write failed (Broken pipe)") does not say which machine to look at.
            set_error(err, CX_ERR_XAPIAN, e.get_type(), msg, e.get_context());
        } catch (...) {
            set_error(err, CX_ERR_NO_MEMORY, "std::bad_alloc", "out of memory");
        }
    } catch (const std::bad_alloc &) {
        set_error(err, CX_ERR_NO_MEMORY, "std::bad_alloc", "out of memory");
    } catch (const std::exception &e) {
        set_error(err, CX_ERR_STD, "std::exception", e.what());
    } catch (...) {
        set_error(err, CX_ERR_UNKNOWN, "unknown", "unknown C++ exception");
    }
    return -1;
}

// Runs f, which returns a new handle (unique_ptr); NULL with err on failure.
template <typename F>
auto guard_new(cx_error *err, F &&f) noexcept -> decltype(f().release()) {
    decltype(f().release()) result = nullptr;
    if (guard(err, [&] { result = f().release(); }) != 0) return nullptr;
    return result;
}

// (ptr, len) → std::string; NULL is the empty string.
inline std::string S(const char *p, size_t n) { return p ? std::string(p, n) : std::string(); }

// A C string argument that must not be NULL.
const char *path_arg(const char *p) {
    if (!p) throw Xapian::InvalidArgumentError("NULL path passed to cxapian");
    return p;
}

// The object behind a handle or out-pointer that must not be NULL.
template <typename T>
T &need(T *p) {
    if (!p) throw Xapian::InvalidArgumentError("NULL handle passed to cxapian");
    return *p;
}

const Xapian::Database &rdb(const cx_database *db) { return *need(db).db; }

// The writes that make glass merge value slots go through here (value_merge.h).
ValueMerge &writer(cx_database *db) {
    if (!need(db).values) throw Xapian::InvalidOperationError("database was opened read-only");
    return *db->values;
}

Xapian::WritableDatabase &wdb(cx_database *db) { return writer(db).database(); }

// Copies s into a new malloc'd, NUL-terminated buffer.
void out_string(const std::string &s, char **out, size_t *outlen) {
    char *p = static_cast<char *>(std::malloc(s.size() + 1));
    if (!p) throw std::bad_alloc();
    std::memcpy(p, s.data(), s.size());
    p[s.size()] = '\0';
    need(out) = p;
    if (outlen) *outlen = s.size();
}

void out_list(std::unique_ptr<cx_strlist> list, cx_strlist **out) { need(out) = list.release(); }

// Copies positions into a new malloc'd array (never NULL, even when empty).
void out_positions(const std::vector<uint32_t> &found, uint32_t **positions, size_t *count) {
    auto *p = static_cast<uint32_t *>(std::malloc(std::max<size_t>(found.size(), 1) * sizeof(uint32_t)));
    if (!p) throw std::bad_alloc();
    if (!found.empty()) std::memcpy(p, found.data(), found.size() * sizeof(uint32_t));
    need(positions) = p;
    need(count) = found.size();
}

// Collects [begin, end) of a TermIterator; number_of(it) supplies the number.
template <typename N>
std::unique_ptr<cx_strlist> collect(Xapian::TermIterator it, const Xapian::TermIterator &end,
                                    N number_of) {
    auto list = std::make_unique<cx_strlist>();
    for (; it != end; ++it) list->items.emplace_back(*it, number_of(it));
    return list;
}
double zero(const Xapian::TermIterator &) { return 0; }

Xapian::Stem stem_for(const char *language) {
    if (!language || !*language) return Xapian::Stem();
    return Xapian::Stem(language);
}

// StemMemory as the stemmer of Xapian's own term generator.
class RememberingStem : public Xapian::StemImplementation {
    StemMemory memory;
  public:
    explicit RememberingStem(const Xapian::Stem &stem) : memory(stem) {}
    std::string operator()(const std::string &word) override { return memory(word); }
    std::string get_description() const override { return memory.get_description(); }
};

Xapian::Stem remembering_stem_for(const char *language) {
    if (!language || !*language || std::strcmp(language, "none") == 0) return Xapian::Stem();
    return Xapian::Stem(new RememberingStem(Xapian::Stem(language)));
}

// Whether term is one of prefix's words: the prefix, then a byte that is not an ASCII capital
// letter (which would begin a longer prefix, a field's).
bool is_word_of(const std::string &term, const std::string &prefix) {
    if (term.size() <= prefix.size() || term.compare(0, prefix.size(), prefix) != 0) return false;
    const char next = term[prefix.size()];
    return !(next >= 'A' && next <= 'Z');
}

// Accepts only a prefix's words (is_word_of).
struct WordsPrefixed : Xapian::ExpandDecider {
    explicit WordsPrefixed(std::string p) : prefix(std::move(p)) {}
    bool operator()(const std::string &term) const override { return is_word_of(term, prefix); }
    std::string prefix;
};

std::unique_ptr<cx_query> wrap(Xapian::Query q) {
    return std::unique_ptr<cx_query>(new cx_query{std::move(q)});
}

Xapian::MSetIterator item_at(const cx_mset *mset, size_t i) {
    const auto &m = need(mset).mset;
    if (i >= m.size()) throw Xapian::RangeError("MSet index out of range");
    return m[Xapian::doccount(i)];
}

}  // namespace

// ------------------------------------------------------------ errors, memory

extern "C" {

void cx_error_clear(cx_error *err) {
    if (!err) return;
    std::free(err->type);
    std::free(err->message);
    std::free(err->context);
    err->type = nullptr;
    err->message = nullptr;
    err->context = nullptr;
    err->code = CX_OK;
}

void cx_string_free(char *s) { std::free(s); }
void cx_free(void *p) { std::free(p); }

size_t cx_strlist_count(const cx_strlist *list) { return list ? list->items.size() : 0; }

const char *cx_strlist_get(const cx_strlist *list, size_t i, size_t *len) {
    if (!list || i >= list->items.size()) return nullptr;
    const std::string &s = list->items[i].first;
    if (len) *len = s.size();
    return s.c_str();
}

double cx_strlist_number(const cx_strlist *list, size_t i) {
    if (!list || i >= list->items.size()) return 0;
    return list->items[i].second;
}

void cx_strlist_free(cx_strlist *list) { delete list; }

// ------------------------------------------------------------------ database

cx_database *cx_database_open(const char *path, cx_error *err) {
    return guard_new(err, [&] {
        auto h = std::make_unique<cx_database>();
        h->db = std::make_unique<Xapian::Database>(path_arg(path));
        return h;
    });
}

cx_database *cx_database_open_remote_tcp(const char *host, unsigned port, cx_error *err) {
    return guard_new(err, [&] {
        auto h = std::make_unique<cx_database>();
        h->db = std::make_unique<Xapian::Database>(Xapian::Remote::open(path_arg(host), port));
        return h;
    });
}

cx_database *cx_database_open_remote_program(const char *program, const char *args, cx_error *err) {
    return guard_new(err, [&] {
        auto h = std::make_unique<cx_database>();
        h->db = std::make_unique<Xapian::Database>(Xapian::Remote::open(path_arg(program), path_arg(args)));
        return h;
    });
}

int cx_database_close(cx_database *db, cx_error *err) {
    return guard(err, [&] {
        if (need(db).values) {
            db->values->close();
        } else {
            db->db->close();
        }
    });
}

int cx_database_reopen(cx_database *db, int *changed, cx_error *err) {
    return guard(err, [&] {
        bool c = need(db).db->reopen();
        if (changed) *changed = c ? 1 : 0;
    });
}

void cx_database_free(cx_database *db) {
    if (db && db->values) db->values->release(db->db);
    delete db;
}

int cx_database_get_doccount(const cx_database *db, uint32_t *out, cx_error *err) {
    return guard(err, [&] { need(out) = rdb(db).get_doccount(); });
}

int cx_database_get_revision(const cx_database *db, uint64_t *out, cx_error *err) {
    return guard(err, [&] { need(out) = rdb(db).get_revision(); });
}

int cx_database_get_avlength(const cx_database *db, double *out, cx_error *err) {
    return guard(err, [&] { need(out) = rdb(db).get_avlength(); });
}

int cx_database_get_doclength(const cx_database *db, uint32_t docid, uint32_t *out,
                              cx_error *err) {
    return guard(err, [&] { need(out) = rdb(db).get_doclength(docid); });
}

int cx_database_get_metadata(const cx_database *db, const char *key, size_t keylen,
                             char **out, size_t *outlen, cx_error *err) {
    return guard(err, [&] { out_string(rdb(db).get_metadata(S(key, keylen)), out, outlen); });
}

int cx_database_metadata_keys(const cx_database *db, const char *prefix, size_t prefixlen,
                              cx_strlist **out, cx_error *err) {
    return guard(err, [&] {
        const auto &d = rdb(db);
        std::string p = S(prefix, prefixlen);
        out_list(collect(d.metadata_keys_begin(p), d.metadata_keys_end(p), zero), out);
    });
}

int cx_database_term_exists(const cx_database *db, const char *term, size_t len, int *out,
                            cx_error *err) {
    return guard(err, [&] { need(out) = rdb(db).term_exists(S(term, len)) ? 1 : 0; });
}

int cx_database_get_termfreq(const cx_database *db, const char *term, size_t len,
                             uint32_t *out, cx_error *err) {
    return guard(err, [&] { need(out) = rdb(db).get_termfreq(S(term, len)); });
}

cx_document *cx_database_get_document(const cx_database *db, uint32_t docid, cx_error *err) {
    return guard_new(err, [&] {
        return std::unique_ptr<cx_document>(new cx_document{rdb(db).get_document(docid)});
    });
}

int cx_database_postlist(const cx_database *db, const char *term, size_t len,
                         uint32_t **docids, size_t *count, cx_error *err) {
    return guard(err, [&] {
        const auto &d = rdb(db);
        std::string t = S(term, len);
        std::vector<uint32_t> ids;
        for (auto it = d.postlist_begin(t); it != d.postlist_end(t); ++it) ids.push_back(*it);
        auto *p = static_cast<uint32_t *>(std::malloc(std::max<size_t>(ids.size(), 1) * sizeof(uint32_t)));
        if (!p) throw std::bad_alloc();
        if (!ids.empty()) std::memcpy(p, ids.data(), ids.size() * sizeof(uint32_t));
        need(docids) = p;
        need(count) = ids.size();
    });
}

int cx_database_get_spelling_frequency(const cx_database *db, const char *word, size_t len,
                                       uint32_t *out, cx_error *err) {
    return guard(err, [&] {
        const auto &d = rdb(db);
        std::string w = S(word, len);
        auto it = d.spellings_begin();
        it.skip_to(w);
        need(out) = it != d.spellings_end() && *it == w ? it.get_termfreq() : 0;
    });
}

int cx_database_spellings(const cx_database *db, const char *prefix, size_t prefixlen,
                          cx_strlist **out, cx_error *err) {
    return guard(err, [&] {
        const auto &d = rdb(db);
        std::string p = S(prefix, prefixlen);
        auto list = std::make_unique<cx_strlist>();
        auto it = d.spellings_begin();
        it.skip_to(p);
        for (; it != d.spellings_end() && (*it).compare(0, p.size(), p) == 0; ++it)
            list->items.emplace_back(*it, double(it.get_termfreq()));
        out_list(std::move(list), out);
    });
}

int cx_database_has_posting(const cx_database *db, const char *term, size_t len, uint32_t docid,
                            int *out, cx_error *err) {
    return guard(err, [&] {
        const auto &d = rdb(db);
        std::string t = S(term, len);
        auto it = d.postlist_begin(t);
        it.skip_to(docid);
        need(out) = it != d.postlist_end(t) && *it == docid;
    });
}

int cx_database_positionlist(const cx_database *db, uint32_t docid, const char *term, size_t len,
                             uint32_t **positions, size_t *count, cx_error *err) {
    return guard(err, [&] {
        const auto &d = rdb(db);
        std::string t = S(term, len);
        std::vector<uint32_t> found;
        for (auto it = d.positionlist_begin(docid, t); it != d.positionlist_end(docid, t); ++it)
            found.push_back(*it);
        out_positions(found, positions, count);
    });
}

int cx_database_get_value(const cx_database *db, uint32_t docid, unsigned slot,
                          char **out, size_t *outlen, cx_error *err) {
    return guard(err, [&] {
        out_string(rdb(db).get_document(docid, Xapian::DOC_ASSUME_VALID).get_value(slot), out, outlen);
    });
}

cx_valuestream *cx_database_valuestream(const cx_database *db, unsigned slot, cx_error *err) {
    return guard_new(err, [&] {
        auto stream = std::make_unique<cx_valuestream>();
        stream->at = rdb(db).valuestream_begin(slot);
        stream->end = rdb(db).valuestream_end(slot);
        return stream;
    });
}

int cx_valuestream_value(cx_valuestream *stream, uint32_t docid, char **out, size_t *outlen, cx_error *err) {
    return guard(err, [&] {
        auto &s = need(stream);
        if (docid < s.last) throw Xapian::InvalidArgumentError("value stream read out of document order");
        s.last = docid;
        if (s.at != s.end && s.at.get_docid() < docid) s.at.skip_to(docid);
        out_string(s.at != s.end && s.at.get_docid() == docid ? *s.at : std::string(), out, outlen);
    });
}

void cx_valuestream_free(cx_valuestream *stream) { delete stream; }

int cx_database_get_data(const cx_database *db, uint32_t docid, char **out, size_t *outlen, cx_error *err) {
    return guard(err, [&] { out_string(rdb(db).get_document(docid, Xapian::DOC_ASSUME_VALID).get_data(), out, outlen); });
}

int cx_compact(const char *const *sources, size_t n, const char *dest, cx_error *err) {
    return guard(err, [&] {
        if (n == 0) throw Xapian::InvalidArgumentError("nothing to compact");
        Xapian::Database all;
        if (!sources) throw Xapian::InvalidArgumentError("NULL sources passed to cxapian");
        for (size_t i = 0; i < n; ++i) all.add_database(Xapian::Database(path_arg(sources[i])));
        all.compact(path_arg(dest));
    });
}

int cx_database_allterms(const cx_database *db, const char *prefix, size_t prefixlen,
                         cx_strlist **out, cx_error *err) {
    return guard(err, [&] {
        const auto &d = rdb(db);
        std::string p = S(prefix, prefixlen);
        auto list = std::make_unique<cx_strlist>();
        // Skipping to the term + NUL, the first key after the term's own posting chunks, leaps
        // over them where ++ would step through each (glass keeps a term's chunks after it).
        for (auto it = d.allterms_begin(p), end = d.allterms_end(p); it != end;) {
            const std::string term = *it;
            list->items.emplace_back(term, double(it.get_termfreq()));
            it.skip_to(term + std::string(1, '\0'));
        }
        out_list(std::move(list), out);
    });
}

int cx_database_get_spelling_suggestion(const cx_database *db, const char *word, size_t len,
                                        unsigned max_edit_distance, char **out, size_t *outlen,
                                        cx_error *err) {
    return guard(err, [&] {
        out_string(rdb(db).get_spelling_suggestion(S(word, len), max_edit_distance), out, outlen);
    });
}

// --------------------------------------------------------- writable database

cx_database *cx_writable_database_open(const char *path, int flags, cx_error *err) {
    return guard_new(err, [&] {
        auto h = std::make_unique<cx_database>();
        auto w = std::make_unique<Xapian::WritableDatabase>(path_arg(path), flags);
        h->values = std::make_unique<ValueMerge>(*w, path_arg(path));
        h->db = std::move(w);
        return h;
    });
}

int cx_database_begin_transaction(cx_database *db, int flushed, cx_error *err) {
    return guard(err, [&] { writer(db).begin_transaction(flushed != 0); });
}

int cx_database_commit_transaction(cx_database *db, cx_error *err) {
    return guard(err, [&] { writer(db).commit_transaction(); });
}

int cx_database_cancel_transaction(cx_database *db, cx_error *err) {
    return guard(err, [&] { writer(db).cancel_transaction(); });
}

int cx_database_commit(cx_database *db, cx_error *err) {
    return guard(err, [&] { writer(db).commit(); });
}

int cx_database_replace_document_by_term(cx_database *db, const char *term, size_t len,
                                         const cx_document *doc, uint32_t *docid,
                                         cx_error *err) {
    return guard(err, [&] {
        Xapian::docid id = writer(db).replace(S(term, len), need(doc).doc);
        if (docid) *docid = id;
    });
}

int cx_database_replace_document(cx_database *db, uint32_t docid, const cx_document *doc,
                                  cx_error *err) {
    return guard(err, [&] { writer(db).replace(docid, need(doc).doc); });
}

int cx_database_delete_document_by_term(cx_database *db, const char *term, size_t len,
                                        cx_error *err) {
    return guard(err, [&] { writer(db).remove(S(term, len)); });
}

int cx_database_set_metadata(cx_database *db, const char *key, size_t keylen,
                             const char *value, size_t valuelen, cx_error *err) {
    return guard(err, [&] { wdb(db).set_metadata(S(key, keylen), S(value, valuelen)); });
}

int cx_database_add_spelling(cx_database *db, const char *word, size_t len, unsigned freqinc,
                             cx_error *err) {
    return guard(err, [&] { wdb(db).add_spelling(S(word, len), freqinc); });
}

int cx_database_remove_spelling(cx_database *db, const char *word, size_t len,
                                unsigned freqdec, cx_error *err) {
    return guard(err, [&] { wdb(db).remove_spelling(S(word, len), freqdec); });
}

// ------------------------------------------------------------------ document

cx_document *cx_document_new(cx_error *err) {
    return guard_new(err, [] { return std::make_unique<cx_document>(); });
}

void cx_document_free(cx_document *doc) { delete doc; }

int cx_document_get_data(const cx_document *doc, char **out, size_t *outlen, cx_error *err) {
    return guard(err, [&] { out_string(need(doc).doc.get_data(), out, outlen); });
}

int cx_document_set_data(cx_document *doc, const char *data, size_t len, cx_error *err) {
    return guard(err, [&] { need(doc).doc.set_data(S(data, len)); });
}

int cx_document_add_boolean_term(cx_document *doc, const char *term, size_t len,
                                 cx_error *err) {
    return guard(err, [&] { need(doc).doc.add_boolean_term(S(term, len)); });
}

int cx_document_add_posting(cx_document *doc, const char *term, size_t len, unsigned pos,
                            unsigned wdfinc, cx_error *err) {
    return guard(err, [&] { need(doc).doc.add_posting(S(term, len), pos, wdfinc); });
}

int cx_document_remove_term(cx_document *doc, const char *term, size_t len, cx_error *err) {
    return guard(err, [&] { need(doc).doc.remove_term(S(term, len)); });
}

int cx_document_set_value(cx_document *doc, unsigned slot, const char *value, size_t len,
                          cx_error *err) {
    return guard(err, [&] { need(doc).doc.add_value(slot, S(value, len)); });
}

int cx_document_get_value(const cx_document *doc, unsigned slot, char **out, size_t *outlen,
                          cx_error *err) {
    return guard(err, [&] { out_string(need(doc).doc.get_value(slot), out, outlen); });
}

int cx_document_termlist(const cx_document *doc, cx_strlist **out, cx_error *err) {
    return guard(err, [&] {
        const auto &d = need(doc).doc;
        out_list(collect(d.termlist_begin(), d.termlist_end(),
                         [](const Xapian::TermIterator &it) { return double(it.get_wdf()); }),
                 out);
    });
}

int cx_document_add_wdf_tiers(cx_document *doc, const char *prefix, size_t prefix_len,
                              const char *tier_prefix, size_t tier_prefix_len, unsigned minimum,
                              cx_error *err) {
    return guard(err, [&] {
        auto &d = need(doc).doc;
        const std::string words(prefix, prefix_len);
        std::vector<std::string> tiers;  // added after the walk: adding would move the iterator
        for (auto it = d.termlist_begin(); it != d.termlist_end(); ++it) {
            const auto wdf = it.get_wdf();
            if (wdf < std::max(minimum, 1u)) continue;
            const std::string term = *it;
            if (!is_word_of(term, words)) continue;
            tiers.push_back(std::string(tier_prefix, tier_prefix_len) + term.substr(prefix_len) + ":" +
                            std::to_string(wdf));
        }
        for (const auto &tier : tiers) d.add_boolean_term(tier);
    });
}

int cx_pair_term(const char *pair_prefix, size_t pair_prefix_len, const char *first, size_t first_len,
                 const char *second, size_t second_len, char **out, size_t *outlen, cx_error *err) {
    return guard(err, [&] {
        out_string(pair_term(S(pair_prefix, pair_prefix_len), S(first, first_len), S(second, second_len)), out, outlen);
    });
}

// ------------------------------------------------------------ term generator

cx_termgenerator *cx_termgenerator_new(cx_error *err) {
    return guard_new(err, [] { return std::make_unique<cx_termgenerator>(); });
}

void cx_termgenerator_free(cx_termgenerator *tg) { delete tg; }

int cx_termgenerator_set_stemmer(cx_termgenerator *tg, const char *language, cx_error *err) {
    return guard(err, [&] { need(tg).tg.set_stemmer(remembering_stem_for(language)); });
}

int cx_termgenerator_set_stemming_strategy(cx_termgenerator *tg, int strategy, cx_error *err) {
    return guard(err, [&] {
        need(tg).tg.set_stemming_strategy(Xapian::TermGenerator::stem_strategy(strategy));
    });
}

int cx_termgenerator_set_document(cx_termgenerator *tg, const cx_document *doc,
                                  cx_error *err) {
    return guard(err, [&] { need(tg).tg.set_document(need(doc).doc); });
}

int cx_termgenerator_set_database(cx_termgenerator *tg, cx_database *db, cx_error *err) {
    return guard(err, [&] { need(tg).tg.set_database(wdb(db)); });
}

int cx_termgenerator_set_flags(cx_termgenerator *tg, unsigned flags, cx_error *err) {
    return guard(err, [&] { need(tg).tg.set_flags(Xapian::TermGenerator::flags(flags)); });
}

int cx_termgenerator_index_text(cx_termgenerator *tg, const char *text, size_t len,
                                unsigned wdfinc, const char *prefix, size_t prefixlen,
                                cx_error *err) {
    return guard(err, [&] { need(tg).tg.index_text(S(text, len), wdfinc, S(prefix, prefixlen)); });
}

int cx_termgenerator_index_text_without_positions(cx_termgenerator *tg, const char *text,
                                                  size_t len, unsigned wdfinc,
                                                  const char *prefix, size_t prefixlen,
                                                  cx_error *err) {
    return guard(err, [&] {
        need(tg).tg.index_text_without_positions(S(text, len), wdfinc, S(prefix, prefixlen));
    });
}

int cx_termgenerator_increase_termpos(cx_termgenerator *tg, unsigned delta, cx_error *err) {
    return guard(err, [&] { need(tg).tg.increase_termpos(delta); });
}

int cx_termgenerator_get_termpos(const cx_termgenerator *tg, unsigned *out, cx_error *err) {
    return guard(err, [&] { need(out) = need(tg).tg.get_termpos(); });
}

int cx_termgenerator_set_termpos(cx_termgenerator *tg, unsigned pos, cx_error *err) {
    return guard(err, [&] { need(tg).tg.set_termpos(pos); });
}

// --------------------------------------------------------------- word indexer

cx_wordindexer *cx_wordindexer_new(const char *language, cx_error *err) {
    return guard_new(err, [&] {
        // Without a stemmer a STEM_ALL_Z term generator makes no terms at all.
        if (!language || !*language || std::strcmp(language, "none") == 0) {
            throw Xapian::InvalidArgumentError("the word indexer needs a stemmer's language");
        }
        return std::make_unique<cx_wordindexer>(cx_wordindexer{WordIndexer(Xapian::Stem(language))});
    });
}

void cx_wordindexer_free(cx_wordindexer *wi) { delete wi; }

int cx_wordindexer_set_document(cx_wordindexer *wi, const cx_document *doc, cx_error *err) {
    return guard(err, [&] { need(wi).indexer.set_document(need(doc).doc); });
}

int cx_wordindexer_index_text(cx_wordindexer *wi, const char *text, size_t len, unsigned wdfinc,
                              const char *prefix, size_t prefixlen, int spelling, cx_error *err) {
    return guard(err, [&] {
        need(wi).indexer.index_text(text ? text : "", text ? len : 0, wdfinc, S(prefix, prefixlen),
                                    spelling != 0);
    });
}

unsigned cx_wordindexer_get_termpos(const cx_wordindexer *wi) { return wi ? wi->indexer.termpos : 0; }

void cx_wordindexer_set_termpos(cx_wordindexer *wi, unsigned pos) {
    if (wi) wi->indexer.termpos = pos;
}

int cx_wordindexer_mark_pairs(cx_wordindexer *wi, const char *prefix, size_t prefix_len, cx_error *err) {
    return guard(err, [&] { need(wi).indexer.mark_pairs(S(prefix, prefix_len)); });
}

int cx_wordindexer_add_posting(cx_wordindexer *wi, const char *term, size_t len, unsigned pos, unsigned wdfinc,
                               cx_error *err) {
    return guard(err, [&] { need(wi).indexer.add_posting(S(term, len), pos, wdfinc); });
}

int cx_wordindexer_position_block(const cx_wordindexer *wi, char **out, size_t *outlen, cx_error *err) {
    return guard(err, [&] { out_string(need(wi).indexer.position_block(), out, outlen); });
}

int cx_position_block_find(const char *block, size_t len, const char *term, size_t termlen,
                           uint32_t **positions, size_t *count, cx_error *err) {
    return guard(err, [&] {
        std::vector<uint32_t> found;
        position_block_find(reinterpret_cast<const unsigned char *>(block), len, term, termlen, found);
        out_positions(found, positions, count);
    });
}

int cx_wordindexer_add_spelling(cx_wordindexer *wi, cx_database *db, cx_error *err) {
    return guard(err, [&] { need(wi).indexer.add_spelling_to(wdb(db)); });
}

// --------------------------------------------------------------------- query

cx_query *cx_query_new_term(const char *term, size_t len, unsigned wqf, unsigned pos,
                            cx_error *err) {
    return guard_new(err, [&] { return wrap(Xapian::Query(S(term, len), wqf, pos)); });
}

cx_query *cx_query_new_combine(int op, const cx_query *const *subqueries, size_t n,
                               unsigned parameter, cx_error *err) {
    return guard_new(err, [&] {
        std::vector<Xapian::Query> subs;
        subs.reserve(n);
        for (size_t i = 0; i < n; ++i) subs.push_back(need(subqueries[i]).q);
        return wrap(Xapian::Query(Xapian::Query::op(op), subs.begin(), subs.end(), parameter));
    });
}

cx_query *cx_query_new_scale_weight(const cx_query *sub, double factor, cx_error *err) {
    return guard_new(err, [&] {
        return wrap(Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, need(sub).q, factor));
    });
}

cx_query *cx_query_new_wildcard(const char *pattern, size_t len, cx_error *err) {
    return guard_new(err, [&] {
        return wrap(Xapian::Query(Xapian::Query::OP_WILDCARD, S(pattern, len)));
    });
}

cx_query *cx_query_new_match_all(cx_error *err) {
    return guard_new(err, [] { return wrap(Xapian::Query::MatchAll); });
}

cx_query *cx_query_new_match_nothing(cx_error *err) {
    return guard_new(err, [] { return wrap(Xapian::Query::MatchNothing); });
}

void cx_query_free(cx_query *q) { delete q; }

int cx_query_get_description(const cx_query *q, char **out, size_t *outlen, cx_error *err) {
    return guard(err, [&] { out_string(need(q).q.get_description(), out, outlen); });
}

// -------------------------------------------------------------- query parser

cx_queryparser *cx_queryparser_new(cx_error *err) {
    return guard_new(err, [] { return std::make_unique<cx_queryparser>(); });
}

void cx_queryparser_free(cx_queryparser *qp) { delete qp; }

int cx_queryparser_set_stemmer(cx_queryparser *qp, const char *language, cx_error *err) {
    return guard(err, [&] { need(qp).qp.set_stemmer(stem_for(language)); });
}

int cx_queryparser_set_stemming_strategy(cx_queryparser *qp, int strategy, cx_error *err) {
    return guard(err, [&] {
        need(qp).qp.set_stemming_strategy(Xapian::QueryParser::stem_strategy(strategy));
    });
}

int cx_queryparser_set_database(cx_queryparser *qp, const cx_database *db, cx_error *err) {
    return guard(err, [&] { need(qp).qp.set_database(rdb(db)); });
}

int cx_queryparser_set_default_op(cx_queryparser *qp, int op, cx_error *err) {
    return guard(err, [&] { need(qp).qp.set_default_op(Xapian::Query::op(op)); });
}

int cx_queryparser_add_prefix(cx_queryparser *qp, const char *field, size_t fieldlen,
                              const char *prefix, size_t prefixlen, cx_error *err) {
    return guard(err, [&] { need(qp).qp.add_prefix(S(field, fieldlen), S(prefix, prefixlen)); });
}

int cx_queryparser_add_boolean_prefix(cx_queryparser *qp, const char *field, size_t fieldlen,
                                      const char *prefix, size_t prefixlen,
                                      const char *grouping, size_t groupinglen,
                                      cx_error *err) {
    return guard(err, [&] {
        if (grouping) {
            std::string g = S(grouping, groupinglen);
            need(qp).qp.add_boolean_prefix(S(field, fieldlen), S(prefix, prefixlen), &g);
        } else {
            need(qp).qp.add_boolean_prefix(S(field, fieldlen), S(prefix, prefixlen));
        }
    });
}

cx_query *cx_queryparser_parse_query(cx_queryparser *qp, const char *text, size_t len,
                                     unsigned flags, const char *default_prefix,
                                     size_t default_prefixlen, cx_error *err) {
    return guard_new(err, [&] {
        return wrap(need(qp).qp.parse_query(S(text, len), flags,
                                            S(default_prefix, default_prefixlen)));
    });
}

// ------------------------------------------------------------------- enquire

cx_enquire *cx_enquire_new(const cx_database *db, cx_error *err) {
    return guard_new(err, [&] { return std::make_unique<cx_enquire>(rdb(db)); });
}

void cx_enquire_free(cx_enquire *enq) { delete enq; }

int cx_enquire_set_query(cx_enquire *enq, const cx_query *q, unsigned qlen, cx_error *err) {
    return guard(err, [&] { need(enq).enq.set_query(need(q).q, qlen); });
}

int cx_enquire_set_weighting_bm25(cx_enquire *enq, double k1, double k2, double k3, double b,
                                  double min_normlen, cx_error *err) {
    return guard(err, [&] {
        need(enq).enq.set_weighting_scheme(Xapian::BM25Weight(k1, k2, k3, b, min_normlen));
        enq->one_word = false;
    });
}

int cx_enquire_set_weighting_bm25_tiers(cx_enquire *enq, double k1, double k3, double min_normlen,
                                        uint32_t word_frequency, uint32_t wqf, cx_error *err) {
    return guard(err, [&] {
        need(enq).enq.set_weighting_scheme(TierWeight(k1, k3, min_normlen, word_frequency, wqf));
        enq->one_word = true;
    });
}

int cx_enquire_set_weighting_bm25plus(cx_enquire *enq, double k1, double k2, double k3,
                                      double b, double min_normlen, double delta,
                                      cx_error *err) {
    return guard(err, [&] {
        need(enq).enq.set_weighting_scheme(
            Xapian::BM25PlusWeight(k1, k2, k3, b, min_normlen, delta));
        enq->one_word = false;
    });
}

int cx_enquire_set_weighting_bool(cx_enquire *enq, cx_error *err) {
    return guard(err, [&] {
        need(enq).enq.set_weighting_scheme(Xapian::BoolWeight());
        enq->one_word = false;
    });
}

int cx_enquire_set_collapse_key(cx_enquire *enq, unsigned slot, unsigned max, cx_error *err) {
    return guard(err, [&] { need(enq).enq.set_collapse_key(slot, max); });
}

int cx_enquire_set_docid_order(cx_enquire *enq, int order, cx_error *err) {
    return guard(err, [&] {
        need(enq).enq.set_docid_order(Xapian::Enquire::docid_order(order));
    });
}

int cx_enquire_set_sort_by_value(cx_enquire *enq, uint32_t slot, int reverse, cx_error *err) {
    return guard(err, [&] { need(enq).enq.set_sort_by_value(slot, reverse != 0); });
}

int cx_enquire_set_time_limit(cx_enquire *enq, double seconds, cx_error *err) {
    return guard(err, [&] { need(enq).enq.set_time_limit(seconds); });
}

cx_mset *cx_enquire_get_mset(cx_enquire *enq, uint32_t first, uint32_t maxitems,
                             uint32_t checkatleast, const cx_rset *rset, cx_error *err) {
    return guard_new(err, [&] {
        Xapian::MSet m = need(enq).enq.get_mset(first, maxitems, checkatleast,
                                                rset ? &rset->rset : nullptr);
        return std::unique_ptr<cx_mset>(new cx_mset{std::move(m), enq->one_word});
    });
}

namespace {
// Accepts every document, noting its id: Xapian asks a decider about each document that
// matches the query, before ranking it.
struct MatchListing : Xapian::MatchDecider {
    uint32_t *docids;
    uint32_t capacity;
    mutable uint32_t matched = 0;
    MatchListing(uint32_t *docids_, uint32_t capacity_) : docids(docids_), capacity(capacity_) {}
    bool operator()(const Xapian::Document &doc) const override {
        if (matched < capacity) docids[matched] = doc.get_docid();
        ++matched;
        return true;
    }
};
}

cx_mset *cx_enquire_get_mset_listing(cx_enquire *enq, uint32_t first, uint32_t maxitems,
                                     uint32_t checkatleast, uint32_t *docids, uint32_t capacity,
                                     uint32_t *matched, cx_error *err) {
    return guard_new(err, [&] {
        MatchListing listing(docids, capacity);
        Xapian::MSet m = need(enq).enq.get_mset(first, maxitems, checkatleast, nullptr, &listing);
        *matched = listing.matched;
        return std::unique_ptr<cx_mset>(new cx_mset{std::move(m), enq->one_word});
    });
}

int cx_enquire_get_eset(cx_enquire *enq, uint32_t maxitems, const cx_rset *rset,
                        double min_weight, const char *word_prefix, size_t word_prefix_len,
                        cx_strlist **out, cx_error *err) {
    return guard(err, [&] {
        WordsPrefixed decider(word_prefix ? S(word_prefix, word_prefix_len) : std::string());
        Xapian::RSet empty;
        Xapian::ESet eset = need(enq).enq.get_eset(maxitems, rset ? rset->rset : empty,
                                                   Xapian::Enquire::USE_EXACT_TERMFREQ,
                                                   word_prefix ? &decider : nullptr, min_weight);
        auto list = std::make_unique<cx_strlist>();
        for (auto it = eset.begin(); it != eset.end(); ++it)
            list->items.emplace_back(*it, it.get_weight());
        out_list(std::move(list), out);
    });
}

// ---------------------------------------------------------------------- rset

cx_rset *cx_rset_new(cx_error *err) {
    return guard_new(err, [] { return std::make_unique<cx_rset>(); });
}

void cx_rset_free(cx_rset *rset) { delete rset; }

int cx_rset_add_document(cx_rset *rset, uint32_t docid, cx_error *err) {
    return guard(err, [&] { need(rset).rset.add_document(docid); });
}

// ---------------------------------------------------------------------- mset

void cx_mset_free(cx_mset *mset) { delete mset; }

size_t cx_mset_size(const cx_mset *mset) { return mset ? mset->mset.size() : 0; }

uint32_t cx_mset_get_matches_estimated(const cx_mset *mset) {
    return mset ? mset->mset.get_matches_estimated() : 0;
}

uint32_t cx_mset_get_matches_lower_bound(const cx_mset *mset) {
    return mset ? mset->mset.get_matches_lower_bound() : 0;
}

uint32_t cx_mset_get_matches_upper_bound(const cx_mset *mset) {
    return mset ? mset->mset.get_matches_upper_bound() : 0;
}

int cx_mset_get_item(const cx_mset *mset, size_t i, cx_mset_item *out, cx_error *err) {
    return guard(err, [&] {
        auto it = item_at(mset, i);
        auto &o = need(out);
        o.docid = *it;
        o.weight = it.get_weight();
        o.percent = mset->one_word ? one_word_percent(it.get_weight(), mset->mset.get_max_attained())
                                   : it.get_percent();
        o.collapse_count = it.get_collapse_count();
    });
}

// ---- Stem --------------------------------------------------------------------

struct cx_stem {
    Xapian::Stem stem;
};

cx_stem *cx_stem_new(const char *language, cx_error *err) {
    cx_stem *result = nullptr;
    guard(err, [&] { result = new cx_stem{stem_for(language)}; });
    return result;
}

void cx_stem_free(cx_stem *stem) { delete stem; }

int cx_stem_word(const cx_stem *stem, const char *word, size_t len, char *buf, size_t cap,
                 size_t *outlen, cx_error *err) {
    return guard(err, [&] {
        const std::string stemmed = need(stem).stem(S(word, len));
        need(outlen) = stemmed.size();
        if (stemmed.size() <= cap) std::memcpy(buf, stemmed.data(), stemmed.size());
    });
}

}  // extern "C"
