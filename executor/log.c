/* log.c: the core's log lines (through vrend_renderer_opts.log, else stderr) and the
 * rejection of a guest's command, which marks its context broken.  A leaf every file uses. */
#include <stdarg.h>
#include <stdio.h>

#include "vrend_priv.h"

void vlog(struct vrend_renderer *r, enum vrend_log_level lvl, const char *fmt, ...)
{
    if (lvl > VREND_LOG_WARN && !(r && r->opts.verbose))
        return;
    char buf[16384];   /* shader sources and link logs are logged whole */
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (r && r->opts.log)
        r->opts.log(r->opts.log_user, lvl, buf);
    else
        fprintf(stderr, "virgl-exec: %s\n", buf);
}

bool ctx_err(struct vrend_context *ctx, const char *fmt, ...)
{
    char buf[900];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    vlog(ctx->r, VREND_LOG_ERROR, "context %s: rejected command: %s", ctx->name, buf);
    ctx->broken = true;
    return false;
}
