/* edge_flags.c: per-vertex edge flags of polygons drawn as lines or points, which core GL
 * and GLES no longer have, as a geometry shader written in TGSI.
 *
 * Mesa's state tracker passes a guest's edge flags (glEdgeFlag, edge flag arrays) through
 * the vertex shader as an EDGEFLAG output while a polygon mode is not GL_FILL.  GL draws an
 * edge of such a polygon, or a vertex in point mode, only where the flag of the vertex that
 * starts it is set.  The geometry shader takes each triangle and emits the flagged edges as
 * line strips or the flagged vertices as points.  It culls as the host would have culled the
 * triangle (lines and points have no face), so it is made only where the faces the guest
 * does not cull share one mode; a triangle's face is the sign of its clip-space (x, y, w)
 * determinant, oriented as window_space.h says.  Left to the host, with its edge flags
 * ignored: polygon offset for lines and points, and stream output (captured by the last
 * vertex stage, which this would change).  GLES, which has no glPolygonMode, gets the
 * shader for edge flags too, but polygons in line mode without edge flags are still filled
 * there: emitting all their edges from the shader lost piglit's "tessellation quad_strip
 * wireframe" (its border row), which filling passes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vrend_priv.h"
#include "window_space.h"

/* PIPE_FACE_*. */
enum { FACE_FRONT = 1, FACE_BACK = 2 };

/* The VS outputs a geometry shader can read and write back unchanged. */
static bool passes_through(uint8_t semantic)
{
    switch (semantic) {
    case T2G_SEMANTIC_POSITION: case T2G_SEMANTIC_COLOR: case T2G_SEMANTIC_BCOLOR:
    case T2G_SEMANTIC_FOG: case T2G_SEMANTIC_PSIZE: case T2G_SEMANTIC_GENERIC:
    case T2G_SEMANTIC_TEXCOORD: case T2G_SEMANTIC_CLIPVERTEX: case T2G_SEMANTIC_CLIPDIST:
        return true;
    default:
        return false;
    }
}

static bool has_semantic(const struct t2g_io *io, uint32_t n, uint8_t semantic)
{
    for (uint32_t i = 0; i < n; i++)
        if (io[i].semantic == semantic)
            return true;
    return false;
}

static const char *mask_text(uint8_t usage_mask, char buf[6])
{
    int n = 0;
    buf[n++] = '.';
    for (int c = 0; c < 4; c++)
        if (!usage_mask || (usage_mask & (1u << c)))
            buf[n++] = "xyzw"[c];
    buf[n] = 0;
    return buf;
}

/* The TGSI text of the geometry shader, or NULL where it cannot be written. */
static char *edge_flag_text(const struct t2g_reflection *vs, bool fs_reads_primid, uint32_t mode,
                            uint32_t cull, float front_sign)
{
    size_t cap = 4096 + (size_t)vs->num_outputs * 400;
    char *text = malloc(cap);
    if (!text)
        return NULL;
    size_t n = 0;
    uint32_t pc = 0;
#define PUT(...) (n += (size_t)snprintf(text + n, n < cap ? cap - n : 0, __VA_ARGS__))
#define INSN(...) (PUT("%3u: ", pc++), PUT(__VA_ARGS__))
    bool lines = mode == PIPE_POLYGON_MODE_LINE;
    PUT("GEOM\nPROPERTY GS_INPUT_PRIMITIVE TRIANGLES\nPROPERTY GS_OUTPUT_PRIMITIVE %s\n"
        "PROPERTY GS_MAX_OUTPUT_VERTICES %u\nPROPERTY GS_INVOCATIONS 1\n",
        lines ? "LINE_STRIP" : "POINTS", lines ? 6 : 3);
    uint32_t k = 0, pos = UINT32_MAX;
    uint8_t masks[T2G_MAX_VARYINGS];
    for (uint32_t i = 0; i < vs->num_outputs && k < T2G_MAX_VARYINGS; i++) {
        const struct t2g_io *o = &vs->outputs[i];
        if (!passes_through(o->semantic))
            continue;
        if (o->semantic == T2G_SEMANTIC_POSITION)
            pos = k;
        masks[k] = o->usage_mask;
        PUT("DCL IN[][%u], %s[%u]\nDCL OUT[%u], %s[%u]\n", k, t2g_semantic_name(o->semantic),
            o->semantic_index, k, t2g_semantic_name(o->semantic), o->semantic_index);
        k++;
    }
    uint32_t flag = k;
    if (pos == UINT32_MAX) {
        free(text);
        return NULL;
    }
    PUT("DCL IN[][%u], EDGEFLAG\n", flag);
    if (fs_reads_primid)
        PUT("DCL SV[0], PRIMID\nDCL OUT[%u], PRIMID\n", k);
    PUT("DCL TEMP[0..1]\nIMM[0] FLT32 {0.5, %.1f, 0.0, 0.0}\nIMM[1] UINT32 {0, 0, 0, 0}\n",
        front_sign);
    bool culls = cull & (FACE_FRONT | FACE_BACK);
    if (culls) {
        /* det [v0; v1; v2] of the (x, y, w) rows = v0 . (v1 x v2); times front_sign it is
         * positive on the guest's front faces. */
        INSN("MUL TEMP[0].xyz, IN[1][%u].ywxw, IN[2][%u].wxyw\n", pos, pos);
        INSN("MAD TEMP[0].xyz, -IN[1][%u].wxyw, IN[2][%u].ywxw, TEMP[0]\n", pos, pos);
        INSN("DP3 TEMP[0].x, TEMP[0], IN[0][%u].xyww\n", pos);
        INSN("MUL TEMP[0].x, TEMP[0].xxxx, IMM[0].yyyy\n");
        if (cull & FACE_FRONT)
            INSN("FSGE TEMP[1].x, IMM[0].zzzz, TEMP[0].xxxx\n");
        else
            INSN("FSLT TEMP[1].x, IMM[0].zzzz, TEMP[0].xxxx\n");
        INSN("UIF TEMP[1].xxxx\n");
    }
    for (uint32_t v = 0; v < 3; v++) {
        INSN("FSLT TEMP[1].y, IMM[0].xxxx, IN[%u][%u].xxxx\n", v, flag);
        INSN("UIF TEMP[1].yyyy\n");
        for (uint32_t end = 0; end < (lines ? 2u : 1u); end++) {
            uint32_t src = (v + end) % 3;
            char m[6];
            for (uint32_t i = 0; i < k; i++)
                INSN("MOV OUT[%u]%s, IN[%u][%u]\n", i, mask_text(masks[i], m), src, i);
            if (fs_reads_primid)
                INSN("MOV OUT[%u], SV[0]\n", k);
            INSN("EMIT IMM[1].xxxx\n");
        }
        INSN("ENDPRIM IMM[1].xxxx\n");
        INSN("ENDIF\n");
    }
    if (culls)
        INSN("ENDIF\n");
    INSN("END\n");
#undef INSN
#undef PUT
    if (n >= cap) {
        free(text);
        return NULL;
    }
    return text;
}

