/* image_format.c: the shader key's image format for a bound image (key.image_format[n]):
 * the guest leaves the TGSI declaration's format NONE when a shader only stores, and GLSL ES
 * needs a format qualifier on every image, so the format of the image bound there is used. */
#include "vrend_priv.h"

static const struct { GLenum internal; uint8_t fmt; } map[] = {
    { GL_RGBA32F, T2G_IMAGE_FORMAT_RGBA32F }, { GL_RGBA16F, T2G_IMAGE_FORMAT_RGBA16F },
    { GL_RG32F, T2G_IMAGE_FORMAT_RG32F }, { GL_RG16F, T2G_IMAGE_FORMAT_RG16F },
    { GL_R11F_G11F_B10F, T2G_IMAGE_FORMAT_R11F_G11F_B10F }, { GL_R32F, T2G_IMAGE_FORMAT_R32F },
    { GL_R16F, T2G_IMAGE_FORMAT_R16F }, { GL_RGBA16, T2G_IMAGE_FORMAT_RGBA16 },
    { GL_RGB10_A2, T2G_IMAGE_FORMAT_RGB10_A2 }, { GL_RGBA8, T2G_IMAGE_FORMAT_RGBA8 },
    { GL_RG16, T2G_IMAGE_FORMAT_RG16 }, { GL_RG8, T2G_IMAGE_FORMAT_RG8 },
    { GL_R16, T2G_IMAGE_FORMAT_R16 }, { GL_R8, T2G_IMAGE_FORMAT_R8 },
    { GL_RGBA16_SNORM, T2G_IMAGE_FORMAT_RGBA16_SNORM },
    { GL_RGBA8_SNORM, T2G_IMAGE_FORMAT_RGBA8_SNORM },
    { GL_RG16_SNORM, T2G_IMAGE_FORMAT_RG16_SNORM }, { GL_RG8_SNORM, T2G_IMAGE_FORMAT_RG8_SNORM },
    { GL_R16_SNORM, T2G_IMAGE_FORMAT_R16_SNORM }, { GL_R8_SNORM, T2G_IMAGE_FORMAT_R8_SNORM },
    { GL_RGBA32I, T2G_IMAGE_FORMAT_RGBA32I }, { GL_RGBA16I, T2G_IMAGE_FORMAT_RGBA16I },
    { GL_RGBA8I, T2G_IMAGE_FORMAT_RGBA8I }, { GL_RG32I, T2G_IMAGE_FORMAT_RG32I },
    { GL_RG16I, T2G_IMAGE_FORMAT_RG16I }, { GL_RG8I, T2G_IMAGE_FORMAT_RG8I },
    { GL_R32I, T2G_IMAGE_FORMAT_R32I }, { GL_R16I, T2G_IMAGE_FORMAT_R16I },
    { GL_R8I, T2G_IMAGE_FORMAT_R8I }, { GL_RGBA32UI, T2G_IMAGE_FORMAT_RGBA32UI },
    { GL_RGBA16UI, T2G_IMAGE_FORMAT_RGBA16UI }, { GL_RGB10_A2UI, T2G_IMAGE_FORMAT_RGB10_A2UI },
    { GL_RGBA8UI, T2G_IMAGE_FORMAT_RGBA8UI }, { GL_RG32UI, T2G_IMAGE_FORMAT_RG32UI },
    { GL_RG16UI, T2G_IMAGE_FORMAT_RG16UI }, { GL_RG8UI, T2G_IMAGE_FORMAT_RG8UI },
    { GL_R32UI, T2G_IMAGE_FORMAT_R32UI }, { GL_R16UI, T2G_IMAGE_FORMAT_R16UI },
    { GL_R8UI, T2G_IMAGE_FORMAT_R8UI },
};

uint8_t image_format_for(uint32_t virgl_format)
{
    const struct vformat *f = vformat_get(virgl_format);
    if (!f || !f->internal)
        return T2G_IMAGE_FORMAT_UNKNOWN;
    for (unsigned i = 0; i < sizeof map / sizeof map[0]; i++)
        if (map[i].internal == f->internal)
            return map[i].fmt;
    return T2G_IMAGE_FORMAT_UNKNOWN;
}
