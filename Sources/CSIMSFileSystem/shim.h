// Linux file-system calls that Swift's Glibc module does not expose (declared only under _GNU_SOURCE).
#include <fcntl.h>

/// sync_file_range(2) (Linux >= 2.6.17).
extern int sync_file_range(int fd, __off64_t offset, __off64_t nbytes, unsigned int flags);

/// Starts writing the file's dirty pages to disk and returns without waiting for them (sync_file_range with
/// SYNC_FILE_RANGE_WRITE over the whole file). It makes nothing durable by itself: a later fsync(2) does, and finds
/// little left to wait for. Returns 0, or -1 with errno set.
static inline int sims_start_writeback(int fd) {
    return sync_file_range(fd, 0, 0, 2u /* SYNC_FILE_RANGE_WRITE */);
}

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
