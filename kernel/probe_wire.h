// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the probe and its loader (syscope-capture) agree on: the layout of the load-time configuration, the
// per-syscall routing table, the per-CPU counters, and the record format in the ring buffers.
//
// Records: every ring-buffer record is one complete scap v2 event record (scap-format.md 2.1: ts, tid, len,
// type, nparams, u16 lengths, parameters), with the event ids and parameter lists of sysdig 0.29.3's table.
// The CPU is that of the ring buffer the record came from (one ring buffer per CPU), so user space only wraps
// each record in an event block.
//
// Included by BPF C (after vmlinux.h) and by C++ (after <linux/types.h>): fixed-width __uN types only.

#define SYSCOPE_SYSCALL_TABLE_SIZE 512
#define SYSCOPE_MAX_CPUS 256
#define SYSCOPE_MAX_IGNORED_PIDS 8

// Largest event the probe builds. Every parameter push is clipped so an event never grows past it; the
// scratch area is twice as large so that the verifier can prove any single write stays inside it.
#define SYSCOPE_MAX_EVENT_SIZE (32 * 1024)
#define SYSCOPE_SCRATCH_SIZE (2 * SYSCOPE_MAX_EVENT_SIZE)
// -s upper bound: I/O buffers are copied in one piece into the scratch area.
#define SYSCOPE_MAX_SNAPLEN 16000
#define SYSCOPE_DEFAULT_SNAPLEN 80

// Handler families: index of the tail-called program that fills an event's parameters. 0 is the generic
// event, filled inline by the dispatcher.
enum syscope_family {
    SYSCOPE_FAMILY_GENERIC = 0,
    SYSCOPE_FAMILY_FILE = 1,    // paths, metadata, open/close, directories, links, permissions
    SYSCOPE_FAMILY_IO = 2,      // read/write and their vectored, positioned and zero-copy variants
    SYSCOPE_FAMILY_NET = 3,     // sockets, addresses, connection tuples
    SYSCOPE_FAMILY_PROCESS = 4, // clone/fork/exec, ids, limits, signals sent, namespaces
    SYSCOPE_FAMILY_MEMORY = 5,  // mmap, munmap, mprotect, brk
    SYSCOPE_FAMILY_IPC = 6,     // pipes, eventfd, futex, signalfd, inotify, timerfd, semaphores
    SYSCOPE_FAMILY_TIME = 7,    // sleeping and waiting: nanosleep, poll, ppoll, select, epoll_wait
    SYSCOPE_FAMILY_COUNT = 8,
};

// One entry per syscall number, written by the loader into read-only data before the probe loads.
struct syscope_syscall_route {
    __u16 enter_event; // event id of the enter record (0 for generic)
    __u16 exit_event;  // event id of the exit record (1 for generic)
    __u16 ppm_sc;      // the generic events' ID parameter
    __u8 family;       // enum syscope_family; GENERIC fills ID/nativeID inline
    __u8 enabled;      // 0: the syscall is not captured at all
};

struct syscope_config {
    __u64 boot_time_ns;                            // CLOCK_REALTIME - CLOCK_BOOTTIME at load: event ts = boot ns + this
    __u32 snaplen;                                 // I/O buffer bytes kept (<= SYSCOPE_MAX_SNAPLEN)
    __u32 n_ignored;                               // used entries of ignored_tgids
    __u32 ignored_tgids[SYSCOPE_MAX_IGNORED_PIDS]; // processes whose events are not captured (the capture's own)
    __u8 capture_procexit;                         // emit procexit (186) from sched_process_exit
    __u8 capture_signals;                          // emit signaldeliver (232) from signal_deliver
    __u8 pad[6];
};

// Per-CPU counters, one cache line each so that CPUs do not share lines. Read by user space through the
// memory-mapped .bss.
struct syscope_cpu_counters {
    __u64 events;        // records handed to the ring buffer
    __u64 drops_full;    // records lost because the ring buffer was full (never waited for)
    __u64 drops_too_big; // records that outgrew SYSCOPE_MAX_EVENT_SIZE (should stay 0)
    __u64 pad[5];
};

// Ring buffer data region per CPU, a power of two multiple of the page size (the loader may change it).
#define SYSCOPE_DEFAULT_RING_BYTES (16u << 20)

// scap event header as the probe writes it (26 bytes, packed; scap-format.md 2.1).
#define SYSCOPE_EVENT_HEADER_SIZE 26
#define SYSCOPE_MAX_EVENT_PARAMS 32
