// SPDX-License-Identifier: GPL-3.0-or-later
// Memory family: mmap, munmap, mprotect, brk. Exits that change the address space report the process's
// memory totals afterwards (KiB), as the drivers do.
#include "probe_common.bpf.h"

SYSCOPE_INLINE __u32 prot_to_ppm(unsigned long p)
{
    __u32 r = p & 0xf; // READ, WRITE, EXEC, SEM share their values
    if (p & 0x01000000) r |= 0x10; // PROT_GROWSDOWN
    if (p & 0x02000000) r |= 0x20; // PROT_GROWSUP
    return r;
}

SYSCOPE_INLINE __u32 mmap_flags_to_ppm(unsigned long f)
{
    __u32 r = 0;
    if (f & 0x01) r |= 0x1;      // MAP_SHARED
    if (f & 0x02) r |= 0x2;      // MAP_PRIVATE
    if (f & 0x10) r |= 0x4;      // MAP_FIXED
    if (f & 0x20) r |= 0x8;      // MAP_ANONYMOUS
    if (f & 0x40) r |= 0x10;     // MAP_32BIT
    if (f & 0x4000) r |= 0x40;   // MAP_NORESERVE
    if (f & 0x8000) r |= 0x80;   // MAP_POPULATE
    if (f & 0x10000) r |= 0x100; // MAP_NONBLOCK
    if (f & 0x100) r |= 0x200;   // MAP_GROWSDOWN
    if (f & 0x800) r |= 0x400;   // MAP_DENYWRITE
    if (f & 0x1000) r |= 0x800;  // MAP_EXECUTABLE
    if (f & 0x2000) r |= 0x4000; // MAP_LOCKED
    return r;
}

SEC("tp_btf/sys_enter")
int BPF_PROG(syscope_memory_enter, struct pt_regs* regs, long id)
{
    if ((__u64)id >= SYSCOPE_SYSCALL_TABLE_SIZE)
        return 0;
    __u16 type = syscope_routes[id].enter_event;
    struct ev e;
    switch (type) {
    case EV_MMAP_E:
        if (!ev_begin(&e, type, 6))
            return 0;
        ev_u64(&e, sc_arg(regs, 0));
        ev_u64(&e, sc_arg(regs, 1));
        ev_u32(&e, prot_to_ppm(sc_arg(regs, 2)));
        ev_u32(&e, mmap_flags_to_ppm(sc_arg(regs, 3)));
        ev_u64(&e, fd_arg(sc_arg(regs, 4)));
        ev_u64(&e, sc_arg(regs, 5));
        break;
    case EV_MUNMAP_E:
        if (!ev_begin(&e, type, 2))
            return 0;
        ev_u64(&e, sc_arg(regs, 0));
        ev_u64(&e, sc_arg(regs, 1));
        break;
    case EV_MPROTECT_E:
        if (!ev_begin(&e, type, 3))
            return 0;
        ev_u64(&e, sc_arg(regs, 0));
        ev_u64(&e, sc_arg(regs, 1));
        ev_u32(&e, prot_to_ppm(sc_arg(regs, 2)));
        break;
    case EV_BRK_E:
        if (!ev_begin(&e, type, 1))
            return 0;
        ev_u64(&e, sc_arg(regs, 0));
        break;
    default:
        emit_generic_for(id, true);
        return 0;
    }
    ev_submit(&e);
    return 0;
}

SEC("tp_btf/sys_exit")
int BPF_PROG(syscope_memory_exit, struct pt_regs* regs, long ret)
{
    long id = sc_id_at_exit(regs);
    if ((__u64)id >= SYSCOPE_SYSCALL_TABLE_SIZE)
        return 0;
    __u16 type = syscope_routes[id].exit_event;
    struct ev e;
    switch (type) {
    case EV_MMAP_X:
    case EV_MUNMAP_X:
    case EV_BRK_X:
        if (!ev_begin(&e, type, 4))
            return 0;
        ev_u64(&e, ret);
        ev_vm_totals(&e, BPF_CORE_READ(cur_task(), mm));
        break;
    case EV_MPROTECT_X:
        if (!ev_begin(&e, type, 1))
            return 0;
        ev_u64(&e, ret);
        break;
    default:
        emit_generic_for(id, false);
        return 0;
    }
    ev_submit(&e);
    return 0;
}
