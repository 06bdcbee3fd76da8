import Testing
@testable import SIMSChemistry
