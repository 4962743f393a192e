// SPDX-License-Identifier: GPL-3.0-or-later
// The traced workload of bench_overhead.sh: N getppid calls, then M writes of 4 KiB to a file (rewound every
// 1 MiB so that the file stays small). Prints, per phase, the wall time and the process's CPU time (user +
// system, which includes the probe programs run at each syscall) per call, as
//   getppid <calls> <wall ns/call> <cpu ns/call>
//   write4k <calls> <wall ns/call> <cpu ns/call>
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static double wall(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e9 + t.tv_nsec;
}

static double cpu(void)
{
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return (u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1e9 + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) * 1e3;
}

int main(int argc, char** argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: syscall_loop GETPPID_CALLS WRITE_CALLS FILE\n");
        return 2;
    }
    long n = atol(argv[1]), m = atol(argv[2]);
    double w0 = wall(), c0 = cpu();
    for (long i = 0; i < n; i++)
        syscall(SYS_getppid);
    double w1 = wall(), c1 = cpu();
    if (n)
        printf("getppid %ld %.1f %.1f\n", n, (w1 - w0) / n, (c1 - c0) / n);

    static char buf[4096];
    memset(buf, 'x', sizeof buf);
    int fd = open(argv[3], O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) {
        perror(argv[3]);
        return 1;
    }
    w0 = wall();
    c0 = cpu();
    for (long i = 0; i < m; i++) {
        if (i % 256 == 0)
            lseek(fd, 0, SEEK_SET);
        if (write(fd, buf, sizeof buf) != (ssize_t)sizeof buf) {
            perror("write");
            return 1;
        }
    }
    w1 = wall();
    c1 = cpu();
    close(fd);
    if (m)
        printf("write4k %ld %.1f %.1f\n", m, (w1 - w0) / m, (c1 - c0) / m);
    return 0;
}
