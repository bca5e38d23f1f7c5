/* The transform feedback varying list of the reflection: the capture outputs t2g_so<i> that
 * lower_stream_output.c made, in buffer and offset order, with the gaps and buffer changes
 * of the guest's layout spelled as glTransformFeedbackVaryings understands them. */
#include "glsl_priv.h"

#include <stdio.h>
#include <string.h>

typedef struct so_list {
    struct t2g_reflection *r;
    bool overflow;
} so_list;

static void add(so_list *l, const char *name)
{
    if (l->r->num_so_varyings >= T2G_MAX_SO_VARYINGS) {
        l->overflow = true;
        return;
    }
    char *slot = l->r->so_varyings[l->r->num_so_varyings++];
    memset(slot, 0, T2G_NAME_MAX);
    snprintf(slot, T2G_NAME_MAX, "%s", name);
}

static void skip(so_list *l, uint32_t dwords)
{
    static const char *const names[] = { "", "gl_SkipComponents1", "gl_SkipComponents2",
                                         "gl_SkipComponents3", "gl_SkipComponents4" };
    while (dwords && !l->overflow) {
        uint32_t n = dwords < 4 ? dwords : 4;
        add(l, names[n]);
        dwords -= n;
    }
}

/* Captures sorted by buffer, then offset (GL records varyings in list order). */
static unsigned sorted_captures(const struct t2g_key *k, uint8_t *order)
{
    unsigned n = k->num_so_outputs < T2G_MAX_SO_OUTPUTS ? k->num_so_outputs : T2G_MAX_SO_OUTPUTS;
    for (unsigned i = 0; i < n; i++) {
        unsigned j = i;
        for (; j > 0; j--) {
            const struct t2g_stream_output *a = &k->so_outputs[order[j - 1]];
            const struct t2g_stream_output *b = &k->so_outputs[i];
            if (a->output_buffer < b->output_buffer ||
                (a->output_buffer == b->output_buffer && a->dst_offset <= b->dst_offset))
                break;
            order[j] = order[j - 1];
        }
        order[j] = (uint8_t)i;
    }
    return n;
}

static void capture_name(char *buf, unsigned i)
{
    snprintf(buf, T2G_NAME_MAX, "t2g_so%u", i);
}

/* GL 4.0 (and hosts with T2G_HOST_TRANSFORM_FEEDBACK3): one interleaved list, gaps as
 * gl_SkipComponentsN, gl_NextBuffer between buffers. */
static bool list_desktop(const struct t2g_key *k, const uint8_t *order, unsigned n, so_list *l)
{
    unsigned buffer = 0;
    uint32_t at = 0;
    char name[T2G_NAME_MAX];
    for (unsigned o = 0; o < n; o++) {
        const struct t2g_stream_output *so = &k->so_outputs[order[o]];
        if (so->output_buffer != buffer) {
            if (k->so_stride[buffer] > at)
                skip(l, k->so_stride[buffer] - at);
            for (; buffer < so->output_buffer; buffer++)
                add(l, "gl_NextBuffer");
            at = 0;
        }
        if (so->dst_offset < at)
            return false; /* overlapping captures: GL has no way to say it */
        skip(l, so->dst_offset - at);
        capture_name(name, order[o]);
        add(l, name);
        at = so->dst_offset + so->num_components;
    }
    if (k->so_stride[buffer] > at)
        skip(l, k->so_stride[buffer] - at);
    return !l->overflow;
}

/* GLSL ES 3.x proper: no skips, no buffer changes.  Either one buffer filled without gaps
 * (interleaved) or buffers 0..m-1 holding one capture each (separate). */
static bool list_es(const struct t2g_key *k, const uint8_t *order, unsigned n, so_list *l)
{
    char name[T2G_NAME_MAX];
    bool interleaved = true, separate = true;
    uint32_t at = 0;
    for (unsigned o = 0; o < n; o++) {
        const struct t2g_stream_output *so = &k->so_outputs[order[o]];
        if (so->output_buffer != 0 || so->dst_offset != at)
            interleaved = false;
        at = so->dst_offset + so->num_components;
        if (so->output_buffer != o || so->dst_offset != 0 ||
            (k->so_stride[o] && k->so_stride[o] != so->num_components))
            separate = false;
    }
    if (interleaved && k->so_stride[0] && k->so_stride[0] != at)
        interleaved = false;
    if (!interleaved && !separate)
        return false;
    l->r->so_separate = !interleaved;
    for (unsigned o = 0; o < n; o++) {
        capture_name(name, order[o]);
        add(l, name);
    }
    return !l->overflow;
}

void io_reflect_stream_output(glsl_ctx *c)
{
    bool captures = false;
    for (uint32_t i = 0; i < c->s->num_vars; i++)
        captures |= c->s->vars[i]->so_capture != 0;
    if (!captures)
        return;
    uint8_t order[T2G_MAX_SO_OUTPUTS];
    unsigned n = sorted_captures(c->key, order);
    so_list l = { c->refl, false };
    bool names = !c->d->es || (c->key->host_features & T2G_HOST_TRANSFORM_FEEDBACK3);
    bool ok = names ? list_desktop(c->key, order, n, &l) : list_es(c->key, order, n, &l);
    if (!ok) {
        c->refl->num_so_varyings = 0;
        c->refl->so_separate = false;
        c->refl->so_unsupported = true;
    }
}
