import CSIMSFileSystem
import Foundation
import SIMSCore
import SIMSFormats

/// The state shared by an ``OutputFolder`` and its sub-folders: the destination, the staging folder beside it,
/// and the commit that swaps one for the other (docs/reliability.md, "Output folders").
///
/// Staging folder: `PARENT/.<name>.sims-staging-<random>`, with the lock file `<staging>.lock` beside it, which
/// the run keeps locked (`flock`) until it ends, so the next run can tell a live run's staging folder (locked) from
/// one left by a killed run (unlocked: removed). The lock file lies outside the staging folder, so it never ends
/// up in the output folder.
final class OutputRun: @unchecked Sendable {
    enum State { case staging, committed, abandoned }

    /// The output folder as the user named it (without trailing slashes).
    let destination: String
    /// Its canonical absolute path (symbolic links of existing folders resolved).
    let canonicalDestination: String
    /// The staging folder (absolute).
    let staging: String
    let force: Bool
    let updating: Bool
    private let lock = NSLock()
    private var state = State.staging
    private var lockDescriptor: Int32 = -1

    static let lockSuffix = ".lock"
    static let stagingMarker = ".sims-staging-"
    static let oldMarker = ".sims-old-"

    init(destination path: String, force: Bool, inputs: [String], updating: Bool) throws(SIMSError) {
        guard !path.isEmpty else { throw .invalidArgument("the output folder has no name", expected: "--out DIR") }
        destination = PathName.trimmingTrailingSlashes(path)
        canonicalDestination = PathName.canonical(destination)
        self.force = force
        self.updating = updating
        guard canonicalDestination != "/" else {
            throw SIMSError(.invalidArgument, "the file-system root cannot be an output folder", file: path, expected: "--out DIR")
        }
        let kind = FileNode.kind(canonicalDestination)
        if kind == .file || kind == .other {
            throw SIMSError(.invalidArgument, "the output folder is a file", file: path, expected: "a folder (new, or written by an earlier sims run)")
        }
        if !updating {
            for input in inputs {
                guard let resolved = PathName.resolved(input) else { continue }
                if PathName.isInside(resolved, canonicalDestination) {
                    throw SIMSError(.invalidArgument, resolved == canonicalDestination
                                        ? "the output folder is an input of this run; sims never writes over its inputs"
                                        : "the output folder contains the input \(input); sims never writes over its inputs",
                                    file: path, expected: "an --out folder outside the inputs")
                }
                // A new folder inside an input folder is fine (`sims mva . --out mva`); an existing one that sims did
                // not write (a sample folder) is part of the input.
                if PathName.isInside(canonicalDestination, resolved), kind == .directory,
                   FileNode.kind(canonicalDestination + "/" + OutputFolder.manifestName) == .missing,
                   !FileNode.names(in: canonicalDestination).isEmpty {
                    throw SIMSError(.invalidArgument, "the output folder is a folder of the input \(input) that sims did not write; sims never writes over its inputs",
                                    file: path, expected: "a new --out folder, or one written by an earlier sims run")
                }
            }
        }
        let parent = PathName.parent(of: canonicalDestination)
        let name = PathName.lastComponent(canonicalDestination)
        do { try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true) } catch {
            throw SIMSError(.writeFailed, "cannot create the folder holding the output folder: \(error.localizedDescription)", file: parent)
        }
        try Self.removeStaleRuns(in: parent, name: name, destinationExists: kind == .directory)
        if kind == .directory || FileNode.kind(canonicalDestination) == .directory {
            let manifest = try OutputManifest.read(inFolder: canonicalDestination)
            if manifest == nil, !updating, !force {
                let contents = FileNode.names(in: canonicalDestination)
                if let example = contents.sorted().first {
                    throw SIMSError(.invalidArgument, """
                        the output folder holds files that sims did not write (no \(OutputFolder.manifestName); e.g. \"\(example)\"): \
                        choose a new or empty --out, or give --force (files already there are kept unless this run writes \
                        one of the same name)
                        """, file: path)
                }
            }
        }
        staging = parent + "/." + name + Self.stagingMarker + String(UInt64.random(in: 0...UInt64.max), radix: 16)
        // Created and registered as one write: an interrupt (``abandonAll()``) waits for it and then finds the
        // run, or comes first and the run never starts; never a staging folder it does not know of.
        try WriteGate.write { () throws(SIMSError) in
            lockDescriptor = open(staging + Self.lockSuffix, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            if lockDescriptor >= 0 { _ = flock(lockDescriptor, LOCK_EX | LOCK_NB) }
            guard mkdir(staging, 0o777) == 0 else {
                let code = errno
                releaseLock()
                throw SIMSError(.writeFailed, "cannot create the staging folder (errno \(code))", file: staging)
            }
            Self.register(self)
        }
        if updating, FileNode.kind(canonicalDestination) == .directory { try startFromPreviousRun() }
    }

