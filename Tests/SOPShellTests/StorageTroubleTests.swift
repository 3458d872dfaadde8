import Foundation
import SOPStore
import Testing

@testable import SOPShell
@testable import SOPApp
@testable import SOPText
@testable import SOPSystem

/// The sentence and the fix for each storage failure: what a planner reads instead of SQLite's text.
@Suite struct StorageTroubleTests {
    func describe(_ fault: StorageFault, _ moment: StorageTrouble.Moment, blocker: WriteBlocker? = nil, readOnly: Bool = false) -> String {
        let (what, fix) = StorageTrouble.describe(fault, detail: "sqlite words", path: "plant/sop.db", moment: moment, blocker: blocker, openedReadOnly: readOnly)
        return "\(what) (\(fix))"
    }

    @Test func aFullDiskSaysSoAndThatNothingChanged() {
        let text = describe(.diskFull, .command)
        #expect(text.contains("the disk holding database plant/sop.db is full"))
        #expect(text.contains("nothing was changed"))
        #expect(text.contains("df -h plant"))
        // SQLite reports a full disk as a read-only file, or an I/O error, when it cannot grow its files.
        #expect(describe(.readOnly, .command, blocker: .diskFull) == text)
        #expect(describe(.ioError, .command, blocker: .diskFull) == text)
        #expect(describe(.diskFull, .creating).contains("nothing was created"))
    }

    @Test func readOnlyNamesTheCauseAndItsFix() {
        let mount = describe(.readOnly, .command, blocker: .readOnlyFileSystem)
        #expect(mount.contains("is read-only: its file system is mounted read-only; nothing was changed"))
        #expect(mount.contains("remount that file system read-write"))
        let file = describe(.readOnly, .command, blocker: .fileNotWritable)
        #expect(file.contains("the file is read-only for this account") && file.contains("give this account write access to plant/sop.db"))
        #expect(describe(.readOnly, .command, blocker: .fileImmutable).contains("marked immutable; nothing was changed (clear the flag with `chattr -i plant/sop.db`"))
        let folder = describe(.cannotOpen, .creating, blocker: .folderNotWritable("plant"))
        #expect(folder.contains("cannot create database plant/sop.db: its folder plant is read-only") && folder.contains("nothing was created"))
        #expect(describe(.readOnly, .command, readOnly: true).contains("was opened read-only"))
    }

    @Test func damageAndForeignFilesPointAtTheBackup() {
        let damaged = describe(.damaged, .command)
        #expect(damaged.contains("database plant/sop.db is damaged: sqlite words"))
        #expect(damaged.contains("restore the newest backup that passes `sop check`"))
        #expect(describe(.notADatabase, .opening).contains("plant/sop.db is not an sop database"))
    }

    @Test func aLockHeldTooLongNamesTheWait() {
        #expect(describe(.busy, .command).contains("stayed locked by another process for more than \(LockWait.seconds) seconds; nothing was changed"))
    }

    @Test func everyMessageIsOneErrorLine() {
        let faults: [StorageFault] = [.readOnly, .diskFull, .damaged, .notADatabase, .cannotOpen, .busy, .ioError]
        let blockers: [WriteBlocker?] = [nil, .readOnlyFileSystem, .diskFull, .fileNotWritable, .fileImmutable, .folderNotWritable("plant")]
        for fault in faults {
            for moment in [StorageTrouble.Moment.opening, .creating, .command] {
                for blocker in blockers {
                    let (what, fix) = StorageTrouble.describe(fault, detail: "d", path: "p.db", moment: moment, blocker: blocker)
                    #expect(!what.isEmpty && !fix.isEmpty && !what.contains("\n") && !fix.contains("(") && !fix.contains(")"),
                            "\(fault) \(moment) \(String(describing: blocker)): \(what) (\(fix))")
                }
            }
        }
    }
}
