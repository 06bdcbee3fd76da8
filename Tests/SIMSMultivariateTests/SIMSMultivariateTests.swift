import Testing
@testable import SIMSMultivariate
