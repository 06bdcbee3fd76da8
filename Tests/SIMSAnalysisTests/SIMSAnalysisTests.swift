import Testing
@testable import SIMSAnalysis
