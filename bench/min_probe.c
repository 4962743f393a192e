// SPDX-License-Identifier: GPL-3.0-or-later
// Loads min_probe.bpf.c (through its skeleton), drains its ring buffer every millisecond until SIGINT or
// SIGTERM, then prints "min_probe records=<n> drops=<n>". Prints "ready" on stderr once attached.
#include <bpf/libbpf.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "min_probe.skel.h"

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
    (void)sig;
    stop = 1;
}

static int count(void* ctx, void* data, size_t size)
{
    (void)data;
    (void)size;
    ++*(unsigned long long*)ctx;
    return 0;
}

int main(void)
{
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    struct min_probe* skel = min_probe__open_and_load();
    if (!skel || min_probe__attach(skel)) {
        fprintf(stderr, "min_probe: cannot load or attach\n");
        return 1;
    }
    unsigned long long records = 0;
    struct ring_buffer* rb = ring_buffer__new(bpf_map__fd(skel->maps.min_ring), count, &records, NULL);
    if (!rb) {
        fprintf(stderr, "min_probe: cannot open the ring buffer\n");
        return 1;
    }
    fprintf(stderr, "ready\n");
    while (!stop) {
        ring_buffer__consume(rb);
        usleep(1000);
    }
    min_probe__detach(skel);
    ring_buffer__consume(rb);
    printf("min_probe records=%llu drops=%llu\n", records, (unsigned long long)skel->bss->min_drops);
    ring_buffer__free(rb);
    min_probe__destroy(skel);
    return 0;
}
