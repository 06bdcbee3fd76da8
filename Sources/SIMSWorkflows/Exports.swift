// SIMSWorkflows is the front door of SIMSKit: importing it makes every module's public API visible
// (the CLI imports only this module).
@_exported import SIMSCore
@_exported import SIMSFormats
@_exported import SIMSChemistry
@_exported import SIMSAnalysis
@_exported import SIMSMultivariate
@_exported import SIMSQuantification
@_exported import SIMSMicrostructure
@_exported import SIMSSimulator
@_exported import SIMSReport
