import Foundation
import SIMSCore

extension ImageSetSource {
    /// Reads several measurements, every file of them in one flat concurrent step: the IONTOF ASCII exports of
    /// all the measurements (one file per task) and each BIF6 or imzML measurement (one task) are spread over all
    /// cores together, so a study of 9 measurements × 11 files keeps 2 cores busy to the last file instead of
    /// leaving the ninth measurement's files to one core.
    ///
    /// Each result is what ``loadWithDigests(peaks:progress:)`` gives for that source, in the order of `sources`,
    /// whatever the scheduling: the same image set and digests, or the same error (an ASCII measurement fails with
    /// the error of its first unreadable file in ion order). All files of `sources` are in memory at the end; give
    /// it a batch whose size fits (``batches(_:maximumBytes:)``).
    /// - Parameters:
    ///   - peaks: mass intervals, as for ``load(peaks:progress:)``.
    ///   - fileRead: called (on any thread) once per file of ``files`` when it has been read (for a BIF6 or imzML
    ///     set, once per file after the whole set).
    public static func loadWithDigests(_ sources: [ImageSetSource], peaks: [Peak] = [],
                                       fileRead: @Sendable () -> Void = {}) -> [Result<(set: ImageSet, digests: [String: FileDigest]), SIMSError>] {
        var tasks: [ReadTask] = []
        for (index, source) in sources.enumerated() {
            if case .iontofASCII(_, _, let files) = source {
                for ion in files.keys.sorted() { tasks.append(ReadTask(source: index, ion: ion, path: files[ion]!)) }
            } else {
                tasks.append(ReadTask(source: index, ion: nil, path: ""))
            }
        }
        let done = tasks.concurrentMap { task -> ReadOutcome in
            let source = sources[task.source]
            defer { for _ in 0..<(task.ion == nil ? source.files.count : 1) { fileRead() } }
            guard let ion = task.ion else {
                do throws(SIMSError) { return .set(try source.loadWithDigests(peaks: peaks)) } catch { return .failed(error) }
            }
            do throws(SIMSError) { return .image(try readASCIIImage(ion: ion, path: task.path, peaks: peaks)) } catch { return .failed(error) }
        }
        var results: [Result<(set: ImageSet, digests: [String: FileDigest]), SIMSError>] = []
        results.reserveCapacity(sources.count)
        var next = 0
        for source in sources {
            guard case .iontofASCII(let measurement, let id, let files) = source else {
                switch done[next] {
                case .set(let loaded): results.append(.success(loaded))
                case .failed(let error): results.append(.failure(error))
                case .image: preconditionFailure("a binary set is read whole")
                }
                next += 1
                continue
            }
            var read: [String: (image: IonImage, digest: FileDigest)] = [:]
            var failure: SIMSError?
            for ion in files.keys.sorted() {
                switch done[next] {
                case .image(let entry): read[ion] = entry
                case .failed(let error): if failure == nil { failure = error }
                case .set: preconditionFailure("an ASCII set is read file by file")
                }
                next += 1
            }
            if let failure {
                results.append(.failure(failure.inFile(source.files.first ?? measurement)))
                continue
            }
            do { results.append(.success(try assembleASCII(measurement: measurement, id: id, files: files, read: read))) } catch {
                results.append(.failure(error.inFile(source.files.first ?? measurement)))
            }
        }
        return results
    }

    /// Splits `sources` into consecutive batches whose files to be held in memory together (ASCII and BIF6 files,
    /// the imzML XML; not the `.ibd`, which is mapped and read peak by peak) add up to at most `maximumBytes`
    /// (a source larger than that is a batch of its own), in order. A file whose size cannot be read counts as 0:
    /// reading it reports the error.
    public static func batches(_ sources: [ImageSetSource], maximumBytes: Int) -> [[ImageSetSource]] {
        var batches: [[ImageSetSource]] = []
        var current: [ImageSetSource] = []
        var bytes = 0
        for source in sources {
            let size = source.files.filter { !$0.lowercased().hasSuffix(".ibd") }.reduce(0) { $0 + fileSize($1) }
            if !current.isEmpty && bytes + size > maximumBytes {
                batches.append(current)
                current = []
                bytes = 0
            }
            current.append(source)
            bytes += size
        }
        if !current.isEmpty { batches.append(current) }
        return batches
    }

    private static func fileSize(_ path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : 0
    }

    /// One task of ``loadWithDigests(_:peaks:fileRead:)``: a file of an ASCII set (`ion` set) or a whole set.
    private struct ReadTask: Sendable {
        var source: Int
        var ion: String?
        var path: String
    }

    private enum ReadOutcome: Sendable {
        case image((image: IonImage, digest: FileDigest))
        case set((set: ImageSet, digests: [String: FileDigest]))
        case failed(SIMSError)
    }
}
