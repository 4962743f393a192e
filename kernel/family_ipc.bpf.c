// SPDX-License-Identifier: GPL-3.0-or-later
// IPC family: pipes, eventfd, futex, signalfd, inotify, timerfd, userfaultfd. Most of these create fds the
// readers add to their tables, so the exits report the new fds.
#include "family_frame.bpf.h"

SYSCOPE_INLINE bool ipc_enter(struct ev* e, __u16 type, struct pt_regs* regs)
{
    switch (type) {
    case EV_PIPE_E:
    case EV_USERFAULTFD_E: ev_start(e, type, 0); break;
    case EV_EVENTFD_E:
        ev_start(e, type, 2);
        ev_u64(e, sc_arg(regs, 0));
        ev_u32(e, 0); // the drivers never reported eventfd2's flags here
        break;
    case EV_FUTEX_E:
        ev_start(e, type, 3);
        ev_u64(e, sc_arg(regs, 0));
        ev_u16(e, sc_arg(regs, 1) & 0x1ff); // PPM futex ops equal Linux's (command | PRIVATE | CLOCK_REALTIME)
        ev_u64(e, sc_arg(regs, 2));
        break;
    case EV_SIGNALFD_E: {
        __u32 mask = user_u32(sc_arg(regs, 1));
        ev_start_fd(e, type, 3, regs);
        ev_u32(e, mask);
        ev_u8(e, 0);
        break;
    }
    case EV_INOTIFY_INIT_E:
        ev_start(e, type, 1);
        ev_u8(e, 0);
        break;
    case EV_TIMERFD_CREATE_E:
        ev_start(e, type, 2);
        ev_u8(e, sc_arg(regs, 0));
        ev_u8(e, 0);
        break;
    default: return false;
    }
    return true;
}

SYSCOPE_INLINE bool ipc_exit(struct ev* e, __u16 type, struct pt_regs* regs, long ret)
{
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
        ev_start_res(e, type, 4, ret);
        ev_u64(e, (__s64)fds[0]);
        ev_u64(e, (__s64)fds[1]);
        ev_u64(e, ino);
        break;
    }
    case EV_EVENTFD_X:
    case EV_FUTEX_X:
    case EV_SIGNALFD_X:
    case EV_INOTIFY_INIT_X:
    case EV_TIMERFD_CREATE_X: ev_start_res(e, type, 1, ret); break;
    case EV_USERFAULTFD_X:
        ev_start_res(e, type, 2, ret);
        ev_u32(e, sc_arg(regs, 0));
        break;
    default: return false;
    }
    return true;
}

SYSCOPE_FAMILY_PROGRAMS(ipc)
