// Users of this module see the core value types without a second import.
@_exported import SIMSCore
