import Testing
@testable import SIMSWorkflows
