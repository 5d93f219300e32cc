// value_merge.cpp — see value_merge.h.

#include "value_merge.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <limits>
#include <mutex>

namespace {

// Glass's default block size, which every database of ours has.
constexpr uint64_t block_size = 8192;
// For the blocks other writers of the process add while a commit merges values.
constexpr uint64_t margin = 256 * 1024;
constexpr uint64_t margin_per_other_writer = 64 * 1024;

std::atomic<uint64_t> writers_open{0};

// Commits of the whole process take turns: one's postings cannot fill the room found for
// another's values.
std::mutex &commit_turn() {
    static std::mutex turn;
    return turn;
}

// Where glass keeps value streams: the postlist table.
uint64_t value_table_size(int folder) {
    struct stat st;
    return ::fstatat(folder, "postlist.glass", &st, 0) == 0 ? uint64_t(st.st_size) : 0;
}

// Free space on the database's file system; unknown (taken as enough) if it cannot be read, so
// that a failing statvfs never stops every commit.
uint64_t free_space(int folder) {
    struct statvfs fs;
    if (folder < 0 || ::fstatvfs(folder, &fs) != 0) return std::numeric_limits<uint64_t>::max();
    return uint64_t(fs.f_bavail) * fs.f_frsize;
}

// As GlassWritableDatabase reads it when it opens.
uint64_t xapian_flush_threshold() {
    const char *setting = std::getenv("XAPIAN_FLUSH_THRESHOLD");
    long threshold = setting ? std::atol(setting) : 0;
    return threshold > 0 ? uint64_t(threshold) : 10000;
}

void require_unique_term(const std::string &term) {
    // Xapian refuses it too, but only after "" has matched every document.
    if (term.empty()) throw Xapian::InvalidArgumentError("Empty termnames are invalid");
}

}  // namespace

ValueMerge::ValueMerge(Xapian::WritableDatabase &db, const std::string &path)
    : db_(db),
      folder_(::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)),
      flush_threshold_(xapian_flush_threshold()) {
    ++writers_open;
}

ValueMerge::~ValueMerge() {
    --writers_open;
    if (folder_ >= 0) ::close(folder_);
}

Xapian::docid ValueMerge::replace(const std::string &unique_term, const Xapian::Document &doc) {
    require_unique_term(unique_term);
    uint64_t existing = db_.get_termfreq(unique_term);
    before_changing(std::max<uint64_t>(existing, 1));
    count_values_removed(existing);
    Xapian::docid id = db_.replace_document(unique_term, doc);
    count_values_set(doc);
    return id;
}

void ValueMerge::replace(Xapian::docid id, const Xapian::Document &doc) {
    before_changing(1);
    count_values_removed(1);
    db_.replace_document(id, doc);
    count_values_set(doc);
}

void ValueMerge::remove(const std::string &unique_term) {
    require_unique_term(unique_term);
    uint64_t existing = db_.get_termfreq(unique_term);
    if (!existing) return;
    before_changing(existing);
    count_values_removed(existing);
    db_.delete_document(unique_term);
}

template <typename Commit> void ValueMerge::committing(Commit &&commit) {
    std::lock_guard<std::mutex> turn(commit_turn());
    merge_values();
    try {
        commit();
    } catch (...) {
        forget_pending();  // glass cancelled the changes
        documents_changed_ = 0;
        throw;
    }
    documents_changed_ = 0;
}

void ValueMerge::commit() {
    if (in_transaction_) throw Xapian::InvalidOperationError("Can't commit during a transaction");
    committing([&] { db_.commit(); });
}

void ValueMerge::begin_transaction(bool flushed) {
    if (in_transaction_) {
        throw Xapian::InvalidOperationError("Cannot begin transaction - transaction already in progress");
    }
    if (flushed) {
        // Glass commits what is pending first.
        committing([&] { db_.begin_transaction(true); });
    } else {
        db_.begin_transaction(false);
    }
    in_transaction_ = true;
    transaction_flushed_ = flushed;
}

