// A slow disk, for the harness: preloaded into a run (LD_PRELOAD), every fsync(2) and fdatasync(2) of the processes
// sleeps SLOW_FSYNC_MS milliseconds (default 1000) before it syncs, and, with SLOW_FSYNC_LOG=FILE, appends one line per
// call to FILE: time, pid, tid, thread name, call, file synced, and how long the real sync took (µs). Built and used by
// tools/slow-fsync.sh.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static long long micros(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (long long)now.tv_sec * 1000000 + now.tv_nsec / 1000;
}

static void slow(void)
{
    const char *ms = getenv("SLOW_FSYNC_MS");
    long delay = ms != NULL ? atol(ms) : 1000;
    struct timespec pause = {delay / 1000, (delay % 1000) * 1000000L};
    nanosleep(&pause, NULL);
}

static void record(int fd, const char *call, long long tookMicros)
{
    const char *log = getenv("SLOW_FSYNC_LOG");
    if (log == NULL) {
        return;
    }
    char name[17] = {0}, link[64], target[512] = {0};
    prctl(PR_GET_NAME, name, 0, 0, 0);
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    if (readlink(link, target, sizeof target - 1) < 0) {
        target[0] = '?';
    }
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    FILE *f = fopen(log, "a");
    if (f != NULL) {
        fprintf(f, "%ld.%03ld %d %ld %s\t%s %s %lld\n", (long)now.tv_sec, now.tv_nsec / 1000000, getpid(),
                (long)syscall(SYS_gettid), name, call, target, tookMicros);
        fclose(f);
    }
}

int fsync(int fd)
{
    static int (*real)(int);
    if (real == NULL) {
        real = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
    }
    slow();
    long long started = micros();
    int rc = real(fd);
    record(fd, "fsync", micros() - started);
    return rc;
}

int fdatasync(int fd)
{
    static int (*real)(int);
    if (real == NULL) {
        real = (int (*)(int))dlsym(RTLD_NEXT, "fdatasync");
    }
    slow();
    long long started = micros();
    int rc = real(fd);
    record(fd, "fdatasync", micros() - started);
    return rc;
}
