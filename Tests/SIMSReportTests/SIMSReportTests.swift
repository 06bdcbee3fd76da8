import Testing
@testable import SIMSReport
