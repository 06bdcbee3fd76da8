import CSIMSOpenBLAS

// SIMSMultivariate's dense kernels (products, Gram matrix, symmetric eigendecomposition, QR) call the system
// OpenBLAS (CBLAS) and LAPACKE from Debian's libopenblas-dev / liblapacke-dev: measured 5× faster on the PCA
// benchmark's Gram matrix than the pure-Swift kernel they replaced (docs/multivariate.md). Threads: OpenBLAS's
// own pool, one thread per online core unless OPENBLAS_NUM_THREADS (or OMP_NUM_THREADS) says otherwise. Runs
// with the same thread count are bit-identical; `dsyrk`/`dgemm` results also do not depend on the thread count,
// `dsyevd`'s differ in the last bits.

/// A dimension as the BLAS integer (32 bits in Debian's OpenBLAS). Dimensions above 2³¹ − 1 trap instead of
/// wrapping; a `Double` matrix that large does not fit in memory.
@inline(__always)
func blas(_ n: Int) -> blasint { blasint(n) }

/// A dimension as the LAPACKE integer (`lapack_int`, 32 bits in Debian's LAPACKE).
@inline(__always)
func lapack(_ n: Int) -> Int32 { Int32(n) }

/// What the system BLAS is, for benchmark reports and provenance.
public enum SystemBLAS {
    /// OpenBLAS's build configuration and the kernel family it chose for this CPU (for example
    /// "OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY Zen MAX_THREADS=64 (core Zen)").
    public static var description: String {
        "\(String(cString: openblas_get_config())) (core \(String(cString: openblas_get_corename())))"
    }

    /// Threads OpenBLAS uses for one call.
    public static var threads: Int { Int(openblas_get_num_threads()) }
}
