import Foundation
import SIMSCore

/// Streams an imzML 1.1 data set to disk: binary arrays go to the `.ibd` as they are appended, the XML index
/// is written by ``finish()``. Memory holds only the index (a few dozen bytes per spectrum).
///
/// Both files are written under temporary names and renamed into place by ``finish()``, so a failed run
/// never leaves a half-written pair; a run killed between the two renames leaves the previous pair recoverable
/// (``ImzML/commitPair(binary:xml:to:binaryPath:stopAfterBinary:)``). The output follows the imzML 1.1 specification (mzML 1.1 + imaging
/// ontology; UUID in XML and the first 16 bytes of the .ibd; `IMS:1000091` SHA-1 of the .ibd) and reads in
/// pyimzML and Cardinal.
public final class ImzMLWriter {
    /// Storage mode being written.
    public let storage: ImzML.Storage
    /// Type of the m/z arrays.
    public let mzType: ImzML.NumberType
    /// Type of the intensity arrays.
    public let intensityType: ImzML.NumberType
    private let path: String
    private let binaryPath: String
    private let temporaryBinary: String
    private let width: Int
    private let height: Int
    private let pixelSizeMicrometers: Double?
    private let channels: [ImzML.Channel]
    private let uuid: [UInt8]
    private var handle: UnsafeMutablePointer<FILE>?
    private var offset = 0
    private var sha1 = SHA1()
    private var sharedMZ: ImzML.ArrayLocation?
    private var entries: [ImzML.SpectrumEntry] = []
    private var scratch = LittleEndianWriter()
    private var finished = false

    /// Starts writing `path` (`.imzML`) and the `.ibd` beside it.
    /// - Parameters:
    ///   - path: the `.imzML` file to write; the `.ibd` binary file gets the same name.
    ///   - storage: continuous (one shared m/z array) or processed (one m/z array per pixel) layout.
    ///   - mzType: number type of the stored m/z values.
    ///   - intensityType: number type of the stored intensities.
    ///   - width: raster width in pixels (`IMS:1000042`).
    ///   - height: raster height in pixels (`IMS:1000043`).
    ///   - pixelSizeMicrometers: square pixel size (`IMS:1000046/47`), when known.
    ///   - channels: SIMSKit channel list (continuous image sets), recorded as `userParam`s.
    public init(
        path: String, storage: ImzML.Storage, mzType: ImzML.NumberType = .float64, intensityType: ImzML.NumberType = .float32,
        width: Int, height: Int, pixelSizeMicrometers: Double? = nil, channels: [ImzML.Channel] = []
    ) throws(SIMSError) {
        guard width > 0, height > 0 else { throw .invalidArgument("imzML raster must have at least one pixel", found: "\(width)x\(height)") }
        self.path = path
        self.storage = storage
        self.mzType = mzType
        self.intensityType = intensityType
        self.width = width
        self.height = height
        self.pixelSizeMicrometers = pixelSizeMicrometers
        self.channels = channels
        binaryPath = (path as NSString).deletingPathExtension + ".ibd"
        let folder = PathName.parent(of: binaryPath)
        try? FileManager.default.createDirectory(atPath: folder.isEmpty ? "." : folder, withIntermediateDirectories: true)
        temporaryBinary = (folder.isEmpty ? "." : folder) + "/." + (binaryPath as NSString).lastPathComponent + ".\(UInt32.random(in: 0...UInt32.max)).tmp"
        let temporary = temporaryBinary
        guard let file = WriteGate.write({ () -> UnsafeMutablePointer<FILE>? in
            WriteGate.registerTemporary(temporary)
            return fopen(temporary, "wb")
        }) else {
            WriteGate.unregisterTemporary(temporary)
            throw SIMSError(.writeFailed, "cannot create the .ibd (errno \(errno))", file: binaryPath)
        }
        handle = file
        let id = UUID().uuid
        uuid = [id.0, id.1, id.2, id.3, id.4, id.5, id.6, id.7, id.8, id.9, id.10, id.11, id.12, id.13, id.14, id.15]
        try writeBytes(uuid)
    }

