// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What every family program is made of besides its own events: the pair of tail-called programs around the
// family's fill functions, and the way enter and exit records of syscalls commonly start.
//
// A family file defines
//   bool NAME_enter(struct ev* e, __u16 type, struct pt_regs* regs)
//   bool NAME_exit(struct ev* e, __u16 type, struct pt_regs* regs, long ret)
// which, for an event `type` the loader routed to the family, start its record (ev_start and the starters
// below) and push its parameters, and return false for any other event; then SYSCOPE_FAMILY_PROGRAMS(NAME).
#include "probe_common.bpf.h"

// Paths are read up to a page, as the drivers do.
#define PATH_MAX_BYTES 4096

// The programs syscope_NAME_enter and syscope_NAME_exit, the names the loader installs in the tail-call
// tables. A macro because each program must be a section-tagged function of its own. The scratch area is
// looked up before the fill function runs, so that its cases only start the record. An event the fill
// function does not know is recorded as the generic pair, so that nothing the dispatcher routed here is lost.
#define SYSCOPE_FAMILY_PROGRAMS(name)                                                                                  \
    SEC("tp_btf/sys_enter")                                                                                            \
    int BPF_PROG(syscope_##name##_enter, struct pt_regs* regs, long id)                                                \
    {                                                                                                                  \
        struct ev e;                                                                                                   \
        if ((__u64)id >= SYSCOPE_SYSCALL_TABLE_SIZE || !ev_init(&e))                                                   \
            return 0;                                                                                                  \
        if (name##_enter(&e, syscope_routes[id].enter_event, regs))                                                    \
            ev_submit(&e);                                                                                             \
        else                                                                                                           \
            emit_generic_for(id, true);                                                                                \
        return 0;                                                                                                      \
    }                                                                                                                  \
                                                                                                                       \
    SEC("tp_btf/sys_exit")                                                                                             \
    int BPF_PROG(syscope_##name##_exit, struct pt_regs* regs, long ret)                                                \
    {                                                                                                                  \
        long id = sc_id_at_exit(regs);                                                                                 \
        struct ev e;                                                                                                   \
        if ((__u64)id >= SYSCOPE_SYSCALL_TABLE_SIZE || !ev_init(&e))                                                   \
            return 0;                                                                                                  \
        if (name##_exit(&e, syscope_routes[id].exit_event, regs, ret))                                                 \
            ev_submit(&e);                                                                                             \
        else                                                                                                           \
            emit_generic_for(id, false);                                                                               \
        return 0;                                                                                                      \
    }

// Exit records open with the syscall's result.
SYSCOPE_INLINE void ev_start_res(struct ev* e, __u16 type, __u32 nparams, long ret)
{
    ev_start(e, type, nparams);
    ev_u64(e, ret);
}

// Enter records of calls on a file descriptor open with it (the first argument).
SYSCOPE_INLINE void ev_start_fd(struct ev* e, __u16 type, __u32 nparams, struct pt_regs* regs)
{
    ev_start(e, type, nparams);
    ev_u64(e, fd_arg(sc_arg(regs, 0)));
}

// A path argument, as the process passed it.
SYSCOPE_INLINE void ev_path_arg(struct ev* e, struct pt_regs* regs, int n)
{
    ev_user_str(e, sc_arg(regs, n), PATH_MAX_BYTES);
}

// The *at calls name a file by a directory fd (argument n) and a path relative to it (argument n + 1).
SYSCOPE_INLINE void ev_dirfd_path(struct ev* e, struct pt_regs* regs, int n)
{
    ev_u64(e, dirfd_arg(sc_arg(regs, n)));
    ev_path_arg(e, regs, n + 1);
}
