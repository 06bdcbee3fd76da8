#ifndef CSIMSPNG_H
#define CSIMSPNG_H
#include <stddef.h>
#include <stdint.h>

/// Output buffer of sims_png_encode, released with sims_png_free.
typedef struct {
    unsigned char *bytes;
    size_t count;
} sims_png_buffer;

/// Pixel layouts accepted by sims_png_encode.
typedef enum {
    /// cairo's CAIRO_FORMAT_RGB24/ARGB32 in native byte order on a little-endian machine (B, G, R, X/A),
    /// written as 8-bit RGB (the fourth byte is dropped: opaque images only).
    SIMS_PNG_BGRX = 0,
    /// straight-alpha R, G, B, A, written as 8-bit RGBA.
    SIMS_PNG_RGBA = 1,
    /// big-endian 16-bit greyscale samples, written as 16-bit grey.
    SIMS_PNG_GRAY16 = 2
} sims_png_layout;

/// Encodes rows of pixels as a PNG with libpng: zlib level `level` (0-9), the SUB filter, Z_RLE strategy when
/// `rle` is non-zero. Returns 0 on success (and fills `out`), -1 on a libpng or allocation error.
int sims_png_encode(const unsigned char *pixels, int width, int height, size_t stride, sims_png_layout layout,
                    int level, int rle, sims_png_buffer *out);

/// Frees the buffer returned by sims_png_encode.
void sims_png_free(sims_png_buffer *buffer);

#endif
