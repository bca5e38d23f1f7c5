/* Wraps glslang's C interface: one process-wide initialization, one shader object per check. */
#include "glslang_check.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include <glslang/Include/glslang_c_interface.h>
#include <glslang/Public/resource_limits_c.h>

#include "tgsi2glsl.h"

static pthread_once_t init_once = PTHREAD_ONCE_INIT;

static void init_glslang(void) { glslang_initialize_process(); }

static glslang_stage_t stage_of(int s)
{
    switch (s) {
    case T2G_STAGE_VERTEX: return GLSLANG_STAGE_VERTEX;
    case T2G_STAGE_FRAGMENT: return GLSLANG_STAGE_FRAGMENT;
    case T2G_STAGE_GEOMETRY: return GLSLANG_STAGE_GEOMETRY;
    case T2G_STAGE_TESS_CTRL: return GLSLANG_STAGE_TESSCONTROL;
    case T2G_STAGE_TESS_EVAL: return GLSLANG_STAGE_TESSEVALUATION;
    default: return GLSLANG_STAGE_COMPUTE;
    }
}

bool glslang_check(const char *source, int t2g_stage, char *log, size_t log_size)
{
    pthread_once(&init_once, init_glslang);
    glslang_input_t input = {
        .language = GLSLANG_SOURCE_GLSL,
        .stage = stage_of(t2g_stage),
        .client = GLSLANG_CLIENT_NONE,
        .target_language = GLSLANG_TARGET_NONE,
        .code = source,
        .default_version = 100,
        .default_profile = GLSLANG_NO_PROFILE,
        .messages = GLSLANG_MSG_DEFAULT_BIT,
        .resource = glslang_default_resource(),
    };
    glslang_shader_t *sh = glslang_shader_create(&input);
    if (!sh) {
        snprintf(log, log_size, "glslang: cannot create shader");
        return false;
    }
    bool ok = glslang_shader_preprocess(sh, &input) && glslang_shader_parse(sh, &input);
    if (log_size) {
        const char *info = glslang_shader_get_info_log(sh);
        snprintf(log, log_size, "%s", ok ? "" : (info ? info : "glslang: rejected"));
    }
    glslang_shader_delete(sh);
    return ok;
}
