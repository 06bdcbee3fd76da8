import SIMSCore
import SIMSAnalysis

extension ViewStore {
    /// `/api/depth`: sputter time, every ion column and the interfaces ``InterfaceDetector`` finds in each.
    func depthJSON(_ id: Int) throws(SIMSError) -> JSONText {
        let profile = try depthProfile(id)
        let detector = InterfaceDetector()
        var json = JSONText(capacity: profile.cycleCount * (profile.columns.count + 1) * 8)
        json.raw("{"); json.key("name"); json.string(catalog.depthProfiles[id].name)
        json.raw(","); json.key("time"); json.numbers(profile.sputterTime)
        json.raw(","); json.key("columns"); json.raw("[")
        let columns = profile.columns.filter { $0.kind == .intensity || $0.kind == .total }
        for (k, column) in columns.enumerated() {
            if k > 0 { json.raw(",") }
            json.raw("{"); json.key("name"); json.string(column.name)
            json.typesetFields(column.name)
            json.raw(","); json.key("total"); json.raw(column.kind == .total ? "true" : "false")
            json.raw(","); json.key("values"); json.numbers(column.values)
            json.raw(","); json.key("interfaces"); json.raw("[")
            let interfaces = column.kind == .total ? [] : detector.detect(time: profile.sputterTime, signal: column.values, ion: column.name)
            for (i, interface) in interfaces.enumerated() {
                if i > 0 { json.raw(",") }
                json.raw("{"); json.key("time"); json.number(interface.time)
                json.raw(","); json.key("width"); json.number(interface.width)
                json.raw(","); json.key("direction"); json.string(interface.direction.rawValue); json.raw("}")
            }
            json.raw("]}")
        }
        json.raw("]}")
        return json
    }
}
