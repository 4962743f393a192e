// SPDX-License-Identifier: GPL-3.0-or-later
// IPC family: pipes, eventfd, futex, signalfd, inotify, timerfd, userfaultfd. Most of these create fds the
// readers add to their tables, so the exits report the new fds.
#include "probe_common.bpf.h"

SEC("tp_btf/sys_enter")
int BPF_PROG(syscope_ipc_enter, struct pt_regs* regs, long id)
{
    if ((__u64)id >= SYSCOPE_SYSCALL_TABLE_SIZE)
        return 0;
    __u16 type = syscope_routes[id].enter_event;
    struct ev e;
    switch (type) {
    case EV_PIPE_E:
    case EV_USERFAULTFD_E:
        if (!ev_begin(&e, type, 0))
            return 0;
        break;
    case EV_EVENTFD_E:
        if (!ev_begin(&e, type, 2))
            return 0;
        ev_u64(&e, sc_arg(regs, 0));
        ev_u32(&e, 0); // the drivers never reported eventfd2's flags here
        break;
    case EV_FUTEX_E:
        if (!ev_begin(&e, type, 3))
            return 0;
        ev_u64(&e, sc_arg(regs, 0));
        ev_u16(&e, sc_arg(regs, 1) & 0x1ff); // PPM futex ops equal Linux's (command | PRIVATE | CLOCK_REALTIME)
        ev_u64(&e, sc_arg(regs, 2));
        break;
    case EV_SIGNALFD_E: {
        __u32 mask = 0;
        unsigned long m = sc_arg(regs, 1);
        if (m)
            bpf_probe_read_user(&mask, sizeof(mask), (const void*)m);
        if (!ev_begin(&e, type, 3))
            return 0;
        ev_u64(&e, fd_arg(sc_arg(regs, 0)));
        ev_u32(&e, mask);
        ev_u8(&e, 0);
        break;
    }
    case EV_INOTIFY_INIT_E:
        if (!ev_begin(&e, type, 1))
            return 0;
        ev_u8(&e, 0);
        break;
    case EV_TIMERFD_CREATE_E:
        if (!ev_begin(&e, type, 2))
            return 0;
        ev_u8(&e, sc_arg(regs, 0));
        ev_u8(&e, 0);
        break;
    default:
        emit_generic_for(id, true);
        return 0;
    }
    ev_submit(&e);
    return 0;
}

SEC("tp_btf/sys_exit")
int BPF_PROG(syscope_ipc_exit, struct pt_regs* regs, long ret)
{
    long id = sc_id_at_exit(regs);
    if ((__u64)id >= SYSCOPE_SYSCALL_TABLE_SIZE)
        return 0;
    __u16 type = syscope_routes[id].exit_event;
    struct ev e;
    switch (type) {
    case EV_PIPE_X: {
        __s32 fds[2] = {-1, -1};
        __u32 dev = 0;
        __u64 ino = 0;
        if (bpf_probe_read_user(&fds, sizeof(fds), (const void*)sc_arg(regs, 0)) != 0) {
            fds[0] = -1;
            fds[1] = -1;
        }
        if (ret == 0)
            fd_dev_ino(fds[0], &dev, &ino);
        if (!ev_begin(&e, type, 4))
            return 0;
        ev_u64(&e, ret);
        ev_u64(&e, (__s64)fds[0]);
        ev_u64(&e, (__s64)fds[1]);
        ev_u64(&e, ino);
        break;
    }
    case EV_EVENTFD_X:
    case EV_FUTEX_X:
    case EV_SIGNALFD_X:
    case EV_INOTIFY_INIT_X:
    case EV_TIMERFD_CREATE_X:
        if (!ev_begin(&e, type, 1))
            return 0;
        ev_u64(&e, ret);
        break;
    case EV_USERFAULTFD_X:
        if (!ev_begin(&e, type, 2))
            return 0;
        ev_u64(&e, ret);
        ev_u32(&e, sc_arg(regs, 0));
        break;
    default:
        emit_generic_for(id, false);
        return 0;
    }
    ev_submit(&e);
    return 0;
}
