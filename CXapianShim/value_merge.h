// value_merge.h — writing a database's value-slot changes where a full disk is an error, not an
// abort.
//
// Xapian 1.4's glass backend writes the value-slot changes of a commit from a destructor
// (Glass::ValueUpdater, glass_values.cc). When a block write fails there, because the disk is
// full, the exception leaves a noexcept destructor: std::terminate, and the process aborts with
// the index half written. So the shim never lets glass merge values unguarded. Every commit (of
// a transaction too, and the one that closing or releasing a database makes) starts by checking
// that the file system has room for them, then has glass merge them at once, before the
// postings, whose write failures glass rolls back. With too little room the changes since the
// last commit are discarded, as a failed commit's are, and the commit throws DatabaseError
// (ENOSPC).
//
// Commits of the whole process take turns, each whole, so that another writer's commit cannot
// fill the room found (indexing 10,000 documents on two cores took the same time with and without
// the turns, BENCHMARKS.md). Other writers go on adding documents meanwhile: the margin grows
// with the writers open. Not seen: a disk quota, which statvfs does not report.

#pragma once

#include <xapian.h>

#include <cstdint>
#include <memory>
#include <set>
#include <string>

/// The writes to one writable database that can make glass merge values. Used from one thread
/// at a time, as the database is.
class ValueMerge {
  public:
    /// `db` is the database opened at `path`, a glass directory.
    ValueMerge(Xapian::WritableDatabase &db, const std::string &path);
    ~ValueMerge();
    ValueMerge(const ValueMerge &) = delete;
    ValueMerge &operator=(const ValueMerge &) = delete;

    Xapian::WritableDatabase &database() const { return db_; }

    Xapian::docid replace(const std::string &unique_term, const Xapian::Document &doc);
    void replace(Xapian::docid id, const Xapian::Document &doc);
    void remove(const std::string &unique_term);

    void commit();
    void begin_transaction(bool flushed);
    void commit_transaction();
    void cancel_transaction();
    void close();
    /// Destroys the database (`owner`), which commits: without room for the values, the changes
    /// are discarded instead. Never throws.
    void release(std::unique_ptr<Xapian::Database> &owner) noexcept;

  private:
    /// Called before a change of `documents` documents: Xapian flushes and commits on its own
    /// when its count of changes reaches XAPIAN_FLUSH_THRESHOLD outside a transaction, so this
    /// commits first.
    void before_changing(uint64_t documents);
    void count_values_set(const Xapian::Document &doc);
    void count_values_removed(uint64_t documents);
    /// Runs `commit`, a Xapian call that commits what is pending, in the commit turn after
    /// merging the values; no change is pending after it, whether it throws or not.
    template <typename Commit> void committing(Commit &&commit);
    /// Call holding the commit turn: merges the values if there is room, else discards every
    /// change since the last commit and throws.
    void merge_values();
    /// Bytes the file system must have free to merge the pending values.
    uint64_t room_needed() const;
    void discard();
    void forget_pending();

    Xapian::WritableDatabase &db_;
    /// The database's folder, open: it is renamed while open (a first index moved into place).
    int folder_;
    uint64_t flush_threshold_;
    bool in_transaction_ = false;
    bool transaction_flushed_ = false;
    /// Changes since the last commit, at least as many as Xapian counts.
    uint64_t documents_changed_ = 0;
    /// The most values a document has had: how many a removed document is taken to have.
    uint64_t values_per_document_ = 0;
    /// Values set, and their bytes, since the values were last merged.
    uint64_t values_set_ = 0;
    uint64_t value_bytes_ = 0;
    /// Values removed with their documents: each rewrites a chunk of its slot's stream.
    uint64_t values_removed_ = 0;
    std::set<Xapian::valueno> slots_;
};