    /// Updating (`sims report DIR`): the staging folder starts as hard links to the previous run's files (its
    /// manifest, or for a folder written before manifests existed, the outputs its `provenance.json` lists), so
    /// the run can read them (figures re-read into the report) and the commit keeps those it does not rewrite.
    private func startFromPreviousRun() throws(SIMSError) {
        let previous = try OutputManifest.read(inFolder: canonicalDestination)?.files ?? Self.provenanceOutputs(of: canonicalDestination)
        for file in previous where FileNode.kind(canonicalDestination + "/" + file) == .file {
            let target = staging + "/" + file
            try? FileManager.default.createDirectory(atPath: PathName.parent(of: target), withIntermediateDirectories: true)
            if link(canonicalDestination + "/" + file, target) != 0 {
                do { try FileManager.default.copyItem(atPath: canonicalDestination + "/" + file, toPath: target) } catch {
                    throw SIMSError(.writeFailed, "cannot carry over a file of the previous run: \(error.localizedDescription)", file: target)
                }
            }
        }
    }

    /// The `outputs` listed in `folder/provenance.json` (plus the report files), for folders without a manifest.
    static func provenanceOutputs(of folder: String) -> [String] {
        guard let data = FileManager.default.contents(atPath: folder + "/provenance.json"),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let outputs = object["outputs"] as? [String] else { return [] }
        return Array(Set(outputs + RunRecord.reportFiles)).filter { !$0.hasPrefix("/") && !$0.split(separator: "/").contains("..") }
    }

    deinit {
        if state == .staging { try? FileManager.default.removeItem(atPath: staging) }
        Self.unregister(self)
        releaseLock()
    }

    /// Removes and unlocks the lock file.
    private func releaseLock() {
        guard lockDescriptor >= 0 else { return }
        unlink(staging + Self.lockSuffix)
        close(lockDescriptor)
        lockDescriptor = -1
    }

    /// The staging folder until the commit, then the destination.
    var root: String {
        lock.lock()
        defer { lock.unlock() }
        return state == .committed ? destination : staging
    }

    var isCommitted: Bool {
        lock.lock()
        defer { lock.unlock() }
        return state == .committed
    }

    // MARK: - Commit

    func commit(protecting inputs: [String]) throws(SIMSError) {
        lock.lock()
        defer { lock.unlock() }
        switch state {
        case .committed: return
        case .abandoned: throw SIMSError(.writeFailed, "the run was interrupted", file: destination)
        case .staging: break
        }
        Self.commitLock.lock()
        defer { Self.commitLock.unlock() }
        guard !Self.exiting else { throw SIMSError(.writeFailed, "the run was interrupted", file: destination) }
        let protected = Set(inputs.compactMap(PathName.resolved))
        let exists = FileNode.kind(canonicalDestination) == .directory
        let old = exists ? try OutputManifest.read(inFolder: canonicalDestination) : nil
        var plan = CommitPlan(old: Set(old?.files ?? (updating ? Self.provenanceOutputs(of: canonicalDestination) : [])))
        if exists { plan.survey(destination: canonicalDestination, staging: staging) }
        try check(plan, protected: protected)

        let inPlace = exists && (Self.currentFolderIsInside(canonicalDestination) || !plan.linkUserFiles(from: canonicalDestination, into: staging, force: force))
        let written = FileNode.files(in: staging).filter { !plan.linked.contains($0) }
        let manifest = OutputManifest(files: written)
        do {
            // Every file this run wrote is on disk before any of them is moved into place (the writes only started
            // their writeback), so a power loss after the swap cannot leave the new run with empty files.
            try AtomicFile.makeDurable(written.map { staging + "/" + $0 })
            if inPlace {
                try moveInPlace(manifest: manifest, plan: plan)
            } else {
                try AtomicFile.write(manifest.json, to: staging + "/" + OutputFolder.manifestName)
                try AtomicFile.makeDurable([staging + "/" + OutputFolder.manifestName])
                try swap(exists: exists)
            }
        } catch let error as SIMSError {
            throw error
        } catch {
            throw SIMSError(.writeFailed, "cannot move the run into place: \(error)", file: destination)
        }
        state = .committed
        Self.unregister(self)
        releaseLock()
    }