    deinit {
        if let handle { fclose(handle) }
        if !finished { unlink(temporaryBinary) }
        WriteGate.unregisterTemporary(temporaryBinary)
    }

    private func writeBytes(_ bytes: [UInt8]) throws(SIMSError) {
        guard let handle else { throw SIMSError(.writeFailed, "writer already finished", file: path) }
        let written = bytes.withUnsafeBytes { raw in fwrite(raw.baseAddress, 1, raw.count, handle) }
        guard written == bytes.count else { throw SIMSError(.writeFailed, "cannot write the .ibd (disk full?)", file: binaryPath, byteOffset: offset) }
        bytes.withUnsafeBytes { sha1.update($0) }
        offset += bytes.count
    }

    private func writeArray(_ values: some Collection<Double>, type: ImzML.NumberType, what: String) throws(SIMSError) -> ImzML.ArrayLocation {
        scratch.bytes.removeAll(keepingCapacity: true)
        for value in values {
            switch type {
            case .float32:
                guard value.isFinite else { throw .invalidArgument("\(what) holds a non-finite value", found: "\(value)") }
                scratch.float32(Float(value))
            case .float64:
                guard value.isFinite else { throw .invalidArgument("\(what) holds a non-finite value", found: "\(value)") }
                scratch.float64(value)
            case .int32:
                guard value == value.rounded(), value >= Double(Int32.min), value <= Double(Int32.max) else {
                    throw .invalidArgument("\(what) holds a value that is not a 32-bit integer", found: "\(value)")
                }
                scratch.uint32(UInt32(bitPattern: Int32(value)))
            case .int64:
                guard value == value.rounded(), abs(value) < 9.2e18 else { throw .invalidArgument("\(what) holds a value that is not a 64-bit integer", found: "\(value)") }
                scratch.uint64(UInt64(bitPattern: Int64(value)))
            }
        }
        let location = ImzML.ArrayLocation(offset: offset, length: values.count, encodedLength: scratch.bytes.count, type: type)
        try writeBytes(scratch.bytes)
        return location
    }

    /// Continuous mode: writes the one m/z array (u) shared by all spectra; call once, before spectra.
    public func writeSharedMZ(_ mz: some Collection<Double>) throws(SIMSError) {
        guard storage == .continuous, sharedMZ == nil else { throw .invalidArgument("the shared m/z array belongs to continuous mode and is written once") }
        sharedMZ = try writeArray(mz, type: mzType, what: "the m/z array")
    }

    /// Appends the spectrum of pixel (x, y), 1-based. Continuous mode: `mz` must be `nil` (the shared array
    /// is used) and `intensities` as long as it; processed mode: `mz` required, same length as `intensities`.
    public func append(x: Int, y: Int, mz: (some Collection<Double>)?, intensities: some Collection<Double>) throws(SIMSError) {
        guard (1...width).contains(x), (1...height).contains(y) else {
            throw .invalidArgument("pixel position outside the raster", found: "(\(x), \(y))", expected: "1...\(width), 1...\(height)")
        }
        let mzLocation: ImzML.ArrayLocation
        switch storage {
        case .continuous:
            guard let shared = sharedMZ else { throw .invalidArgument("continuous imzML: write the shared m/z array first") }
            guard intensities.count == shared.length else {
                throw .invalidArgument("continuous imzML: intensity array length differs from the m/z array", found: "\(intensities.count)", expected: "\(shared.length)")
            }
            mzLocation = shared
        case .processed:
            guard let mz, mz.count == intensities.count else {
                throw .invalidArgument("processed imzML: each spectrum needs an m/z array as long as its intensities", found: "\(mz?.count ?? 0) vs \(intensities.count)")
            }
            mzLocation = try writeArray(mz, type: mzType, what: "the m/z array of (\(x), \(y))")
        }
        let intensityLocation = try writeArray(intensities, type: intensityType, what: "the intensities of (\(x), \(y))")
        entries.append(ImzML.SpectrumEntry(x: x, y: y, mz: mzLocation, intensity: intensityLocation))
    }

