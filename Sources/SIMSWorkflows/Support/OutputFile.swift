import SIMSCore
import SIMSFormats

/// The rules for commands whose output is one file or a pair of files (`sims peaks --out list.txt`, `sims convert
/// --to bif6|imzml`, the JSON report of `sims bench … --out`), which have no output folder and so no manifest: an input is never written over (symbolic
/// links and `..` resolved), and an existing file is replaced only with `force` (as `sims init` does).
public enum OutputFile {
    /// Checks that `outputs` may be written.
    /// - Parameters:
    ///   - outputs: every path the command will write.
    ///   - inputs: every file or folder the command reads; an existing file inside an input folder counts as an
    ///     input (a new file there is fine, as for output folders).
    ///   - force: replace existing files that are not inputs.
    /// - Throws: ``SIMSError`` naming the first output that is an input, is a folder (`--out .`), or exists
    ///   (without `force`).
    public static func checkWritable(_ outputs: [String], inputs: [String], force: Bool) throws(SIMSError) {
        let protected = inputs.compactMap(PathName.resolved)
        for output in outputs {
            let path = PathName.canonical(output)
            let kind = FileNode.kind(path)
            if protected.contains(where: { $0 == path || (kind != .missing && PathName.isInside(path, $0)) }) {
                throw SIMSError(.invalidArgument, "this output is also an input of the command; sims never writes over its inputs",
                                file: output, expected: "an --out path that is not an input")
            }
            if kind == .directory {
                throw SIMSError(.invalidArgument, "a folder is in the way of this output file", file: output, expected: "a file path")
            }
            if !force, kind != .missing {
                throw SIMSError(.invalidArgument, "the file exists; not overwriting (give --force to replace it)", file: output)
            }
        }
    }
}
