/* formats_gles.c: on a GLES host, each format the table offers is tried for real (storage,
 * upload with the table's pixel format, rendering, read-back, vertex layout), and the guest
 * is offered only what worked: GLES accepts far fewer format/type pairs than desktop GL and
 * which ones depends on the host's extensions (BGRA, 16-bit norm, float render targets). */
#include "gles_draw.h"
#include "vrend_priv.h"

static void clear_errors(void)
{
    while (glGetError() != GL_NO_ERROR)
        ;
}

/* Channels of a colour format that GL_RGBA of the same type can carry (one byte or one
 * short each, no packed types), or 0. */
unsigned rgba_channels(const struct vformat *f)
{
    unsigned n = f->format == GL_RED ? 1 : f->format == GL_RG ? 2 : f->format == GL_RGB ? 3 : 0;
    bool plain = f->type == GL_UNSIGNED_BYTE || f->type == GL_BYTE ||
                 f->type == GL_UNSIGNED_SHORT || f->type == GL_SHORT;
    return plain && !(f->flags & (FMT_INT | FMT_UINT | FMT_COMPRESSED)) ? n : 0;
}

/* What of `fl` survives on this host for texture format f. */
static uint16_t probe_texture(const struct vformat *f, uint16_t fl)
{
    uint16_t texture_bits = FMT_SAMPLE | FMT_RENDER | FMT_DEPTH;
    uint8_t pixels[64 * 4] = { 0 };
    GLuint tex, fbo;
    glGenTextures(1, &tex);
    glBindTexture(GL_TEXTURE_2D, tex);
    clear_errors();
    glTexStorage2D(GL_TEXTURE_2D, 1, f->internal, 4, 4);
    bool ok = glGetError() == GL_NO_ERROR;
    if (ok && !(fl & FMT_COMPRESSED)) {
        glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
        glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, 4, 4, f->format, f->type, pixels);
        ok = glGetError() == GL_NO_ERROR;
    }
    if (!ok) {
        glDeleteTextures(1, &tex);
        return fl & ~texture_bits;
    }
    if (fl & (FMT_RENDER | FMT_DEPTH)) {
        /* Rendering is offered only where the result can also be read back: a GLES guest
         * reads render targets back through the host. */
        GLenum point = vformat_read_point(f, fl);
        glGenFramebuffers(1, &fbo);
        glBindFramebuffer(GL_FRAMEBUFFER, fbo);
        glFramebufferTexture2D(GL_FRAMEBUFFER, point, GL_TEXTURE_2D, tex, 0);
        if (point == GL_COLOR_ATTACHMENT0) {
            glReadBuffer(point);
        } else {
            glReadBuffer(GL_NONE);
            glDrawBuffers(1, &(GLenum){ GL_NONE });
        }
        bool complete = glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE;
        clear_errors();
        if (complete) {
            glPixelStorei(GL_PACK_ALIGNMENT, 1);
            glReadPixels(0, 0, 4, 4, f->format, f->type, pixels);
            /* GLES reads normalized 16-bit formats only as RGBA (EXT_texture_norm16), and
             * Mesa refuses GL_RG with some types: read those as RGBA and repack. */
            bool read = glGetError() == GL_NO_ERROR;
            if (!read && rgba_channels(f)) {
                glReadPixels(0, 0, 4, 4, GL_RGBA, f->type, pixels);
                read = glGetError() == GL_NO_ERROR;
                if (read)
                    fl |= FMT_READ_AS_RGBA;
            }
            complete = read;
        }
        if (!complete)
            fl &= ~(FMT_RENDER | FMT_DEPTH);
        glBindFramebuffer(GL_FRAMEBUFFER, 0);
        glDeleteFramebuffers(1, &fbo);
    }
    glDeleteTextures(1, &tex);
    return fl;
}

static bool probe_vertex(const struct vformat *f)
{
    /* Doubles are converted but not offered (the guest sends them regardless); the packed
     * small floats are converted and offered (gles_float_attrib). */
    if (f->vtype == GL_DOUBLE)
        return false;
    if (gles_converts_attrib(f->vtype))
        return true;
    clear_errors();
    if (f->flags & (FMT_INT | FMT_UINT))
        glVertexAttribIFormat(0, vformat_vsize(f), f->vtype, 0);
    else
        glVertexAttribFormat(0, vformat_vsize(f), f->vtype, f->vnorm, 0);
    return glGetError() == GL_NO_ERROR;
}

void formats_gles_probe(struct vrend_renderer *r)
{
    GLuint vao;
    glGenVertexArrays(1, &vao);
    glBindVertexArray(vao);
    for (uint32_t id = 1; id < VIRGL_FORMAT_TABLE_MAX; id++) {
        const struct vformat *f = vformat_get(id);
        if (!f || f->virgl != id)
            continue;
        /* Start from the table's own flags: this probe decides alone what GLES can do. */
        uint16_t fl = f->flags & FMT_DESKTOP ? 0 : f->flags;
        if (fl && f->internal)
            fl = probe_texture(f, fl);
        if ((fl & FMT_VERTEX) && !probe_vertex(f))
            fl &= ~FMT_VERTEX;
        if (fl != f->flags)
            vlog(r, VREND_LOG_DEBUG, "GLES host: format %u loses flags 0x%x", id,
                 f->flags & ~fl);
        r->fmt_caps[id] = fl;
    }
    glBindVertexArray(0);
    glDeleteVertexArrays(1, &vao);
    clear_errors();
}