void ValueMerge::commit_transaction() {
    if (!in_transaction_ || !transaction_flushed_) {
        // Nothing is written: an unflushed transaction's changes wait for the next commit.
        db_.commit_transaction();
        in_transaction_ = false;
        return;
    }
    committing([&] {
        in_transaction_ = false;  // after the merge, which cancels the transaction without room
        db_.commit_transaction();
    });
}

void ValueMerge::cancel_transaction() {
    in_transaction_ = false;
    db_.cancel_transaction();
    forget_pending();
    documents_changed_ = 0;
}

void ValueMerge::close() {
    std::lock_guard<std::mutex> turn(commit_turn());
    // Closing commits, or inside a transaction cancels it.
    if (!in_transaction_) merge_values();
    in_transaction_ = false;
    forget_pending();
    db_.close();
}

void ValueMerge::release(std::unique_ptr<Xapian::Database> &owner) noexcept {
    std::lock_guard<std::mutex> turn(commit_turn());
    try {
        if (!in_transaction_) merge_values();
    } catch (...) {
        // The changes were discarded: the destructor has nothing to commit.
    }
    owner.reset();
}

void ValueMerge::before_changing(uint64_t documents) {
    if (!in_transaction_ && documents_changed_ + documents >= flush_threshold_) commit();
    documents_changed_ += documents;
}

void ValueMerge::count_values_set(const Xapian::Document &doc) {
    uint64_t values = 0;
    for (auto value = doc.values_begin(); value != doc.values_end(); ++value) {
        ++values;
        value_bytes_ += (*value).size();
        slots_.insert(value.get_valueno());
    }
    values_set_ += values;
    values_per_document_ = std::max(values_per_document_, values);
}

void ValueMerge::count_values_removed(uint64_t documents) {
    // Reading the documents' values to count them would read their largest too: a removed
    // document is taken to have as many as the most seen, and at least 8 (ours have 4).
    values_removed_ += documents * std::max<uint64_t>(values_per_document_, 8);
}

void ValueMerge::merge_values() {
    // When glass has flushed on its own inside a transaction, it merges nothing below: the
    // commit that follows, in the same turn, merges them just after this check.
    if (values_set_ == 0 && values_removed_ == 0) return;
    uint64_t needed = room_needed();
    uint64_t room = free_space(folder_);
    if (room < needed) {
        discard();
        throw Xapian::DatabaseError("too little room to write the value slots (" + std::to_string(needed / 1024)
                                        + " KiB needed, " + std::to_string(room / 1024)
                                        + " KiB free); the changes since the last commit were discarded",
                                    ENOSPC);
    }
    // Glass merges the pending values when a value stream of a changed database is opened
    // (GlassWritableDatabase::open_value_list); the commit that follows finds none left.
    db_.valuestream_begin(0);
    forget_pending();
}

uint64_t ValueMerge::room_needed() const {
    // A stream chunk holds each value after its docid delta and length (10 bytes at most); a
    // table holds chunks in blocks filled by half after splits.
    uint64_t set = 2 * (value_bytes_ + 10 * values_set_);
    // The chunk each slot's new values start in, rewritten, and the branch blocks above.
    uint64_t streams = block_size * (3 * slots_.size() + 4);
    // A removed value rewrites its chunk's block and the one above, at most the whole table.
    uint64_t table = value_table_size(folder_);
    uint64_t removed = std::min(values_removed_ * 2 * block_size, 2 * table + block_size);
    uint64_t others = writers_open > 0 ? writers_open - 1 : 0;
    return set + streams + removed + margin + others * margin_per_other_writer;
}

void ValueMerge::discard() {
    // Xapian drops uncommitted changes only by cancelling a transaction; an unflushed one begun
    // now takes them in.
    if (!in_transaction_) db_.begin_transaction(false);
    in_transaction_ = false;
    db_.cancel_transaction();
    forget_pending();
    documents_changed_ = 0;
}

void ValueMerge::forget_pending() {
    values_set_ = 0;
    value_bytes_ = 0;
    values_removed_ = 0;
    slots_.clear();
}
