// SPDX-License-Identifier: GPL-3.0-or-later
// The floor of any recording syscall tracer, for bench_overhead.sh: on the same sys_enter/sys_exit hooks as
// syscope's probe, reserve a 24-byte record in a ring buffer, put a timestamp in it and submit it without
// waking the reader. Failed reservations are counted as drops.
#include "vmlinux.h"

#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "GPL";

struct {
    __uint(type, BPF_MAP_TYPE_RINGBUF);
    __uint(max_entries, 16 << 20);
} min_ring SEC(".maps");

__u64 min_drops = 0;

static __always_inline void record(long what)
{
    __u64* r = bpf_ringbuf_reserve(&min_ring, 24, 0);
    if (!r) {
        __sync_fetch_and_add(&min_drops, 1);
        return;
    }
    r[0] = bpf_ktime_get_boot_ns();
    r[1] = what;
    r[2] = 0;
    bpf_ringbuf_submit(r, BPF_RB_NO_WAKEUP);
}

SEC("tp_btf/sys_enter")
int BPF_PROG(min_enter, struct pt_regs* regs, long id)
{
    record(id);
    return 0;
}

SEC("tp_btf/sys_exit")
int BPF_PROG(min_exit, struct pt_regs* regs, long ret)
{
    record(ret);
    return 0;
}
