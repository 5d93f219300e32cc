import Foundation
import Testing

/// `modsearch index` on a file system that fills up or is read-only: a small tmpfs mounted in a
/// mount namespace of the test's own (`unshare`), gone when the script ends (issue #16, items 8
/// and 9). Needs the privilege to mount (root, or user namespaces); skipped without it.
@Suite(.removingTemporaryFolders) struct FullDiskEndToEndTests {
    static let canMount: Bool = {
        let probe = try? Harness.shell("unshare --mount --propagation private bash -c 'd=$(mktemp -d) && "
                                       + "mount -t tmpfs -o size=1m tmpfs $d && umount $d && rmdir $d'")
        return probe?.status == 0
    }()

    /// Runs `script` in a private mount namespace with a tmpfs of `megabytes` at `fs/`.
    static func withSmallDisk(_ session: Session, megabytes: Int, _ script: String) throws -> Harness.Result {
        try session.shell("mkdir -p fs && unshare --mount --propagation private bash -c '"
                          + "mount -t tmpfs -o size=\(megabytes)m tmpfs fs || exit 99; \(script)'")
    }

    @Test(.enabled(if: canMount))
    func aFullDiskIsSaidAsSuchRolledBackAndLeavesTheIndexUsableAndUpdatable() throws {
        let session = try Session()
        #expect(try session.shell("cp -r \(Harness.corpus) docs && modsearch-bench generate 120 docs/more --corpus docs"
                                  + " >/dev/null && mv docs/more more").status == 0)
        // 6 MB: the Corpus index (1.4 MB) fits three times over, as a rebuild beside it needs
        // (shards, then their merge), and the 120 generated documents' (5 MB) does not.
        let result = try Self.withSmallDisk(session, megabytes: 6, """
            modsearch index --db fs/db docs >/dev/null || exit 10
            mv more docs/more
            modsearch index --db fs/db docs; echo "full: $?"
            rm -r docs/more
            modsearch index --db fs/db docs; echo "after: $?"
            modsearch index --rebuild --db fs/db docs; echo "rebuilt: $?"
            modsearch --no-daemon --db fs/db -c shame
            xapian-check fs/db >/dev/null; echo "check: $?"
            """)
        #expect(result.stderr.contains("modsearch: \(session.folder)/fs/db: no space left on device while writing the index;"
                                       + " this run's changes were rolled back"), "\(result.stderr)")
        #expect(result.stdout.contains("full: 2\n"), "\(result.stdout)")
        #expect(result.stdout.contains("indexed 0 of 24 files (0 passages), 24 unchanged"), "\(result.stdout)")
        #expect(result.stdout.contains("after: 0\n") && result.stdout.contains("rebuilt: 0\n"), "\(result.stdout)")
        #expect(result.stdout.contains("\n42\ncheck: 0\n"), "\(result.stdout)")
    }

    /// Xapian 1.4 aborts the process when the disk fills while it writes a commit's value slots
    /// (glass writes them from a destructor); the shim checks for room first
    /// (CXapianShim/value_merge.h). An update is tried with the disk filled to every amount of
    /// free space, 192 KiB apart, until one fits: each run fails as a full disk, leaving the
    /// index as it was, or succeeds; none aborts.
    @Test(.enabled(if: canMount))
    func anUpdateOnADiskFullAtAnyPointFailsAsAFullDiskAndNeverAborts() throws {
        let session = try Session()
        #expect(try session.shell("cp -r \(Harness.corpus) docs && modsearch-bench generate 30 more --corpus docs"
                                  + " >/dev/null && modsearch index --db base docs >/dev/null").status == 0)
        let result = try Self.withSmallDisk(session, megabytes: 16, """
            for free in $(seq 0 192 12288); do
              rm -rf fs/db && cp -r base fs/db
              avail=$(df -k --output=avail fs | tail -1)
              head -c $(( (avail > free ? avail - free : 0) * 1024 )) /dev/zero > fs/filler 2>/dev/null
              mv more docs/more
              modsearch index --db fs/db docs >/dev/null 2>err; status=$?
              mv docs/more more
              xapian-check fs/db >/dev/null 2>&1; check=$?
              echo "$free KiB free: exit $status, xapian-check $check, left $(ls fs | tr "\\n" " ")| $(tr "\\n" "~" < err)"
              rm fs/filler
              [ $status = 0 ] && break
            done
            """)
        let runs = result.stdout.split(separator: "\n").map(String.init)
        #expect(runs.count > 1 && runs.last?.contains(": exit 0,") == true, "\(result.stdout) \(result.stderr)")
        let full = "modsearch: \(session.folder)/fs/db: no space left on device while writing the index;"
        for run in runs.dropLast() {
            #expect(run.contains(": exit 2, xapian-check 0, left db filler | \(full)") && run.hasSuffix("~")
                        && run.filter { $0 == "~" }.count == 1, "\(run)")
        }
    }

    /// With no room even to create the index, a first run says the disk is full and leaves no
    /// work folder behind.
    @Test(.enabled(if: canMount))
    func aFirstIndexOnAFullDiskLeavesNothingBehind() throws {
        let session = try Session()
        let result = try Self.withSmallDisk(session, megabytes: 1, """
            head -c 2M /dev/zero > fs/filler 2>/dev/null
            modsearch index --db fs/db \(Harness.corpus); echo "exit $?"
            ls fs
            """)
        #expect(result.stdout == "exit 2\nfiller\n", "\(result.stdout)")
        #expect(result.stderr == "modsearch: \(session.folder)/fs/db: no space left on device while writing the index; "
                                 + "this run's changes were rolled back and the index is as it was\n", "\(result.stderr)")
    }

    @Test(.enabled(if: canMount))
    func aReadOnlyFileSystemIsSaidAsSuchNotAsAnotherWriter() throws {
        let session = try Session()
        let result = try Self.withSmallDisk(session, megabytes: 8, """
            modsearch index --db fs/db \(Harness.corpus) >/dev/null || exit 10
            mount -o remount,ro fs || exit 11
            modsearch index --db fs/db \(Harness.corpus); echo "update: $?"
            modsearch index --db fs/other \(Harness.corpus); echo "new: $?"
            """)
        #expect(result.stdout == "update: 2\nnew: 2\n", "\(result.stdout) \(result.stderr)")
        for name in ["db", "other"] {
            #expect(result.stderr.contains("modsearch: \(session.folder)/fs/\(name): the index is on a read-only file system"),
                    "\(result.stderr)")
        }
        #expect(!result.stderr.contains("another process"), "\(result.stderr)")
    }
}
