// The system liblz4 (Debian liblz4-dev, Homebrew lz4): block compression for large reliable payloads.
#if __has_include(<lz4.h>)
#include <lz4.h>
#else
#error "lz4.h not found: install liblz4-dev (Debian, Ubuntu) or lz4 (Homebrew)"
#endif
