import Testing
@testable import SIMSWorkflows

@Suite("Progress text on a terminal and in logs")
struct ProgressLineTests {
    @Test func logLinesAreWholeAndSayTheTimeLeft() {
        #expect(ProgressLine.line(task: "drawing figures", completed: 0, total: 700, elapsed: 0) == "drawing figures: 0/700 (0 %)")
        // 140 of 700 in 35 s → 560 more at 0.25 s each = 140 s.
        #expect(ProgressLine.line(task: "drawing figures", completed: 140, total: 700, elapsed: 35) == "drawing figures: 140/700 (20 %, 2 min 20 s left)")
        #expect(ProgressLine.line(task: "drawing figures", completed: 700, total: 700, elapsed: 175.4) == "drawing figures: 700/700 (done in 2 min 55 s)")
        #expect(ProgressLine.line(task: "summary statistics", completed: 0, total: 0, elapsed: 0) == "summary statistics…")
        // Under a second no estimate is shown.
        #expect(ProgressLine.line(task: "reading", completed: 1, total: 3, elapsed: 0.5) == "reading: 1/3 (33 %)")
        // One line at the start, at each tenth and at the end: 11 lines for 700 steps.
        #expect((0...700).filter { ProgressLine.isLogLineDue(completed: $0, total: 700) }.count == 11)
        #expect((0...3).filter { ProgressLine.isLogLineDue(completed: $0, total: 3) } == [0, 1, 2, 3])
    }

    @Test func terminalBar() {
        #expect(ProgressLine.bar(task: "reading spectra", completed: 135, total: 270, elapsed: 70, width: 10)
                == "reading spectra [█████░░░░░] 135/270 · 50 % · 1 min 10 s left")
        #expect(ProgressLine.bar(task: "reading spectra", completed: 270, total: 270, elapsed: 140, width: 4) == "reading spectra [████] 270/270 · 100 %")
        #expect(ProgressLine.duration(7325) == "2 h 02 min")
    }
}
