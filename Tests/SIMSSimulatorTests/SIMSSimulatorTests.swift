import Testing
@testable import SIMSSimulator
