// A thin C wrapper over libpng's write API: libpng reports errors by longjmp, which Swift cannot catch,
// so the setjmp frame lives here and the Swift side sees a return code.
#include "CSIMSPNG.h"
#include <png.h>
#include <zlib.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

static void append(png_structp png, png_bytep data, png_size_t length) {
    sims_png_buffer *buffer = (sims_png_buffer *)png_get_io_ptr(png);
    size_t needed = buffer->count + length;
    // Capacity is tracked in the word before the bytes' start: grow by doubling.
    size_t *capacity = (size_t *)(buffer->bytes) - 1;
    if (needed > *capacity) {
        size_t grown = *capacity * 2 > needed ? *capacity * 2 : needed;
        size_t *block = realloc(capacity, sizeof(size_t) + grown);
        if (!block) png_error(png, "out of memory");
        *block = grown;
        buffer->bytes = (unsigned char *)(block + 1);
    }
    memcpy(buffer->bytes + buffer->count, data, length);
    buffer->count = needed;
}

static void flush(png_structp png) { (void)png; }

int sims_png_encode(const unsigned char *pixels, int width, int height, size_t stride, sims_png_layout layout,
                    int level, int rle, sims_png_buffer *out) {
    out->bytes = NULL; out->count = 0;
    size_t initial = 64 * 1024;
    size_t *block = malloc(sizeof(size_t) + initial);
    if (!block) return -1;
    *block = initial;
    sims_png_buffer buffer = { (unsigned char *)(block + 1), 0 };
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    if (!png || !info || setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        free((size_t *)(buffer.bytes) - 1);
        return -1;
    }
    png_set_write_fn(png, &buffer, append, flush);
    png_set_compression_level(png, level);
    if (rle) png_set_compression_strategy(png, Z_RLE);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_SUB);
    int colorType = layout == SIMS_PNG_RGBA ? PNG_COLOR_TYPE_RGB_ALPHA
                  : layout == SIMS_PNG_GRAY16 ? PNG_COLOR_TYPE_GRAY : PNG_COLOR_TYPE_RGB;
    int depth = layout == SIMS_PNG_GRAY16 ? 16 : 8;
    png_set_IHDR(png, info, (png_uint_32)width, (png_uint_32)height, depth, colorType, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    if (layout == SIMS_PNG_BGRX) {
        png_set_bgr(png);
        png_set_filler(png, 0, PNG_FILLER_AFTER);
    }
    for (int y = 0; y < height; y++) png_write_row(png, (png_const_bytep)(pixels + (size_t)y * stride));
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    out->bytes = buffer.bytes;
    out->count = buffer.count;
    return 0;
}

void sims_png_free(sims_png_buffer *buffer) {
    if (buffer->bytes) free((size_t *)(buffer->bytes) - 1);
    buffer->bytes = NULL; buffer->count = 0;
}
