/* main.c: virgl-exec's command line: the vtest server (default) or the replay of a trace. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "replay.h"
#include "vrend.h"
#include "vtest_io.h"
#include "vtest_protocol.h"
#include "vtest_server.h"

static void usage(FILE *f)
{
    fprintf(f,
        "usage: virgl-exec [options]            serve vtest clients on a unix socket\n"
        "       virgl-exec --replay FILE [--gles] re-execute a recorded session\n"
        "\n"
        "  --socket-path PATH  listen on PATH (default " VTEST_DEFAULT_SOCKET "; a lock file\n"
        "                      PATH.lock keeps a second server off it).  Under systemd socket\n"
        "                      activation (LISTEN_FDS) the passed socket is served instead\n"
        "  --no-fork           serve clients in this process, one at a time (debugging)\n"
        "  --once              exit after the first client; the exit status says whether\n"
        "                      it was ended on an error\n"
        "  --no-loop-or-fork   both: one client, in this process\n"
        "  --gles, --use-gles  run on a GLES 3 host context\n"
        "  --rendernode PATH   run on the GPU of that DRM render node (EGL device platform);\n"
        "                      default: EGL surfaceless's choice\n"
        "  --record FILE       write a trace of the first client's session to FILE (later\n"
        "                      clients to FILE.1, FILE.2, ...); format in executor/record.h\n"
        "  --replay FILE       re-execute a trace without a client\n"
        "  --dump-shaders DIR  write every compiled shader variant to DIR: its TGSI (.tgsi),\n"
        "                      its key (.json) and its GLSL (.glsl), so that\n"
        "                      'tgsi2glsl --key X.json X.tgsi' writes X.glsl again\n"
        "  --client-memory MIB resource memory one client may hold, host storage plus guest\n"
        "                      backing (default 1024; 0: no limit); creations past it fail\n"
        "  --message-timeout S end a client whose single message (command buffer, transfer,\n"
        "                      wait) runs longer than S seconds (default 60; 0: no limit)\n"
        "  -v, --verbose       a line per client event; twice (-vv): the renderer's own\n"
        "                      lines too (shaders, rejected draws; VIRGL_EXEC_TRACE=1 adds\n"
        "                      every command's words)\n"
        "  -h, --help          this text\n"
        "  --use-egl-surfaceless, --multi-clients\n"
        "                      accepted for virgl_test_server's scripts: always so\n"
        "\n"
        "Errors are always logged, with the client they concern, and one line at start-up\n"
        "says what is served on which host GL.\n");
}

/* Accepts "--opt VALUE" and "--opt=VALUE". */
static const char *value_of(int argc, char **argv, int *i, const char *opt)
{
    size_t n = strlen(opt);
    if (strncmp(argv[*i], opt, n))
        return NULL;
    if (argv[*i][n] == '=')
        return argv[*i] + n + 1;
    if (argv[*i][n] == 0 && *i + 1 < argc)
        return argv[++*i];
    return NULL;
}

/* The host driver allocates and frees large blocks around every draw that changes
 * state (llvmpipe: each state change copies ~50 KB of shader context into the scene).
 * glibc gives the top of its heap back to the kernel whenever more than 128 KB are free
 * there, so each such draw paid for page faults on fresh memory.  The server keeps what it
 * freed instead: blocks up to MMAP_MAX come from the heap, and up to TRIM_KEEP of free heap
 * stays mapped (per client process).  VIRGL_EXEC_MALLOC_DEFAULT=1 keeps glibc's policy. */
static void tune_malloc(void)
{
    enum { MMAP_MAX = 4 << 20, TRIM_KEEP = 128 << 20 };
    const char *e = getenv("VIRGL_EXEC_MALLOC_DEFAULT");
    if (e && *e && strcmp(e, "0"))
        return;
    mallopt(M_MMAP_THRESHOLD, MMAP_MAX);
    mallopt(M_TRIM_THRESHOLD, TRIM_KEEP);
}

int main(int argc, char **argv)
{
    tune_malloc();
    struct vtest_server_opts o = { .socket_path = VTEST_DEFAULT_SOCKET, .message_timeout = 60 };
    const char *replay = NULL, *v;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--no-fork"))
            o.no_fork = true;
        else if (!strcmp(a, "--once"))
            o.once = true;
        else if (!strcmp(a, "--no-loop-or-fork"))
            o.no_fork = o.once = true;
        else if (!strcmp(a, "--gles") || !strcmp(a, "--use-gles"))
            o.gles = true;
        else if (!strcmp(a, "--verbose") || !strcmp(a, "-v"))
            o.verbosity++;
        else if (!strcmp(a, "-vv"))
            o.verbosity += 2;
        else if (!strcmp(a, "--use-egl-surfaceless") || !strcmp(a, "--multi-clients"))
            ;
        else if (!strcmp(a, "--use-glx")) {
            fprintf(stderr, "virgl-exec: --use-glx: only EGL hosts are served (surfaceless or "
                            "--rendernode)\n");
            return 2;
        }
        else if ((v = value_of(argc, argv, &i, "--rendernode")))
            o.render_node = v;
        else if ((v = value_of(argc, argv, &i, "--socket-path")))
            o.socket_path = v;
        else if ((v = value_of(argc, argv, &i, "--record")))
            o.record_path = v;
        else if ((v = value_of(argc, argv, &i, "--replay")))
            replay = v;
        else if ((v = value_of(argc, argv, &i, "--dump-shaders")))
            o.dump_dir = v;
        else if ((v = value_of(argc, argv, &i, "--client-memory"))) {
            char *end;
            errno = 0;
            unsigned long long mib = strtoull(v, &end, 10);
            if (errno || end == v || *end || mib > (UINT64_MAX >> 20)) {
                fprintf(stderr, "virgl-exec: --client-memory takes MiB, not '%s'\n", v);
                return 2;
            }
            o.client_memory_limit = mib ? (uint64_t)mib << 20 : UINT64_MAX;
        }
        else if ((v = value_of(argc, argv, &i, "--message-timeout"))) {
            char *end;
            errno = 0;
            unsigned long secs = strtoul(v, &end, 10);
            if (errno || end == v || *end || secs > 86400) {
                fprintf(stderr, "virgl-exec: --message-timeout takes seconds (0-86400), not '%s'\n", v);
                return 2;
            }
            o.message_timeout = (unsigned)secs;
        }
        else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            return 0;
        } else {
            fprintf(stderr, "virgl-exec: unknown or incomplete option %s\n", a);
            usage(stderr);
            return 2;
        }
    }
    vtest_log_verbose = o.verbosity >= 1;
    if (replay) {
        struct vrend_renderer_opts ro = { .gles = o.gles, .verbose = o.verbosity >= 1,
                                          .client_memory_limit = o.client_memory_limit,
                                          .render_node = o.render_node };
        return vtest_replay(replay, &ro);
    }
    return vtest_server_run(&o);
}
