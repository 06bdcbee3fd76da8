import Foundation
import SIMSCore

extension ImageSet {
    /// Writes the set as IONTOF ASCII exports into `folder`: `<measurement> (<id>) - <ion>.txt` per ion and
    /// for `total` (id 1 when unknown), with ``IONTOFImageFormat``. Returns the paths written, in order.
    @discardableResult
    public func writeIONTOFASCII(to folder: String) throws(SIMSError) -> [String] {
        var paths: [String] = []
        for image in images + (total.map { [$0] } ?? []) {
            let name = IONTOFImageFileName(measurement: measurement, id: id ?? 1, ion: image.ion.replacingOccurrences(of: "/", with: "_"))
            let path = folder + "/" + name.fileName
            try IONTOFImageFormat.write(image, to: path)
            paths.append(path)
        }
        return paths
    }
}
