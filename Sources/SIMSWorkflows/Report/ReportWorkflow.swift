import Foundation
import SIMSCore
import SIMSFormats
import SIMSReport

/// `sims report DIR` and `sims init`: rebuild the report of an output folder; write the `sims.toml` template.
public enum ReportWorkflow {
    /// Rebuilds `report.html` and `methods.md` (and, with a new `config`, `provenance.json` and
    /// `report.json`) of the output folder `folder` from its `report.json`. Figures are re-read from their
    /// files. `config` = the study's `sims.toml` flattened to `table.key`, to fill in Table III fields added
    /// after the run. Returns the files written (relative names).
    @discardableResult
    public static func rebuild(folder: String, config: Metadata? = nil) throws(SIMSError) -> [String] {
        var document = try ReportFiles.read(from: folder)
        if let config { document = document.replacingConfig(config) }
        let output = try OutputFolder(updating: folder)
        try ReportFiles.write(document, to: output)
        try output.commit()
        return RunRecord.reportFiles
    }

    /// The file `sims init PATH` writes: `PATH/sims.toml` when `PATH` is a folder or does not exist and does not
    /// end in `.toml` (`sims init ROOT` names the study folder), otherwise `PATH` itself.
    public static func templatePath(for path: String) -> String {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        let folder = exists ? isDirectory.boolValue : !path.lowercased().hasSuffix(".toml")
        return folder ? (path.hasSuffix("/") ? path : path + "/") + "sims.toml" : path
    }

    /// Writes the commented `sims.toml` template to ``templatePath(for:)`` of `path` (creating a new study
    /// folder); refuses to overwrite an existing file unless `overwrite` is set. When the folder of the
    /// template is a study folder (`<sample>/<spot files>`), its samples are listed in `[samples]`; returns the
    /// sample names listed.
    @discardableResult
    public static func writeTemplate(to requested: String, overwrite: Bool = false) throws(SIMSError) -> [String] {
        let path = templatePath(for: requested)
        if !overwrite && FileManager.default.fileExists(atPath: path) {
            throw SIMSError(.invalidArgument, "file exists; not overwriting (use --force)", file: path)
        }
        let folder = PathName.parent(of: path)
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw SIMSError(.writeFailed, "cannot create the study folder (\(error.localizedDescription))", file: folder)
        }
        let study = try? StudyFolder.discover(at: folder)
        let samples = study?.samples.map { (name: $0.name, folder: $0.name) } ?? []
        try AtomicFile.write(TableIII.configTemplate(samples: samples), to: path)
        return samples.map(\.name)
    }
}