    /// Appends a continuous-mode spectrum (see ``append(x:y:mz:intensities:)``).
    public func append(x: Int, y: Int, intensities: some Collection<Double>) throws(SIMSError) {
        try append(x: x, y: y, mz: [Double]?.none, intensities: intensities)
    }

    /// Closes the .ibd, writes the XML and moves both into place.
    public func finish() throws(SIMSError) {
        try WriteGate.write { () throws(SIMSError) in try finishNow() }
    }

    private func finishNow() throws(SIMSError) {
        guard let file = handle else { throw SIMSError(.writeFailed, "writer already finished", file: path) }
        handle = nil
        guard fclose(file) == 0 else { throw SIMSError(.writeFailed, "cannot close the .ibd", file: binaryPath) }
        let folder = PathName.parent(of: path)
        let temporaryXML = (folder.isEmpty ? "." : folder) + "/." + (path as NSString).lastPathComponent + ".\(UInt32.random(in: 0...UInt32.max)).tmp"
        guard let xmlFile = fopen(temporaryXML, "wb") else {
            throw SIMSError(.writeFailed, "cannot create the imzML (errno \(errno))", file: path)
        }
        var ok = true
        writeXML(sha1: sha1.finalizeHex()) { chunk in
            guard ok else { return }
            let bytes = Array(chunk.utf8)
            ok = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, xmlFile) } == bytes.count
        }
        ok = fclose(xmlFile) == 0 && ok
        guard ok else {
            unlink(temporaryXML)
            throw SIMSError(.writeFailed, "cannot write the imzML (disk full?)", file: path)
        }
        try ImzML.commitPair(binary: temporaryBinary, xml: temporaryXML, to: path, binaryPath: binaryPath)
        finished = true
    }

    private static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }

    /// Emits the XML document in pieces (one per spectrum), so memory stays bounded for large files.
    private func writeXML(sha1: String, _ emit: (String) -> Void) {
        let uuidHex = uuid.map { String(format: "%02x", $0) }.joined()
        let mode = storage == .continuous ? #"<cvParam cvRef="IMS" accession="IMS:1000030" name="continuous" value=""/>"# : #"<cvParam cvRef="IMS" accession="IMS:1000031" name="processed" value=""/>"#
        var xml = ""
        xml += """
        <?xml version="1.0" encoding="UTF-8"?>
        <mzML xmlns="http://psi.hupo.org/ms/mzml" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://psi.hupo.org/ms/mzml http://psidev.info/files/ms/mzML/xsd/mzML1.1.0_idx.xsd" version="1.1">
          <cvList count="3">
            <cv id="MS" fullName="Proteomics Standards Initiative Mass Spectrometry Ontology" version="4.1.0" URI="https://raw.githubusercontent.com/HUPO-PSI/psi-ms-CV/master/psi-ms.obo"/>
            <cv id="UO" fullName="Unit Ontology" version="releases/2020-03-10" URI="http://ontologies.berkeleybop.org/uo.obo"/>
            <cv id="IMS" fullName="Mass Spectrometry Imaging Ontology" version="1.1.0" URI="https://raw.githubusercontent.com/imzML/imzML/master/imagingMS.obo"/>
          </cvList>
          <fileDescription>
            <fileContent>
              <cvParam cvRef="MS" accession="MS:1000579" name="MS1 spectrum" value=""/>
              <cvParam cvRef="MS" accession="MS:1000127" name="centroid spectrum" value=""/>
              \(mode)
              <cvParam cvRef="IMS" accession="IMS:1000080" name="universally unique identifier" value="{\(uuidHex)}"/>
              <cvParam cvRef="IMS" accession="IMS:1000091" name="ibd SHA-1" value="\(sha1)"/>
            </fileContent>
          </fileDescription>
          <referenceableParamGroupList count="4">
            <referenceableParamGroup id="mzArray">
              <cvParam cvRef="MS" accession="MS:1000514" name="m/z array" value="" unitCvRef="MS" unitAccession="MS:1000040" unitName="m/z"/>
              <cvParam cvRef="MS" accession="\(mzType.accession)" name="\(mzType.cvName)" value=""/>
              <cvParam cvRef="MS" accession="MS:1000576" name="no compression" value=""/>
              <cvParam cvRef="IMS" accession="IMS:1000101" name="external data" value="true"/>
            </referenceableParamGroup>
            <referenceableParamGroup id="intensityArray">
              <cvParam cvRef="MS" accession="MS:1000515" name="intensity array" value="" unitCvRef="MS" unitAccession="MS:1000131" unitName="number of detector counts"/>
              <cvParam cvRef="MS" accession="\(intensityType.accession)" name="\(intensityType.cvName)" value=""/>
              <cvParam cvRef="MS" accession="MS:1000576" name="no compression" value=""/>
              <cvParam cvRef="IMS" accession="IMS:1000101" name="external data" value="true"/>
            </referenceableParamGroup>
            <referenceableParamGroup id="scan1">
              <cvParam cvRef="MS" accession="MS:1000093" name="increasing m/z scan" value=""/>
            </referenceableParamGroup>
            <referenceableParamGroup id="spectrum1">
              <cvParam cvRef="MS" accession="MS:1000579" name="MS1 spectrum" value=""/>
              <cvParam cvRef="MS" accession="MS:1000511" name="ms level" value="1"/>
              <cvParam cvRef="MS" accession="MS:1000127" name="centroid spectrum" value=""/>
            </referenceableParamGroup>
          </referenceableParamGroupList>

        """
        if !channels.isEmpty {
            xml += "  <sampleList count=\"1\">\n    <sample id=\"sample1\" name=\"SIMSKit image set\">\n"
            for channel in channels {
                let masses = channel.interval.map { "\($0.lower) \($0.center) \($0.upper)" } ?? "- - -"
                xml += "      <userParam name=\"\(ImzML.channelParamName)\" value=\"\(Self.escape(masses + " " + channel.ion))\"/>\n"
            }
            xml += "    </sample>\n  </sampleList>\n"
        }
        let size = pixelSizeMicrometers.map { String($0) }
        xml += """
          <softwareList count="1">
            <software id="SIMSKit" version="\(SIMSKitVersion.current)">
              <cvParam cvRef="MS" accession="MS:1000799" name="custom unreleased software tool" value="SIMSKit"/>
            </software>
          </softwareList>
          <scanSettingsList count="1">
            <scanSettings id="scanSettings1">
              <cvParam cvRef="IMS" accession="IMS:1000401" name="top down" value=""/>
              <cvParam cvRef="IMS" accession="IMS:1000413" name="flyback" value=""/>
              <cvParam cvRef="IMS" accession="IMS:1000480" name="horizontal line scan" value=""/>
              <cvParam cvRef="IMS" accession="IMS:1000491" name="linescan left right" value=""/>
              <cvParam cvRef="IMS" accession="IMS:1000042" name="max count of pixels x" value="\(width)"/>
              <cvParam cvRef="IMS" accession="IMS:1000043" name="max count of pixels y" value="\(height)"/>

        """
        if let size, let pixel = pixelSizeMicrometers {
            xml += """
                  <cvParam cvRef="IMS" accession="IMS:1000044" name="max dimension x" value="\(pixel * Double(width))" unitCvRef="UO" unitAccession="UO:0000017" unitName="micrometer"/>
                  <cvParam cvRef="IMS" accession="IMS:1000045" name="max dimension y" value="\(pixel * Double(height))" unitCvRef="UO" unitAccession="UO:0000017" unitName="micrometer"/>
                  <cvParam cvRef="IMS" accession="IMS:1000046" name="pixel size (x)" value="\(size)" unitCvRef="UO" unitAccession="UO:0000017" unitName="micrometer"/>
                  <cvParam cvRef="IMS" accession="IMS:1000047" name="pixel size y" value="\(size)" unitCvRef="UO" unitAccession="UO:0000017" unitName="micrometer"/>

            """
        }
        xml += """
            </scanSettings>
          </scanSettingsList>
          <instrumentConfigurationList count="1">
            <instrumentConfiguration id="IC1">
              <cvParam cvRef="MS" accession="MS:1000031" name="instrument model" value=""/>
              <componentList count="3">
                <source order="1"><cvParam cvRef="MS" accession="MS:1000402" name="secondary ionization" value=""/></source>
                <analyzer order="2"><cvParam cvRef="MS" accession="MS:1000084" name="time-of-flight" value=""/></analyzer>
                <detector order="3"><cvParam cvRef="MS" accession="MS:1000114" name="microchannel plate detector" value=""/></detector>
              </componentList>
            </instrumentConfiguration>
          </instrumentConfigurationList>
          <dataProcessingList count="1">
            <dataProcessing id="SIMSKitExport">
              <processingMethod order="1" softwareRef="SIMSKit">
                <cvParam cvRef="MS" accession="MS:1000544" name="Conversion to mzML" value=""/>
              </processingMethod>
            </dataProcessing>
          </dataProcessingList>
          <run defaultInstrumentConfigurationRef="IC1" id="run1">
            <spectrumList count="\(entries.count)" defaultDataProcessingRef="SIMSKitExport">

        """
        emit(xml)
        xml = ""
        for (index, entry) in entries.enumerated() {
            xml = """
                  <spectrum id="Scan=\(index + 1)" defaultArrayLength="0" index="\(index)">
                    <referenceableParamGroupRef ref="spectrum1"/>
                    <scanList count="1">
                      <cvParam cvRef="MS" accession="MS:1000795" name="no combination" value=""/>
                      <scan instrumentConfigurationRef="IC1">
                        <referenceableParamGroupRef ref="scan1"/>
                        <cvParam cvRef="IMS" accession="IMS:1000050" name="position x" value="\(entry.x)"/>
                        <cvParam cvRef="IMS" accession="IMS:1000051" name="position y" value="\(entry.y)"/>
                      </scan>
                    </scanList>
                    <binaryDataArrayList count="2">
                      <binaryDataArray encodedLength="0">
                        <referenceableParamGroupRef ref="mzArray"/>
                        <cvParam cvRef="IMS" accession="IMS:1000103" name="external array length" value="\(entry.mz.length)"/>
                        <cvParam cvRef="IMS" accession="IMS:1000104" name="external encoded length" value="\(entry.mz.encodedLength)"/>
                        <cvParam cvRef="IMS" accession="IMS:1000102" name="external offset" value="\(entry.mz.offset)"/>
                        <binary/>
                      </binaryDataArray>
                      <binaryDataArray encodedLength="0">
                        <referenceableParamGroupRef ref="intensityArray"/>
                        <cvParam cvRef="IMS" accession="IMS:1000103" name="external array length" value="\(entry.intensity.length)"/>
                        <cvParam cvRef="IMS" accession="IMS:1000104" name="external encoded length" value="\(entry.intensity.encodedLength)"/>
                        <cvParam cvRef="IMS" accession="IMS:1000102" name="external offset" value="\(entry.intensity.offset)"/>
                        <binary/>
                      </binaryDataArray>
                    </binaryDataArrayList>
                  </spectrum>

            """
            emit(xml)
        }
        emit("    </spectrumList>\n  </run>\n</mzML>\n")
    }
}
