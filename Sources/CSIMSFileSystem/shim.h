// Linux file-system calls that Swift's Glibc module does not expose (declared only under _GNU_SOURCE).
#include <fcntl.h>

/// renameat2(2) (glibc >= 2.28, Linux >= 3.15).
extern int renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, unsigned int flags);

/// Exchanges the two paths atomically (renameat2 with RENAME_EXCHANGE); both must exist.
/// Returns 0, or -1 with errno set (EINVAL / ENOSYS where the file system or kernel cannot exchange).
static inline int sims_rename_exchange(const char *first, const char *second) {
    return renameat2(AT_FDCWD, first, AT_FDCWD, second, 1u << 1 /* RENAME_EXCHANGE */);
}

/// Renames only when `destination` does not exist (renameat2 with RENAME_NOREPLACE).
static inline int sims_rename_noreplace(const char *source, const char *destination) {
    return renameat2(AT_FDCWD, source, AT_FDCWD, destination, 1u << 0 /* RENAME_NOREPLACE */);
}
