import SIMSChemistry
import SIMSCore

extension ImagesOptions {
    /// The options with every ion name (`ions`, `multiply`, `overlays`, an ion `reference`) replaced by the
    /// spelling of `set`, matched in any notation (`SO3-`, `SO_3-`, `SO₃⁻` — ``IonName``).
    /// - Throws: naming the ion and the set's nearest ion names when one is not in the set.
    func resolvingIonNames(in set: ImageSet) throws(SIMSError) -> ImagesOptions {
        let names = set.ions + (set.total == nil ? [] : ["total"])
        func resolve(_ name: String, _ role: String) throws(SIMSError) -> String {
            do { return try IonName.resolve(name, among: names, role: role) } catch {
                throw .invalidArgument("measurement \(set.measurement): \(error.message)", found: error.found, expected: error.expected)
            }
        }
        var copy = self
        copy.ions = []
        for ion in ions { copy.ions.append(try resolve(ion, "--ions")) }
        if reference != "total" { copy.reference = try resolve(reference, "--reference") }
        copy.multiply = []
        for group in multiply {
            var resolved: [String] = []
            for ion in group { resolved.append(try resolve(ion, "--multiply")) }
            copy.multiply.append(resolved)
        }
        copy.overlays = []
        for group in overlays {
            var resolved: [String] = []
            for ion in group { resolved.append(try resolve(ion, "--overlay")) }
            copy.overlays.append(resolved)
        }
        return copy
    }

    /// The options for the image sets of `polarity`: ions (and groups) of the other charge sign dropped;
    /// unchanged for `nil`.
    func restricted(to polarity: Polarity?) -> ImagesOptions {
        guard let polarity else { return self }
        func keeps(_ name: String) -> Bool {
            guard let ion = IonName.ion(name), ion.charge != 0 else { return true }
            return (ion.charge > 0) == (polarity == .positive)
        }
        var copy = self
        copy.ions = ions.filter(keeps)
        copy.multiply = multiply.filter { $0.allSatisfy(keeps) }
        copy.overlays = overlays.filter { $0.allSatisfy(keeps) }
        return copy
    }
}

extension ImageSetSource {
    /// The ion names the file names state (IONTOF ASCII sets, `total` excluded); empty for BIF6 and imzML,
    /// whose names are only known once read.
    var ionNames: [String] {
        guard case .iontofASCII(_, _, let files) = self else { return [] }
        return files.keys.filter { $0 != "total" }.sorted()
    }

    /// The polarity of the measurement when its ion names say it (IONTOF ASCII sets: the charge sign shared by
    /// most named ions), else `nil`.
    var polarity: Polarity? {
        var positive = 0, negative = 0
        for name in ionNames {
            guard let ion = IonName.ion(name) else { continue }
            if ion.charge > 0 { positive += 1 } else if ion.charge < 0 { negative += 1 }
        }
        if positive == negative { return nil }
        return positive > negative ? .positive : .negative
    }
}