    private func check(_ plan: CommitPlan, protected: Set<String>) throws(SIMSError) {
        let endangered = (plan.conflicts + plan.dropped).filter { protected.contains(PathName.resolved(canonicalDestination + "/" + $0) ?? "") }
        if let input = endangered.first {
            throw SIMSError(.invalidArgument, "this run would replace or remove its own input \(destination)/\(input); sims never writes over its inputs",
                            file: destination, expected: "an --out folder that holds none of the inputs")
        }
        guard !plan.conflicts.isEmpty, !force else { return }
        let shown = plan.conflicts.prefix(5).map { destination + "/" + $0 }.joined(separator: ", ")
        let more = plan.conflicts.count > 5 ? " and \(plan.conflicts.count - 5) more" : ""
        throw SIMSError(.invalidArgument, """
            \(shown)\(more) \(plan.conflicts.count == 1 ? "was" : "were") not written by sims and would be replaced by this run's \
            output; move \(plan.conflicts.count == 1 ? "it" : "them") away, choose another --out, or give --force
            """, file: destination)
    }

    /// Swaps the staging folder with the destination (`renameat2(RENAME_EXCHANGE)`) and removes the old
    /// folder, or renames the staging folder into place when there is no destination yet.
    private func swap(exists: Bool) throws(SIMSError) {
        if !exists {
            if sims_rename_noreplace(staging, canonicalDestination) != 0 {
                guard errno == EINVAL || errno == ENOSYS, rename(staging, canonicalDestination) == 0 else {
                    throw SIMSError(.writeFailed, "cannot move the finished run into place (errno \(errno))", file: destination)
                }
            }
        } else if sims_rename_exchange(staging, canonicalDestination) != 0 {
            guard errno == EINVAL || errno == ENOSYS || errno == ENOTSUP else {
                throw SIMSError(.writeFailed, "cannot swap the finished run into place (errno \(errno))", file: destination)
            }
            // No atomic exchange here: park the old folder, then rename. A run killed in between leaves no
            // destination and the parked folder, which the next run puts back (``removeStaleRuns``).
            let parked = PathName.parent(of: canonicalDestination) + "/." + PathName.lastComponent(canonicalDestination)
                + Self.oldMarker + String(UInt64.random(in: 0...UInt64.max), radix: 16)
            guard rename(canonicalDestination, parked) == 0 else {
                throw SIMSError(.writeFailed, "cannot move the previous run aside (errno \(errno))", file: destination)
            }
            guard rename(staging, canonicalDestination) == 0 else {
                let code = errno
                _ = rename(parked, canonicalDestination)
                throw SIMSError(.writeFailed, "cannot move the finished run into place (errno \(code))", file: destination)
            }
            try? FileManager.default.removeItem(atPath: parked)
        } else {
            try? FileManager.default.removeItem(atPath: staging)  // now the previous run
        }
    }

