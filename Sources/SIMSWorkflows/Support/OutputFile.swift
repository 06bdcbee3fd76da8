import SIMSCore
import SIMSFormats

/// The rules for commands whose output is one file or a pair of files (`sims peaks --out list.txt`, `sims convert
/// --to bif6|imzml`), which have no output folder and so no manifest: an input is never written over (symbolic
/// links and `..` resolved), and an existing file is replaced only with `force` (as `sims init` does).
public enum OutputFile {
    /// Checks that `outputs` may be written.
    /// - Parameters:
    ///   - outputs: every path the command will write.
    ///   - inputs: every file the command reads.
    ///   - force: replace existing files that are not inputs.
    /// - Throws: ``SIMSError`` naming the first output that is an input, or that exists (without `force`).
    public static func checkWritable(_ outputs: [String], inputs: [String], force: Bool) throws(SIMSError) {
        let protected = Set(inputs.compactMap(PathName.resolved))
        for output in outputs {
            if protected.contains(PathName.canonical(output)) {
                throw SIMSError(.invalidArgument, "this output is also an input of the command; sims never writes over its inputs",
                                file: output, expected: "an --out path that is not an input")
            }
            if !force, FileNode.kind(PathName.canonical(output)) != .missing {
                throw SIMSError(.invalidArgument, "the file exists; not overwriting (give --force to replace it)", file: output)
            }
        }
        for output in outputs where FileNode.kind(PathName.canonical(output)) == .directory {
            throw SIMSError(.invalidArgument, "a folder is in the way of this output file", file: output, expected: "a file path")
        }
    }
}
