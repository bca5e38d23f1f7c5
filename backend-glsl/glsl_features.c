/* Asking the target: whether it has a feature (enabling the extension that brings it when
 * that is how), and refusing, with the reason, a shader it cannot express.  Every file of
 * the emitter asks these; the entry (glsl_emit.c) writes the #extension lines they enabled. */
#include "glsl_priv.h"

#include <stdarg.h>
#include <stdio.h>

bool glsl_could(const glsl_ctx *c, enum glsl_feature f)
{
    if (f >= GF_COUNT)
        return true;
    const glsl_feature_rule *r = &c->d->rules[f];
    return (r->core && c->d->version >= r->core) ||
           (r->ext && c->d->version >= r->ext_min &&
            (!r->host_flag || (c->key->host_features & r->host_flag)));
}

bool glsl_has(glsl_ctx *c, enum glsl_feature f)
{
    if (f >= GF_COUNT)
        return true;
    const glsl_feature_rule *r = &c->d->rules[f];
    if (r->core && c->d->version >= r->core)
        return true;
    if (r->ext && c->d->version >= r->ext_min &&
        (!r->host_flag || (c->key->host_features & r->host_flag))) {
        c->ext_used[f] = true;
        return true;
    }
    return false;
}

static void target_label(glsl_ctx *c, char *buf, size_t n)
{
    snprintf(buf, n, "GLSL%s %u.%02u", c->d->es ? " ES" : "", c->d->version / 100,
             c->d->version % 100);
}

void glsl_refuse(glsl_ctx *c, const char *fmt, ...)
{
    if (c->failed)
        return; /* the first reason is the useful one */
    c->failed = true;
    char what[256], target[32];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof(what), fmt, ap);
    va_end(ap);
    target_label(c, target, sizeof(target));
    diag_error(c->s->diags, 0, 0, "%s cannot express this shader: %s", target, what);
}

void glsl_out_of_memory(glsl_ctx *c)
{
    if (!c->failed)
        diag_out_of_memory(c->s->diags, 0, 0);
    c->failed = true;
}

bool glsl_need(glsl_ctx *c, enum glsl_feature f, const char *what)
{
    if (glsl_has(c, f))
        return true;
    const glsl_feature_rule *r = &c->d->rules[f];
    if (r->ext && c->d->version >= r->ext_min && r->host_flag)
        glsl_refuse(c, "%s needs %s, which the host does not advertise", what, r->ext);
    else
        glsl_refuse(c, "%s is not available", what);
    return false;
}
