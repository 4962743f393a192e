// SPDX-License-Identifier: GPL-3.0-or-later
// Time family: calls that sleep or wait (nanosleep, poll, ppoll, select, epoll_wait), with their timeouts and,
// for poll, the fds waited on (enter: requested events) and the fds that became ready (exit: returned events).
#include "family_frame.bpf.h"

#define MAX_POLLFDS 16

SYSCOPE_INLINE __u16 poll_events_to_ppm(__u16 ev)
{
    __u16 r = ev & 0x7; // POLLIN, POLLPRI, POLLOUT
    if (ev & 0x008)
        r |= 0x10; // POLLERR
    if (ev & 0x010)
        r |= 0x20; // POLLHUP
    if (ev & 0x020)
        r |= 0x40; // POLLNVAL
    if (ev & 0x040)
        r |= 0x80; // POLLRDNORM
    if (ev & 0x080)
        r |= 0x100; // POLLRDBAND
    if (ev & 0x100)
        r |= 0x200; // POLLWRNORM
    if (ev & 0x200)
        r |= 0x400; // POLLWRBAND
    if (ev & 0x2000)
        r |= 0x8; // POLLRDHUP
    return r;
}

struct pollfd_copy {
    struct ev* e;
    __u32 nfds;  // pollfds read into the upper scratch half
    __u16 count; // entries written
    bool enter;
};

// One pollfd per call. A plain loop made the verifier walk every combination of fds with and without returned
// events (the exit program came within a few percent of its instruction limit); bpf_loop has it check the
// body, not each path through the whole array.
static long pollfd_copy_one(__u64 i, void* data)
{
    struct pollfd_copy* c = data;
    if (i >= c->nfds)
        return 1;
    const __u8* pfd = c->e->buf + SCRATCH_TEMP + (i & (MAX_POLLFDS - 1)) * 8;
    __s32 fd = *(__s32*)pfd;
    __u16 events = *(__u16*)(pfd + (c->enter ? 4 : 6));
    if (!c->enter && !events)
        return 0;
    ev_raw_u64(c->e, (__s64)fd);
    ev_raw_u16(c->e, poll_events_to_ppm(events));
    c->count++;
    return 0;
}

// FDLIST: u16 count, then (i64 fd, i16 flags) per entry. At exit only the fds with returned events.
SYSCOPE_INLINE void ev_pollfds(struct ev* e, unsigned long ufds, unsigned long nfds, bool enter)
{
    if (nfds > MAX_POLLFDS)
        nfds = MAX_POLLFDS;
    __u64 bytes = nfds * 8;
    SYSCOPE_BOUND(bytes, 255);
    if (!ufds || bytes == 0 || ev_room(e) < 2 + 10 * MAX_POLLFDS ||
        bpf_probe_read_user(e->buf + SCRATCH_TEMP, bytes, (const void*)ufds) != 0)
        nfds = 0;
    __u32 start = e->pos;
    e->pos += 2;
    struct pollfd_copy c = {.e = e, .nfds = nfds, .count = 0, .enter = enter};
    bpf_loop(MAX_POLLFDS, pollfd_copy_one, &c, 0);
    *(__u16*)(e->buf + SAFE_OFF(start)) = c.count;
    ev_len(e, e->pos - start);
}

SYSCOPE_INLINE __u64 user_timespec_ns(unsigned long uptr)
{
    __s64 ts[2] = {};
    if (!uptr || bpf_probe_read_user(&ts, sizeof(ts), (const void*)uptr) != 0)
        return 0;
    return ts[0] * 1000000000ull + ts[1];
}

SYSCOPE_INLINE bool time_enter(struct ev* e, __u16 type, struct pt_regs* regs)
{
    switch (type) {
    case EV_NANOSLEEP_E:
        ev_start(e, type, 1);
        ev_u64(e, user_timespec_ns(sc_arg(regs, 0)));
        break;
    case EV_POLL_E:
        ev_start(e, type, 2);
        ev_pollfds(e, sc_arg(regs, 0), sc_arg(regs, 1), true);
        ev_u64(e, (__s32)sc_arg(regs, 2));
        break;
    case EV_PPOLL_E: {
        __u32 sigmask = user_u32(sc_arg(regs, 3));
        ev_start(e, type, 3);
        ev_pollfds(e, sc_arg(regs, 0), sc_arg(regs, 1), true);
        ev_u64(e, user_timespec_ns(sc_arg(regs, 2)));
        ev_u32(e, sigmask);
        break;
    }
    case EV_EPOLLWAIT_E:
        ev_start(e, type, 1);
        ev_u64(e, (__s32)sc_arg(regs, 2));
        break;
    case EV_SELECT_E: ev_start(e, type, 0); break;
    default: return false;
    }
    return true;
}

SYSCOPE_INLINE bool time_exit(struct ev* e, __u16 type, struct pt_regs* regs, long ret)
{
    switch (type) {
    case EV_POLL_X:
    case EV_PPOLL_X:
        ev_start_res(e, type, 2, ret);
        ev_pollfds(e, sc_arg(regs, 0), sc_arg(regs, 1), false);
        break;
    case EV_NANOSLEEP_X:
    case EV_SELECT_X:
    case EV_EPOLLWAIT_X: ev_start_res(e, type, 1, ret); break;
    default: return false;
    }
    return true;
}

SYSCOPE_FAMILY_PROGRAMS(time)
