/* t2g_version(): the library's own version, for callers linked against another build. */
#include "tgsi2glsl.h"
#include "lib/t2g_version.h"

__attribute__((visibility("default"))) const char *t2g_version(void)
{
    return T2G_VERSION_STRING;
}
