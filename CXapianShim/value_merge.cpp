// value_merge.cpp — see value_merge.h.

#include "value_merge.h"

#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <limits>
#include <mutex>

namespace {

// Glass's default block size, which every database of ours has.
constexpr uint64_t block_size = 8192;
// For the blocks other writers of the process add while a commit merges values.
constexpr uint64_t margin = 256 * 1024;

// Commits of the whole process take turns: one's postings cannot fill the room found for
// another's values.
std::mutex &commit_turn() {
    static std::mutex turn;
    return turn;
}

uint64_t file_size(const std::string &path) {
    struct stat st;
    return ::stat(path.c_str(), &st) == 0 ? uint64_t(st.st_size) : 0;
}

// Where glass keeps value streams: in the postlist table.
std::string value_table(const std::string &directory) { return directory + "/postlist.glass"; }

struct Room {
    uint64_t bytes;
    int error;  // what a write past it fails with
};

// Free space on the file system, or less when the value table is near the file size limit.
Room room_for_values(const std::string &directory) {
    Room room{std::numeric_limits<uint64_t>::max(), ENOSPC};
    struct statvfs fs;
    if (::statvfs(directory.c_str(), &fs) == 0) room.bytes = uint64_t(fs.f_bavail) * fs.f_frsize;
    struct rlimit limit;
    if (::getrlimit(RLIMIT_FSIZE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY) {
        uint64_t size = file_size(value_table(directory));
        uint64_t left = limit.rlim_cur > size ? uint64_t(limit.rlim_cur) - size : 0;
        if (left < room.bytes) room = {left, EFBIG};
    }
    return room;
}

// As GlassWritableDatabase reads it when it opens.
uint64_t xapian_flush_threshold() {
    const char *setting = std::getenv("XAPIAN_FLUSH_THRESHOLD");
    long threshold = setting ? std::atol(setting) : 0;
    return threshold > 0 ? uint64_t(threshold) : 10000;
}

}  // namespace

ValueMerge::ValueMerge(Xapian::WritableDatabase &db, std::string path)
    : db_(db), path_(std::move(path)), flush_threshold_(xapian_flush_threshold()) {}

Xapian::docid ValueMerge::replace(const std::string &unique_term, const Xapian::Document &doc) {
    uint64_t existing = db_.get_termfreq(unique_term);
    changing(std::max<uint64_t>(existing, 1));
    if (existing) removing(unique_term);
    Xapian::docid id = db_.replace_document(unique_term, doc);
    set(doc);
    return id;
}

void ValueMerge::replace(Xapian::docid id, const Xapian::Document &doc) {
    changing(1);
    removing(id);
    db_.replace_document(id, doc);
    set(doc);
}

void ValueMerge::remove(const std::string &unique_term) {
    uint64_t existing = db_.get_termfreq(unique_term);
    if (!existing) return;
    changing(existing);
    removing(unique_term);
    db_.delete_document(unique_term);
}

void ValueMerge::commit() {
    std::lock_guard<std::mutex> turn(commit_turn());
    merge_values();
    try {
        db_.commit();
    } catch (...) {
        forget_pending();  // glass cancelled the changes
        throw;
    }
    documents_changed_ = 0;
}

void ValueMerge::begin_transaction(bool flushed) {
    if (flushed) {
        // Glass commits what is pending first.
        std::lock_guard<std::mutex> turn(commit_turn());
        merge_values();
        db_.begin_transaction(true);
        documents_changed_ = 0;
    } else {
        db_.begin_transaction(false);
    }
    in_transaction_ = true;
    transaction_flushed_ = flushed;
}

void ValueMerge::commit_transaction() {
    std::lock_guard<std::mutex> turn(commit_turn());
    merge_values();
    in_transaction_ = false;
    try {
        db_.commit_transaction();
    } catch (...) {
        forget_pending();
        throw;
    }
    // An unflushed transaction's changes are committed with the database's next commit.
    if (transaction_flushed_) documents_changed_ = 0;
}

void ValueMerge::cancel_transaction() {
    in_transaction_ = false;
    db_.cancel_transaction();
    forget_pending();
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

uint64_t ValueMerge::room_needed() const {
    // A stream chunk holds each value after its docid delta and length (10 bytes at most); a
    // table holds chunks in blocks filled by half after splits.
    uint64_t set = 2 * (value_bytes_ + 10 * values_set_);
    // The chunk each slot's new values start in, rewritten, and the branch blocks above.
    uint64_t streams = block_size * (3 * slots_.size() + 4);
    // A removed value rewrites its chunk's block, at most every block of the table once.
    uint64_t removed = values_removed_ ? std::min(values_removed_ * block_size, file_size(value_table(path_)) + block_size) : 0;
    return set + streams + removed + margin;
}

void ValueMerge::changing(uint64_t documents) {
    if (!in_transaction_ && documents_changed_ + documents >= flush_threshold_) commit();
    documents_changed_ += documents;
}

void ValueMerge::set(const Xapian::Document &doc) {
    for (auto value = doc.values_begin(); value != doc.values_end(); ++value) {
        ++values_set_;
        value_bytes_ += (*value).size();
        slots_.insert(value.get_valueno());
    }
}

void ValueMerge::removing(Xapian::docid id) {
    try {
        values_removed_ += db_.get_document(id).values_count();
    } catch (const Xapian::DocNotFoundError &) {
        // Nothing to remove: the replacement adds the document.
    }
}

void ValueMerge::removing(const std::string &unique_term) {
    for (auto posting = db_.postlist_begin(unique_term); posting != db_.postlist_end(unique_term); ++posting) {
        removing(*posting);
    }
}

void ValueMerge::merge_values() {
    if (values_set_ == 0 && values_removed_ == 0) return;
    uint64_t needed = room_needed();
    Room room = room_for_values(path_);
    if (room.bytes < needed) {
        discard();
        throw Xapian::DatabaseError("too little room to write the value slots (" + std::to_string(needed / 1024)
                                        + " KiB needed, " + std::to_string(room.bytes / 1024)
                                        + " KiB free); the changes since the last commit were discarded",
                                    room.error);
    }
    // Glass merges the pending values when a value stream of a changed database is opened
    // (GlassWritableDatabase::open_value_list); the commit that follows finds none left.
    db_.valuestream_begin(0);
    forget_pending();
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