    /// The commit where the folder cannot be swapped (the current folder is inside it, or the file system has no
    /// hard links): files are moved in one by one (each atomically), the previous run's other files removed,
    /// and the manifest written last. Not atomic as a whole.
    private func moveInPlace(manifest: OutputManifest, plan: CommitPlan) throws {
        let union = OutputManifest(files: Array(Set(manifest.files).union(plan.old)))
        try AtomicFile.write(union.json, to: canonicalDestination + "/" + OutputFolder.manifestName)
        let fileManager = FileManager.default
        for file in FileNode.files(in: staging) where !plan.linked.contains(file) {
            let target = canonicalDestination + "/" + file
            try fileManager.createDirectory(atPath: PathName.parent(of: target), withIntermediateDirectories: true)
            if FileNode.kind(target) == .directory { try fileManager.removeItem(atPath: target) }
            guard rename(staging + "/" + file, target) == 0 else {
                throw SIMSError(.writeFailed, "cannot move a result into place (errno \(errno))", file: target)
            }
        }
        for file in plan.dropped { unlink(canonicalDestination + "/" + file) }
        for folder in Set(plan.dropped.map { PathName.parent(of: $0) }).sorted(by: >) where folder != "." {
            var current = folder
            while current != ".", rmdir(canonicalDestination + "/" + current) == 0 { current = PathName.parent(of: current) }
        }
        try AtomicFile.write(manifest.json, to: canonicalDestination + "/" + OutputFolder.manifestName)
        try? fileManager.removeItem(atPath: staging)
    }

    static func currentFolderIsInside(_ folder: String) -> Bool {
        guard let current = PathName.resolved(FileManager.default.currentDirectoryPath) else { return false }
        return PathName.isInside(current, folder)
    }

    // MARK: - Stale runs

    /// Removes staging folders of killed runs into `PARENT/name` and puts back a parked previous run whose
    /// replacement never arrived.
    /// - Throws: when a live run (its staging folder locked) is writing into the same folder.
    static func removeStaleRuns(in parent: String, name: String, destinationExists: Bool) throws(SIMSError) {
        let prefix = "." + name
        for entry in FileNode.names(in: parent) where entry.hasPrefix(prefix) {
            let rest = entry.dropFirst(prefix.count)
            let path = parent + "/" + entry
            if rest.hasPrefix(stagingMarker) {
                let staging = entry.hasSuffix(lockSuffix) ? String(path.dropLast(lockSuffix.count)) : path
                let descriptor = open(staging + lockSuffix, O_RDWR | O_CLOEXEC)
                if descriptor >= 0 {
                    defer { close(descriptor) }
                    if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
                        throw SIMSError(.invalidArgument, "another sims run is writing into this output folder (its staging folder \(PathName.lastComponent(staging)) is in use); wait for it or choose another --out",
                                        file: parent + "/" + name)
                    }
                }
                try? FileManager.default.removeItem(atPath: staging)
                unlink(staging + lockSuffix)
            } else if rest.hasPrefix(oldMarker) {
                if !destinationExists, FileNode.kind(parent + "/" + name) == .missing {
                    _ = rename(path, parent + "/" + name)
                } else {
                    try? FileManager.default.removeItem(atPath: path)
                }
            }
        }
    }

    // MARK: - Interrupts

    private static let commitLock = NSLock()
    nonisolated(unsafe) private static var exiting = false
    private static let registryLock = NSLock()
    nonisolated(unsafe) private static var live: [ObjectIdentifier: (staging: String, destination: String)] = [:]

    static func register(_ run: OutputRun) {
        registryLock.lock()
        live[ObjectIdentifier(run)] = (run.staging, run.destination)
        registryLock.unlock()
    }

    /// `path` as it will be after the commits of the live runs: a path inside a staging folder (an input that a
    /// run wrote itself, as `sims demo` analyses the data it simulated into `DIR/data`) becomes the same path in
    /// the run's destination. Provenance, methods and reports name these paths; the staging folder is gone once
    /// the run is committed, and its random name would make two identical runs differ.
    static func publishedPath(_ path: String) -> String {
        registryLock.lock()
        let runs = Array(live.values)
        registryLock.unlock()
        var path = path
        // Nested runs (a sub-workflow's folder inside the demo's staging) map in turn, innermost first.
        for _ in 0..<runs.count {
            guard let run = runs.first(where: { path == $0.staging || path.hasPrefix($0.staging + "/") }) else { break }
            path = run.destination + path.dropFirst(run.staging.count)
        }
        return path
    }

    static func unregister(_ run: OutputRun) {
        registryLock.lock()
        live[ObjectIdentifier(run)] = nil
        registryLock.unlock()
    }

    static func abandonAll() {
        commitLock.lock()  // a commit in progress finishes first (its writes still pass); none starts afterwards
        exiting = true
        for temporary in WriteGate.close() { unlink(temporary) }
        registryLock.lock()
        let folders = live.values.map(\.staging)
        registryLock.unlock()
        for folder in folders {
            try? FileManager.default.removeItem(atPath: folder)
            unlink(folder + lockSuffix)
        }
        commitLock.unlock()
    }
}

