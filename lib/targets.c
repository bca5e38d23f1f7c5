/* Target names and versions, and key defaults: the small public helpers around t2g_compile. */
#include <stddef.h>
#include <string.h>

#include "tgsi2glsl.h"

static const struct {
    const char *name;
    unsigned version;
    bool es;
} targets[T2G_TARGET_COUNT] = {
    [T2G_TARGET_GLSL140] = { "glsl140", 140, false },
    [T2G_TARGET_GLSL150] = { "glsl150", 150, false },
    [T2G_TARGET_GLSL330] = { "glsl330", 330, false },
    [T2G_TARGET_GLSL400] = { "glsl400", 400, false },
    [T2G_TARGET_GLSL410] = { "glsl410", 410, false },
    [T2G_TARGET_GLSL420] = { "glsl420", 420, false },
    [T2G_TARGET_GLSL430] = { "glsl430", 430, false },
    [T2G_TARGET_GLSL440] = { "glsl440", 440, false },
    [T2G_TARGET_GLSL450] = { "glsl450", 450, false },
    [T2G_TARGET_GLSL460] = { "glsl460", 460, false },
    [T2G_TARGET_ESSL300] = { "essl300", 300, true },
    [T2G_TARGET_ESSL310] = { "essl310", 310, true },
    [T2G_TARGET_ESSL320] = { "essl320", 320, true },
    [T2G_TARGET_ESSL100] = { "essl100", 100, true },
};

__attribute__((visibility("default"))) const char *t2g_target_name(enum t2g_target t)
{
    return (unsigned)t < T2G_TARGET_COUNT ? targets[t].name : "unknown";
}

__attribute__((visibility("default"))) int t2g_target_lookup(const char *name)
{
    for (int i = 0; i < T2G_TARGET_COUNT; i++)
        if (strcmp(targets[i].name, name) == 0)
            return i;
    return -1;
}

__attribute__((visibility("default"))) bool t2g_target_is_es(enum t2g_target t)
{
    return (unsigned)t < T2G_TARGET_COUNT && targets[t].es;
}

__attribute__((visibility("default"))) unsigned t2g_target_version(enum t2g_target t)
{
    return (unsigned)t < T2G_TARGET_COUNT ? targets[t].version : 0;
}

static void key_defaults(struct t2g_key *key, enum t2g_target target)
{
    memset(key, 0, sizeof(*key));
    key->struct_size = sizeof(*key);
    key->target = target;
    key->alpha_func = T2G_ALWAYS;
    /* What the target version guarantees; renderers add what their host has beyond it. */
    unsigned v = t2g_target_version(target);
    if (!t2g_target_is_es(target)) {
        if (v >= 400)
            key->host_features |= T2G_HOST_FP64 | T2G_HOST_TEXTURE_CUBE_ARRAY | T2G_HOST_SAMPLE_SHADING |
                                  T2G_HOST_GEOMETRY_SHADER | T2G_HOST_TESSELLATION;
        if (v >= 150)
            key->host_features |= T2G_HOST_GEOMETRY_SHADER;
        key->host_features |= T2G_HOST_CLIP_CULL_DISTANCE | T2G_HOST_TEXTURE_BUFFER;
        if (v >= 450)
            key->host_features |= T2G_HOST_DERIVATIVE_CONTROL;
        if (v >= 420)
            key->host_features |= T2G_HOST_CONSERVATIVE_DEPTH;
        if (v >= 420)
            key->host_features |= T2G_HOST_SHADER_IMAGE_ATOMIC;
    } else if (v >= 320) {
        key->host_features |= T2G_HOST_TEXTURE_CUBE_ARRAY | T2G_HOST_SAMPLE_SHADING |
                              T2G_HOST_GEOMETRY_SHADER | T2G_HOST_TESSELLATION |
                              T2G_HOST_TEXTURE_BUFFER | T2G_HOST_SHADER_IMAGE_ATOMIC |
                              T2G_HOST_BLEND_EQUATION_ADVANCED;
    }
}

/* `size` is the caller's sizeof(struct t2g_key): smaller when it was built against an older
 * header (it gets the members it knows), larger against a newer one (the members this
 * library does not know are zeroed, which is their default by the header's rule). */
__attribute__((visibility("default"))) void t2g_key_init_sized(struct t2g_key *key,
                                                               enum t2g_target target, size_t size)
{
    if (!key || size < offsetof(struct t2g_key, target) + sizeof(key->target))
        return;
    struct t2g_key d;
    key_defaults(&d, target);
    memset(key, 0, size);
    memcpy(key, &d, size < sizeof(d) ? size : sizeof(d));
    key->struct_size = (uint32_t)size;
}

__attribute__((visibility("default"))) uint32_t t2g_target_extension_features(enum t2g_target t)
{
    if ((unsigned)t >= T2G_TARGET_COUNT)
        return 0;
    if (!t2g_target_is_es(t))
        return ~0u & ~T2G_HOST_FRAMEBUFFER_FETCH;
    /* ES 2.0 has the extensions of GLSL ES 1.00 only. */
    if (t2g_target_version(t) < 300)
        return T2G_HOST_TEXTURE_3D | T2G_HOST_SHADOW_SAMPLERS | T2G_HOST_STANDARD_DERIVATIVES |
               T2G_HOST_FRAG_DEPTH | T2G_HOST_DRAW_BUFFERS | T2G_HOST_SHADER_TEXTURE_LOD;
    /* ES has no double or 64-bit integer extension in common use, nor a shader clock. */
    return T2G_HOST_TEXTURE_CUBE_ARRAY | T2G_HOST_SAMPLE_SHADING | T2G_HOST_GEOMETRY_SHADER |
           T2G_HOST_TESSELLATION | T2G_HOST_CLIP_CULL_DISTANCE | T2G_HOST_TEXTURE_BUFFER |
           T2G_HOST_SHADER_IMAGE_ATOMIC | T2G_HOST_VIEWPORT_ARRAY |
           T2G_HOST_BLEND_EQUATION_ADVANCED | T2G_HOST_TEXTURE_SHADOW_LOD |
           T2G_HOST_IMAGE_FORMATS | T2G_HOST_TEXTURE_NORM16;
}
