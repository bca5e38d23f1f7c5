/* core_test_util.h: what the executor's C tests share: CHECK, which counts a failed
 * condition and goes on, HDR for command headers, and (for the tests of the core, vrend.h) resources that live in
 * one context as a vtest client's do: created in the renderer, attached to the context,
 * gone with it (ctx_done).  Each test is one translation unit including this once. */
#ifndef CORE_TEST_UTIL_H
#define CORE_TEST_UTIL_H

#include <stdio.h>

static int failures;

#define CHECK(c)                                                                   \
    do {                                                                           \
        if (!(c)) {                                                                \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #c);  \
            failures++;                                                            \
        }                                                                          \
    } while (0)

/* A virgl command header: id, object type, payload length in dwords. */
#define HDR(cmd, obj, len) ((uint32_t)(cmd) | ((uint32_t)(obj) << 8) | ((uint32_t)(len) << 16))

#ifdef VREND_H
static struct vrend_renderer *the_renderer;
static uint32_t created[256];
static unsigned num_created;

static int res_create(struct vrend_context *c, uint32_t handle,
                      const struct vrend_resource_desc *d, void *mem, size_t size)
{
    struct vrend_iovec iov = { mem, size };
    int ret = vrend_resource_create(the_renderer, handle, d, &iov, mem ? 1 : 0);
    if (ret == 0 && (ret = vrend_context_attach_resource(c, handle)) < 0)
        vrend_resource_unref(the_renderer, handle);
    if (ret == 0 && num_created < sizeof created / sizeof created[0])
        created[num_created++] = handle;
    return ret;
}

static void ctx_done(struct vrend_context *c)
{
    vrend_context_destroy(c);
    for (unsigned i = 0; i < num_created; i++)
        vrend_resource_unref(the_renderer, created[i]);
    num_created = 0;
}

static int xfer(const struct vrend_transfer *t) { return vrend_transfer(the_renderer, t, NULL, 0); }
static void res_unref(uint32_t handle) { vrend_resource_unref(the_renderer, handle); }
#endif

#endif
