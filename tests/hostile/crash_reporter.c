/* LD_PRELOADed into a vtest server by run-hostile.sh: a crash in the server or in any client
 * process it forks leaves one line in the log, even where the server reaps its children
 * without a word (virgl_test_server).  Under a sanitizer it stays out of the way: the
 * sanitizer's own report is better. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* RTLD_DEFAULT */
#endif
#include <dlfcn.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void put_num(char *buf, size_t *n, long v)
{
    char tmp[24];
    size_t k = 0;
    if (v < 0) {
        buf[(*n)++] = '-';
        v = -v;
    }
    do
        tmp[k++] = (char)('0' + v % 10);
    while ((v /= 10) && k < sizeof(tmp));
    while (k)
        buf[(*n)++] = tmp[--k];
}

/* Only async-signal-safe calls: the process is in an unknown state. */
static void on_fatal(int sig)
{
    char buf[128];
    size_t n = 0;
    const char *head = "hostile-crash-reporter: pid ";
    memcpy(buf, head, strlen(head));
    n += strlen(head);
    put_num(buf, &n, (long)getpid());
    memcpy(buf + n, " signal ", 8);
    n += 8;
    put_num(buf, &n, sig);
    buf[n++] = '\n';
    ssize_t w = write(STDERR_FILENO, buf, n);
    (void)w;
    signal(sig, SIG_DFL);
    raise(sig);
}

__attribute__((constructor)) static void install(void)
{
    if (dlsym(RTLD_DEFAULT, "__asan_init") || dlsym(RTLD_DEFAULT, "__ubsan_handle_add_overflow"))
        return;
    /* An alternate stack so that a stack overflow is reported too. */
    static char alt[64 * 1024];
    stack_t ss = { .ss_sp = alt, .ss_size = sizeof(alt) };
    sigaltstack(&ss, NULL);
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_fatal;
    sa.sa_flags = SA_ONSTACK | SA_RESETHAND | SA_NODEFER;
    static const int sigs[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT };
    for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
        sigaction(sigs[i], &sa, NULL);
}

/* Libraries stay loaded until exit: the host GL stack unloads its driver when a client's
 * context ends, and LeakSanitizer then cannot name the module that made an allocation
 * ("<unknown module>"), so lsan.supp's rules for Mesa and LLVM could not apply and Mesa's
 * process-lifetime allocations were reported as the server's leaks. */
int dlclose(void *handle)
{
    (void)handle;
    return 0;
}
