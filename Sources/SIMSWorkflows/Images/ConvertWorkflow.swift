import Foundation
import SIMSFormats

/// The `sims convert` pipeline: image sets between IONTOF ASCII exports, BIF6 and imzML (continuous).
///
/// Counts, ion names, the total image and ids are kept; BIF6 stores masses as float32 and no names (give a
/// mass interval list to name its intervals). Converting imzML from other software extracts peak images
/// for the intervals of the mass interval list.
public enum ConvertWorkflow {
    /// Target format.
    public enum Format: String, Sendable, CaseIterable {
        /// IONTOF ASCII exports, one file per ion (output is a folder).
        case ascii
        /// IONTOF BIF6 (output is a file).
        case bif6
        /// imzML continuous + .ibd (output is the .imzML path).
        case imzml
    }

    /// Converts `input` (an ASCII image file or a folder holding one ASCII set, a .bif6, or an .imzML) to
    /// `format` at `output`; returns the paths written. ASCII output is an ``OutputFolder`` (staged, committed as a
    /// unit, with a manifest); BIF6 and imzML outputs follow ``OutputFile`` (never an input, an existing file only
    /// with `force`).
    /// - Throws: ``SIMSError`` when the input holds no or several measurements, the target cannot hold the data,
    ///   or the output would write over an input (or an existing file without `force`).
    @discardableResult
    public static func run(input: String, to format: Format, output: String, peakList: String? = nil,
                           force: Bool = false) throws(SIMSError) -> [String] {
        let peaks = try peakList.map { (path) throws(SIMSError) in try PeakListFile.read(from: path).peaks } ?? []
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: input, isDirectory: &isFolder) else {
            throw SIMSError(.fileNotFound, "input does not exist", file: input)
        }
        let sources: [ImageSetSource]
        if isFolder.boolValue {
            sources = try ImageSetSource.discover(in: input)
        } else if let name = IONTOFImageFileName(parsing: input) {
            sources = try ImageSetSource.discover(in: PathName.parent(of: input)).filter {
                if case .iontofASCII(let measurement, let id, _) = $0 { return measurement == name.measurement && id == name.id }
                return false
            }
        } else {
            sources = try ImageSetSource.group([input])
        }
        guard sources.count == 1, let source = sources.first else {
            throw SIMSError(.invalidArgument, sources.isEmpty ? "no image set found" : "several image sets found; convert one at a time",
                            file: input, found: sources.map(\.measurement).joined(separator: ", "), expected: "one measurement")
        }
        var inputs = source.files + [peakList].compactMap { $0 }
        if case .imzML(let path) = source { inputs.append(PathName.deletingExtension(path) + ".ibd") }
        switch format {
        case .ascii:
            let folder = try OutputFolder(output, force: force, reading: inputs + (isFolder.boolValue ? [input] : []))
            let set = try source.load(peaks: peaks)
            let written = try set.writeIONTOFASCII(to: folder.path)
            try folder.commit(protecting: inputs)
            return written.map { folder.destination + "/" + PathName.lastComponent($0) }
        case .bif6:
            try OutputFile.checkWritable([output], inputs: inputs, force: force)
            try BIF6.write(try source.load(peaks: peaks), to: output)
            return [output]
        case .imzml:
            let outputs = [output, PathName.deletingExtension(output) + ".ibd"]
            try OutputFile.checkWritable(outputs, inputs: inputs, force: force)
            try ImzML.write(try source.load(peaks: peaks), to: output)
            return outputs
        }
    }
}