struct shader_obj *edge_flag_gs(struct vrend_context *ctx, struct shader_obj *const *sh)
{
    struct sub_ctx *s = ctx->sub;
    const struct shader_obj *vs = sh[SHADER_VERTEX], *fs = sh[SHADER_FRAGMENT];
    const struct rs_state *rs = s->rs ? &s->rs->u.rs : NULL;
    bool triangles = s->draw_mode == PIPE_PRIM_TRIANGLES ||
                     s->draw_mode == PIPE_PRIM_TRIANGLE_STRIP ||
                     s->draw_mode == PIPE_PRIM_TRIANGLE_FAN;
    if (!rs || !triangles || !vs || !vs->base_ok || !vs->base->writes_edge_flag ||
        vs->so_num || sh[SHADER_GEOMETRY] || sh[SHADER_TESS_EVAL])
        return NULL;
    if (ctx->r->gles && !(ctx->r->host_features & T2G_HOST_GEOMETRY_SHADER))
        return NULL;
    /* The mode of the faces that are drawn: one for both, or no shader. */
    uint32_t cull = rs->cull_face & (FACE_FRONT | FACE_BACK);
    uint32_t mode = !(cull & FACE_FRONT) ? rs->fill_front : rs->fill_back;
    if (cull == (FACE_FRONT | FACE_BACK) ||
        (mode != PIPE_POLYGON_MODE_LINE && mode != PIPE_POLYGON_MODE_POINT) ||
        (!cull && rs->fill_back != rs->fill_front))
        return NULL;
    /* The host sees y negated where the framebuffer is flipped and calls the guest's front
     * its back (window_space.h): a host-counter-clockwise determinant is the guest's front
     * when the guest's front is clockwise. */
    bool flipped = fb_flipped(s);
    float front_sign = (flipped ? -1.0f : 1.0f) * (ws_front_face(rs->front_ccw) == GL_CCW ? -1.0f
                                                                                          : 1.0f);
    bool primid = fs && fs->base_ok &&
                  has_semantic(fs->base->inputs, fs->base->num_inputs, T2G_SEMANTIC_PRIMID);
    char *text = edge_flag_text(vs->base, primid, mode, cull, front_sign);
    if (!text)
        return NULL;
    struct shader_obj *old = s->edge_flag_gs;
    if (old && old->text && !strcmp(old->text, text)) {
        free(text);
        return old->base_ok ? old : NULL;
    }
    struct shader_obj *gs = shader_from_text(ctx, SHADER_GEOMETRY, text);
    shader_unref(old);
    s->edge_flag_gs = gs;
    return gs && gs->base_ok ? gs : NULL;
}
