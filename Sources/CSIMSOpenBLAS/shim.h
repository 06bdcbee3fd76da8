// Debian libopenblas-dev (CBLAS, OpenBLAS thread control) and liblapacke-dev (LAPACKE, whose LAPACK is
// OpenBLAS's through Debian's liblapack.so.3 alternative). Installed by scripts/install-dependencies.sh.
#include <cblas.h>
#include <lapacke.h>
