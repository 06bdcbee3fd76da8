import SIMSAnalysis

extension PhaseUnmixing {
    /// The rules checked and arranged: components (ion-marked rules), phases (distinct names, label order), the
    /// `low-total` rule.
    struct Plan {
        /// Rule indices of the ion-marked rules, in order.
        var components: [Int] = []
        /// Whether each component repeats an earlier component's name.
        var isInterphase: [Bool] = []
        /// Distinct phase names in order of first appearance (label order).
        var phases: [String] = []
        /// Label of each component's phase.
        var phaseOfComponent: [Int] = []
        /// Rule index of the `low-total` phase.
        var poreRule: Int?

        init(rules: [PhaseRule], channels: ImageChannels) throws(SIMSError) {
            guard rules.count >= 2 else {
                throw .invalidArgument("unmixing needs at least two phases", found: rules.map(\.description).joined(separator: " "),
                                       expected: "e.g. --phase NCM=NiO2-,O- --phase SE=S-,Cl- --phase pore=low-total")
            }
            for (r, rule) in rules.enumerated() {
                let existing = phases.firstIndex(of: rule.name)
                switch rule.marker {
                case .lowTotal:
                    guard poreRule == nil else {
                        throw .invalidArgument("only one phase can be marked low-total", found: rules.map(\.description).joined(separator: " "), expected: "one NAME=low-total")
                    }
                    guard existing == nil else {
                        throw .invalidArgument("phase \(rule.name) is marked both by ions and as low-total", found: rule.description, expected: "a low-total phase of its own name")
                    }
                    poreRule = r
                    phases.append(rule.name)
                case .ions(let ions):
                    for ion in ions where channels.channel(ion) == nil || ion == "total" {
                        throw .invalidArgument("phase \(rule.name): no image of ion \(ion)", found: ion, expected: "one of " + channels.ions.joined(separator: ", "))
                    }
                    if let existing {
                        guard poreRule.map({ rules[$0].name != rule.name }) ?? true else {
                            throw .invalidArgument("phase \(rule.name) is marked both by ions and as low-total", found: rule.description, expected: "a low-total phase of its own name")
                        }
                        components.append(r); isInterphase.append(true); phaseOfComponent.append(existing)
                    } else {
                        components.append(r); isInterphase.append(false); phaseOfComponent.append(phases.count)
                        phases.append(rule.name)
                    }
                }
            }
            guard !components.isEmpty else {
                throw .invalidArgument("at least one phase must be marked by ions", expected: "NAME=ION,ION")
            }
            guard phases.count <= 255 else {
                throw .invalidArgument("at most 255 phases", found: "\(phases.count)")
            }
            guard components.count <= channels.ions.count else {
                throw .invalidArgument("unmixing \(components.count) components needs at least as many ion images", found: "\(channels.ions.count) images",
                                       expected: "≥ \(components.count) ion images")
            }
            let markers = components.map { c -> [String] in if case .ions(let ions) = rules[c].marker { ions } else { [] } }
            for a in markers.indices { for b in markers.indices where b > a && markers[a] == markers[b] {
                throw .invalidArgument("two components have the same markers", found: "\(rules[components[a]]) and \(rules[components[b]])", expected: "distinct marker ions")
            } }
        }
    }
}
