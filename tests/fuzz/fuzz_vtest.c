/* Fuzz target: virgl-exec's vtest message framing and session dispatcher
 * (executor/vtest_session.h) on a byte stream, as the server runs a socket's bytes, minus the
 * socket: replies are dropped and shared memory is anonymous.  Seeds are recorded sessions. */
#include <string.h>

#include "fuzz_renderer.h"
#include "executor/vrend.h"
#include "executor/vtest_session.h"

static struct vrend_renderer *renderer;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return fuzz_renderer_init("fuzz_vtest", &renderer);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct vtest_session_opts opts = { .renderer = renderer, .out_fd = -1 };
    struct vtest_session *s = vtest_session_create(&opts);
    if (!s)
        return 0;
    char err[256];
    size_t pos = 0;
    /* The server's loop: header, head, tail, dispatch; the first refusal ends the client. */
    while (size - pos >= 8) {
        uint32_t hdr[2];
        memcpy(hdr, data + pos, 8);
        size_t head, tail;
        if (vtest_frame_head(hdr, &head, err, sizeof(err)) != 0 || head > size - pos - 8)
            break;
        if (vtest_frame_tail(hdr, data + pos + 8, &tail, err, sizeof(err)) != 0 ||
            tail > size - pos - 8 - head)
            break;
        size_t len = 8 + head + tail;
        if (len > VTEST_MAX_MESSAGE) {
            fuzz_finding("framing accepted a %zu-byte message (limit %u)", len,
                         VTEST_MAX_MESSAGE);
            break;
        }
        /* An exact-size copy, as the server reads each message into its own buffer. */
        uint8_t *msg = malloc(len);
        if (!msg)
            break;
        memcpy(msg, data + pos, len);
        int rc = vtest_session_dispatch(s, msg, len);
        free(msg);
        if (rc != 0)
            break;
        pos += len;
    }
    vtest_session_destroy(s);
    return 0;
}
