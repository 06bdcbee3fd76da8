// Users of this module see the core value types, the chemistry (ions, isotope patterns) and the matrix type
// without further imports.
@_exported import SIMSCore
@_exported import SIMSChemistry
@_exported import SIMSMultivariate
