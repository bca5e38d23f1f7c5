/* views.c: sampler views and surfaces once made (objects.c makes them): their lifetimes and
 * the texture a depth comparison samples.  A leaf: the files that bind them (shaders.c,
 * framebuffer.c, context.c) call in here, and nothing here calls out but to GL and to
 * resource.c's reference counts. */
#include <stdlib.h>

#include "vrend_priv.h"

void view_unref(struct sampler_view *v)
{
    if (!v || --v->refs > 0)
        return;
    if (v->view)
        glDeleteTextures(1, &v->view);
    if (v->compare_view)
        glDeleteTextures(1, &v->compare_view);
    vres_unref(NULL, v->res);
    free(v);
}

void surface_unref(struct surface *s)
{
    if (!s || --s->refs > 0)
        return;
    if (s->view)
        glDeleteTextures(1, &s->view);
    vres_unref(NULL, s->res);
    free(s);
}

GLuint view_compare_texture(struct sampler_view *v)
{
    if (!v->red_moved || !v->view || v->compare_view)
        return v->compare_view ? v->compare_view : v->view;
    while (glGetError() != GL_NO_ERROR)
        ;
    glGenTextures(1, &v->compare_view);
    glTextureView(v->compare_view, v->target, v->view, v->internal, 0, v->last - v->first + 1,
                  0, v->nlayers);
    if (glGetError() != GL_NO_ERROR) {
        glDeleteTextures(1, &v->compare_view);
        v->compare_view = 0;
        v->red_moved = false;
        return v->view;
    }
    return v->compare_view;
}
