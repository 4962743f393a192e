// SPDX-License-Identifier: GPL-3.0-or-later
// Memory family: mmap, munmap, mprotect, brk. Exits that change the address space report the process's
// memory totals afterwards (KiB), as the drivers do.
#include "family_frame.bpf.h"

SYSCOPE_INLINE __u32 prot_to_ppm(unsigned long p)
{
    __u32 r = p & 0xf; // READ, WRITE, EXEC, SEM share their values
    if (p & 0x01000000)
        r |= 0x10; // PROT_GROWSDOWN
    if (p & 0x02000000)
        r |= 0x20; // PROT_GROWSUP
    return r;
}

SYSCOPE_INLINE __u32 mmap_flags_to_ppm(unsigned long f)
{
    __u32 r = 0;
    if (f & 0x01)
        r |= 0x1; // MAP_SHARED
    if (f & 0x02)
        r |= 0x2; // MAP_PRIVATE
    if (f & 0x10)
        r |= 0x4; // MAP_FIXED
    if (f & 0x20)
        r |= 0x8; // MAP_ANONYMOUS
    if (f & 0x40)
        r |= 0x10; // MAP_32BIT
    if (f & 0x4000)
        r |= 0x40; // MAP_NORESERVE
    if (f & 0x8000)
        r |= 0x80; // MAP_POPULATE
    if (f & 0x10000)
        r |= 0x100; // MAP_NONBLOCK
    if (f & 0x100)
        r |= 0x200; // MAP_GROWSDOWN
    if (f & 0x800)
        r |= 0x400; // MAP_DENYWRITE
    if (f & 0x1000)
        r |= 0x800; // MAP_EXECUTABLE
    if (f & 0x2000)
        r |= 0x4000; // MAP_LOCKED
    return r;
}

SYSCOPE_INLINE bool memory_enter(struct ev* e, __u16 type, struct pt_regs* regs)
{
    switch (type) {
    case EV_MMAP_E:
        ev_start(e, type, 6);
        ev_u64(e, sc_arg(regs, 0));
        ev_u64(e, sc_arg(regs, 1));
        ev_u32(e, prot_to_ppm(sc_arg(regs, 2)));
        ev_u32(e, mmap_flags_to_ppm(sc_arg(regs, 3)));
        ev_u64(e, fd_arg(sc_arg(regs, 4)));
        ev_u64(e, sc_arg(regs, 5));
        break;
    case EV_MUNMAP_E:
    case EV_MPROTECT_E:
        ev_start(e, type, type == EV_MPROTECT_E ? 3 : 2);
        ev_u64(e, sc_arg(regs, 0));
        ev_u64(e, sc_arg(regs, 1));
        if (type == EV_MPROTECT_E)
            ev_u32(e, prot_to_ppm(sc_arg(regs, 2)));
        break;
    case EV_BRK_E:
        ev_start(e, type, 1);
        ev_u64(e, sc_arg(regs, 0));
        break;
    default: return false;
    }
    return true;
}

SYSCOPE_INLINE bool memory_exit(struct ev* e, __u16 type, struct pt_regs* regs, long ret)
{
    switch (type) {
    case EV_MMAP_X:
    case EV_MUNMAP_X:
    case EV_BRK_X:
        ev_start_res(e, type, 4, ret);
        ev_vm_totals(e, BPF_CORE_READ(cur_task(), mm));
        break;
    case EV_MPROTECT_X: ev_start_res(e, type, 1, ret); break;
    default: return false;
    }
    return true;
}

SYSCOPE_FAMILY_PROGRAMS(memory)
