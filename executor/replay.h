/* replay.h: re-executes a recorded vtest session (see record.h). */
#ifndef VTEST_REPLAY_H
#define VTEST_REPLAY_H

struct vrend_renderer_opts;

/* Prints one line saying how far the trace ran.  Returns 0 when it reached its END record
 * without an error (and the recorded client was not ended on one), else 1. */
int vtest_replay(const char *path, const struct vrend_renderer_opts *ro);

#endif
