/* vtest_server.h: virgl-exec's vtest front end: a unix socket server that runs each client
 * on its own renderer (forked per client by default). */
#ifndef VTEST_SERVER_H
#define VTEST_SERVER_H

#include <stdbool.h>

struct vtest_server_opts {
    const char *socket_path;    /* default VTEST_DEFAULT_SOCKET */
    bool no_fork;               /* serve clients in-process, one at a time */
    bool once;                  /* exit after the first client ends */
    bool gles;                  /* GLES host context */
    int verbosity;              /* 0: errors and the start-up line; 1: a line per client
                                 * event; 2: the renderer's own (shaders, draws) too */
    const char *render_node;    /* --rendernode: the GPU, by its DRM render node */
    const char *record_path;    /* --record: trace of the first client; later ones PATH.N */
    const char *dump_dir;       /* --dump-shaders: every compiled variant's TGSI, key, GLSL */
    uint64_t client_memory_limit; /* vrend_renderer_opts.client_memory_limit */
    unsigned message_timeout;   /* seconds one client message may run before that client's
                                 * process is ended (0: no limit; not with no_fork) */
};

/* Checks the host (a renderer made and dropped in a child process) and the record path,
 * takes the socket (or the one systemd passes, LISTEN_FDS), says what it serves in one line
 * and serves until SIGINT/SIGTERM (or after one client with `once`).  A stop ends every
 * client's session between messages and waits for their processes, whose renderers are
 * torn down as at a disconnect (a second signal kills).  Returns the exit
 * status: 0, or 1 when the host or the socket could not be set up (or, with `once`, the
 * client was ended on an error). */
int vtest_server_run(const struct vtest_server_opts *opts);

/* Runs one connected client to its end on a fresh renderer; 0 when it disconnected
 * cleanly, 1 when it was ended on an error. */
int vtest_serve_client(int fd, const struct vtest_server_opts *opts, unsigned client_no);

#endif
