// Zstandard (Debian's libzstd-dev), for the store's compressed event messages.
#include <zstd.h>