/// What a commit does with each entry of the previous output folder.
struct CommitPlan {
    /// Files of the previous run (its manifest).
    var old: Set<String>
    /// User files where this run wrote a file (or a user folder where it wrote a file).
    var conflicts: [String] = []
    /// Previous-run files (replaced by this run's, or gone).
    var dropped: [String] = []
    /// User files to carry over.
    var user: [String] = []
    /// Empty user folders to carry over.
    var emptyFolders: [String] = []
    /// User files linked into the staging folder.
    var linked: Set<String> = []

    init(old: Set<String>) { self.old = old }

    /// Sorts every entry of `destination` into conflicts, dropped and user files.
    mutating func survey(destination: String, staging: String, relative: String = "") {
        for name in FileNode.names(in: destination + (relative.isEmpty ? "" : "/" + relative)).sorted() {
            let path = relative.isEmpty ? name : relative + "/" + name
            if relative.isEmpty, name == OutputFolder.manifestName { continue }
            let ours = staging + "/" + path
            if FileNode.kind(destination + "/" + path) == .directory {
                let before = (user.count, emptyFolders.count)
                if FileNode.kind(ours) == .file || FileNode.kind(ours) == .other {
                    var inner = CommitPlan(old: old)
                    inner.survey(destination: destination, staging: staging + "/.nothing", relative: path)
                    if !inner.user.isEmpty || !inner.emptyFolders.isEmpty { conflicts.append(path) }
                    dropped += inner.dropped
                    continue
                }
                survey(destination: destination, staging: staging, relative: path)
                if (user.count, emptyFolders.count) == before, FileNode.names(in: destination + "/" + path).isEmpty,
                   !old.contains(where: { $0.hasPrefix(path + "/") }) {
                    emptyFolders.append(path)
                }
            } else if old.contains(path) {
                dropped.append(path)
            } else if FileNode.kind(ours) != .missing || FileNode.hasFileAncestor(path, under: staging) {
                conflicts.append(path)
            } else {
                user.append(path)
            }
        }
    }

    /// Hard-links the user's files into the staging folder; `false` when the file system
    /// cannot (then the commit moves files in place instead).
    mutating func linkUserFiles(from destination: String, into staging: String, force: Bool) -> Bool {
        for folder in emptyFolders {
            try? FileManager.default.createDirectory(atPath: staging + "/" + folder, withIntermediateDirectories: true)
        }
        for path in user {
            let target = staging + "/" + path
            try? FileManager.default.createDirectory(atPath: PathName.parent(of: target), withIntermediateDirectories: true)
            guard link(destination + "/" + path, target) == 0 else {
                for linkedPath in linked { unlink(staging + "/" + linkedPath) }
                linked = []
                return false
            }
            linked.insert(path)
        }
        return true
    }
}

/// File-system queries that never follow a symbolic link.
enum FileNode {
    enum Kind { case missing, file, directory, other }

    static func kind(_ path: String) -> Kind {
        var status = stat()
        guard lstat(path, &status) == 0 else { return .missing }
        switch status.st_mode & S_IFMT {
        case S_IFDIR: return .directory
        case S_IFREG, S_IFLNK: return .file
        default: return .other
        }
    }

    /// Names in a folder (empty when it cannot be listed).
    static func names(in folder: String) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    }

    /// Every non-folder entry under `folder`, relative to it, sorted.
    static func files(in folder: String, relative: String = "") -> [String] {
        var out: [String] = []
        for name in names(in: relative.isEmpty ? folder : folder + "/" + relative).sorted() {
            let path = relative.isEmpty ? name : relative + "/" + name
            if kind(folder + "/" + path) == .directory { out += files(in: folder, relative: path) } else { out.append(path) }
        }
        return out
    }

    /// Whether a proper ancestor of `path` (relative) is a file under `root`.
    static func hasFileAncestor(_ path: String, under root: String) -> Bool {
        var current = PathName.parent(of: path)
        while current != "." && current != "/" {
            if kind(root + "/" + current) == .file { return true }
            current = PathName.parent(of: current)
        }
        return false
    }
}
