import Foundation
import SIMSFormats

/// Reads a 3-D measurement stored as one folder per sputter plane (`plane_01/`, `plane_02/`, … sorted by
/// name, as `sims simulate --preset volume` writes it), each holding one image set (IONTOF ASCII files,
/// a BIF6 file or an imzML pair).
public enum VolumeLoader {
    /// `true` when `folder` holds plane sub-folders (names starting with `plane`).
    public static func isVolumeFolder(_ folder: String) -> Bool {
        !planeFolders(in: folder).isEmpty
    }

    /// The plane sub-folders of `folder`, sorted.
    static func planeFolders(in folder: String) -> [String] {
        let manager = FileManager.default
        return ((try? manager.contentsOfDirectory(atPath: folder)) ?? []).filter { name in
            var isFolder: ObjCBool = false
            return name.lowercased().hasPrefix("plane") && manager.fileExists(atPath: folder + "/" + name, isDirectory: &isFolder) && isFolder.boolValue
        }.sorted().map { folder + "/" + $0 }
    }

    /// Loads the planes into a ``Volume``.
    /// - Parameters:
    ///   - folder: the folder holding one `plane*` sub-folder per plane.
    ///   - planeThicknessMicrometers: thickness of one plane in µm, when known.
    /// - Throws: ``SIMSError`` when a plane folder holds no or several measurements, or planes differ.
    public static func load(from folder: String, planeThicknessMicrometers: Double? = nil) throws(SIMSError) -> Volume {
        let planes = planeFolders(in: folder)
        guard !planes.isEmpty else {
            throw SIMSError(.empty, "no plane sub-folders (plane_01, plane_02, …) in the volume folder", file: folder)
        }
        var sets: [ImageSet] = []
        for plane in planes {
            let sources = try ImageSetSource.discover(in: plane)
            guard sources.count == 1 else {
                throw SIMSError(.inconsistent, "a plane folder must hold exactly one image measurement, found \(sources.count)", file: plane)
            }
            sets.append(try sources[0].load())
        }
        do {
            return try Volume(planes: sets, planeThicknessMicrometers: planeThicknessMicrometers)
        } catch {
            throw error.inFile(folder)
        }
    }
}
