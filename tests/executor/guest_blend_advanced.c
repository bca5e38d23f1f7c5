/* guest_blend_advanced.c: a guest client (run under GALLIUM_DRIVER=virpipe by
 * guest_blend_advanced.sh) that asks for an ES 3.2 context, which Mesa 22.3's virgl driver
 * offers only with KHR_blend_equation_advanced, and blends with GL_MULTIPLY_KHR and
 * GL_SCREEN_KHR over a (1, 0.5, 0.5, 1) clear: what llvmpipe gives natively, +-2. */
#include <epoxy/egl.h>
#include <epoxy/gl.h>
#include <stdio.h>
#include <stdlib.h>

static GLuint shader(GLenum type, const char *src)
{
    GLuint h = glCreateShader(type);
    glShaderSource(h, 1, &src, NULL);
    glCompileShader(h);
    GLint ok;
    glGetShaderiv(h, GL_COMPILE_STATUS, &ok);
    if (!ok) {
        char log[1000];
        glGetShaderInfoLog(h, sizeof log, NULL, log);
        fprintf(stderr, "compile: %s\n", log);
    }
    return h;
}

static bool near(unsigned v, unsigned want) { return v + 2 >= want && v <= want + 2; }

int main(void)
{
    EGLDisplay d = eglGetPlatformDisplayEXT(EGL_PLATFORM_SURFACELESS_MESA, EGL_DEFAULT_DISPLAY,
                                            NULL);
    if (!eglInitialize(d, NULL, NULL)) {
        fprintf(stderr, "no EGL display\n");
        return 1;
    }
    eglBindAPI(EGL_OPENGL_ES_API);
    static const EGLint attrs[] = { EGL_CONTEXT_MAJOR_VERSION, 3, EGL_CONTEXT_MINOR_VERSION, 2,
                                    EGL_NONE };
    EGLContext c = eglCreateContext(d, EGL_NO_CONFIG_KHR, EGL_NO_CONTEXT, attrs);
    if (!c || !eglMakeCurrent(d, EGL_NO_SURFACE, EGL_NO_SURFACE, c)) {
        fprintf(stderr, "FAIL: no ES 3.2 context\n");
        return 1;
    }
    printf("%s | %s\n", glGetString(GL_VERSION), glGetString(GL_RENDERER));
    GLuint tex, fb;
    glGenTextures(1, &tex);
    glBindTexture(GL_TEXTURE_2D, tex);
    glTexStorage2D(GL_TEXTURE_2D, 1, GL_RGBA8, 4, 4);
    glGenFramebuffers(1, &fb);
    glBindFramebuffer(GL_FRAMEBUFFER, fb);
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, tex, 0);
    glViewport(0, 0, 4, 4);
    GLuint p = glCreateProgram();
    glAttachShader(p, shader(GL_VERTEX_SHADER,
        "#version 320 es\n"
        "void main() {\n"
        "    vec2 v[3] = vec2[3](vec2(-1, -1), vec2(3, -1), vec2(-1, 3));\n"
        "    gl_Position = vec4(v[gl_VertexID], 0, 1);\n"
        "}\n"));
    glAttachShader(p, shader(GL_FRAGMENT_SHADER,
        "#version 320 es\nprecision mediump float;\n"
        "layout(blend_support_multiply) out;\nlayout(blend_support_screen) out;\n"
        "layout(location = 0) out vec4 o;\n"
        "void main() { o = vec4(0.5, 0.5, 0.0, 1.0); }\n"));
    glLinkProgram(p);
    glUseProgram(p);
    static const struct { GLenum eq; const char *name; unsigned want[3]; } cases[] = {
        { GL_MULTIPLY_KHR, "multiply", { 128, 64, 0 } },
        { GL_SCREEN_KHR, "screen", { 255, 192, 128 } },
    };
    int failures = 0;
    for (int i = 0; i < 2; i++) {
        glClearColor(1, 0.5f, 0.5f, 1);
        glClear(GL_COLOR_BUFFER_BIT);
        glEnable(GL_BLEND);
        glBlendEquation(cases[i].eq);
        glDrawArrays(GL_TRIANGLES, 0, 3);
        glBlendBarrier();
        unsigned char px[4];
        glReadPixels(1, 1, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, px);
        GLenum err = glGetError();
        bool ok = !err && near(px[0], cases[i].want[0]) && near(px[1], cases[i].want[1]) &&
                  near(px[2], cases[i].want[2]) && px[3] == 255;
        printf("%s %s: %u %u %u %u (GL error 0x%x)\n", ok ? "ok  " : "FAIL", cases[i].name, px[0],
               px[1], px[2], px[3], err);
        failures += !ok;
    }
    return failures ? 1 : 0;
}
