import SIMSCore

/// Reusable decode buffers for streaming spectra out of an .ibd without per-spectrum allocation.
struct SpectrumBuffers {
    var raw: UnsafeMutableRawBufferPointer
    var mz: ContiguousArray<Double> = []
    var intensity: ContiguousArray<Double> = []

    init() { raw = .allocate(byteCount: 1 << 16, alignment: 8) }

    mutating func ensureRaw(_ count: Int) {
        if raw.count < count {
            raw.deallocate()
            raw = .allocate(byteCount: max(count, raw.count * 2), alignment: 8)
        }
    }

    func release() { raw.deallocate() }
}

extension ImzML {
    /// Reads one binary array into `output` (converted to Double), reusing `buffers.raw`.
    func readArray(_ location: ArrayLocation, from file: BinaryFile, into output: inout ContiguousArray<Double>, buffers: inout SpectrumBuffers, what: String) throws(SIMSError) {
        buffers.ensureRaw(location.encodedLength)
        let raw = UnsafeMutableRawBufferPointer(rebasing: buffers.raw[0..<location.encodedLength])
        try file.readExactly(into: raw, at: location.offset, what)
        let n = location.length
        if output.count != n { output = ContiguousArray(repeating: 0, count: n) }
        output.withUnsafeMutableBufferPointer { out in
            let source = UnsafeRawBufferPointer(raw)
            switch location.type {
            case .float32: for i in 0..<n { out[i] = Double(Float(bitPattern: UInt32(littleEndian: source.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)))) }
            case .float64: for i in 0..<n { out[i] = Double(bitPattern: UInt64(littleEndian: source.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self))) }
            case .int32: for i in 0..<n { out[i] = Double(Int32(littleEndian: source.loadUnaligned(fromByteOffset: 4 * i, as: Int32.self))) }
            case .int64: for i in 0..<n { out[i] = Double(Int64(littleEndian: source.loadUnaligned(fromByteOffset: 8 * i, as: Int64.self))) }
            }
        }
    }

    /// The m/z (u) and intensity arrays of spectrum `index` (file order).
    public func spectrum(at index: Int) throws(SIMSError) -> (mz: [Double], intensities: [Double]) {
        var result: (mz: [Double], intensities: [Double]) = ([], [])
        try forEachSpectrum(at: CollectionOfOne(index)) { _, _, mz, y in result = (Array(mz), Array(y)) }
        return result
    }
}
