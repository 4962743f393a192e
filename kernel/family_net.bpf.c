// SPDX-License-Identifier: GPL-3.0-or-later
// Net family: sockets, addresses and connection tuples. Tuples come from the kernel socket: the local end from
// the socket, the remote end from the address the caller passed (connect, sendto, recvfrom, *msg) or else from
// the socket's peer. Outbound calls put the local end first, inbound calls the peer (scap-format.md 3.3).
#include "family_frame.bpf.h"

// user_msghdr field offsets (x86-64): msg_name, msg_namelen, msg_iov, msg_iovlen.
struct umsg {
    unsigned long name;
    __u32 namelen;
    unsigned long iov;
    unsigned long iovlen;
};

SYSCOPE_INLINE bool read_umsg(unsigned long uptr, struct umsg* m)
{
    __u64 raw[4] = {};
    if (!uptr || bpf_probe_read_user(&raw, sizeof(raw), (const void*)uptr) != 0)
        return false;
    m->name = raw[0];
    m->namelen = (__u32)raw[1];
    m->iov = raw[2];
    m->iovlen = raw[3];
    return true;
}

// Backlog of the listening socket, for accept's queue parameters.
SYSCOPE_INLINE void listen_queue(__s64 fd, __u32* len, __u32* max)
{
    *len = 0;
    *max = 0;
    struct socket* sock = fd_to_socket(fd);
    struct sock* sk = sock ? BPF_CORE_READ(sock, sk) : NULL;
    if (!sk)
        return;
    *len = BPF_CORE_READ(sk, sk_ack_backlog);
    *max = BPF_CORE_READ(sk, sk_max_ack_backlog);
}

SYSCOPE_INLINE bool net_enter(struct ev* e, __u16 type, struct pt_regs* regs)
{
    switch (type) {
    case EV_SOCKET_E:
    case EV_SOCKETPAIR_E:
        ev_start(e, type, 3);
        ev_u32(e, sc_arg(regs, 0)); // PPM families equal Linux's
        ev_u32(e, sc_arg(regs, 1));
        ev_u32(e, sc_arg(regs, 2));
        break;
    case EV_BIND_E:
    case EV_RECVMSG_E: ev_start_fd(e, type, 1, regs); break;
    case EV_CONNECT_E: {
        __s64 fd = fd_arg(sc_arg(regs, 0));
        ev_start_fd(e, type, 2, regs);
        if (fd >= 0)
            ev_sockaddr_from_user(e, sc_arg(regs, 1), sc_arg(regs, 2));
        else
            ev_empty(e);
        break;
    }
    case EV_LISTEN_E:
        ev_start_fd(e, type, 2, regs);
        ev_u32(e, sc_arg(regs, 1));
        break;
    case EV_RECVFROM_E:
        ev_start_fd(e, type, 2, regs);
        ev_u32(e, sc_arg(regs, 2));
        break;
    case EV_ACCEPT4_5_E:
        ev_start(e, type, 1);
        ev_u32(e, 0); // the drivers never reported accept4's flags
        break;
    case EV_SENDTO_E: {
        __s64 fd = fd_arg(sc_arg(regs, 0));
        ev_start_fd(e, type, 3, regs);
        ev_u32(e, sc_arg(regs, 2));
        ev_socktuple_addr(e, fd, false, sc_arg(regs, 4), sc_arg(regs, 5));
        break;
    }
    case EV_SENDMSG_E: {
        __s64 fd = fd_arg(sc_arg(regs, 0));
        struct umsg m = {};
        bool ok = read_umsg(sc_arg(regs, 1), &m);
        ev_start_fd(e, type, 3, regs);
        __u32 n = ok ? read_iovecs(e, m.iov, m.iovlen) : 0;
        ev_u32(e, iov_total(e, n));
        ev_socktuple_addr(e, fd, false, ok ? m.name : 0, m.namelen);
        break;
    }
    case EV_SHUTDOWN_E:
        ev_start_fd(e, type, 2, regs);
        ev_u8(e, sc_arg(regs, 1));
        break;
    case EV_ACCEPT_5_E:
    case EV_SENDMMSG_E:
    case EV_RECVMMSG_E:
    case EV_GETSOCKNAME_E:
    case EV_GETPEERNAME_E: ev_start(e, type, 0); break;
    default: return false;
    }
    return true;
}

SYSCOPE_INLINE bool net_exit(struct ev* e, __u16 type, struct pt_regs* regs, long ret)
{
    switch (type) {
    case EV_SOCKET_X:
    case EV_LISTEN_X:
    case EV_SHUTDOWN_X: ev_start_res(e, type, 1, ret); break;
    case EV_BIND_X:
        ev_start_res(e, type, 2, ret);
        ev_sockaddr_from_user(e, sc_arg(regs, 1), sc_arg(regs, 2));
        break;
    case EV_CONNECT_X: {
        __s64 fd = fd_arg(sc_arg(regs, 0));
        ev_start_res(e, type, 2, ret);
        struct user_addr ua = {};
        // The drivers report the tuple for any outcome, with the requested address as the remote end.
        if (fd >= 0 && read_user_addr(e, sc_arg(regs, 1), sc_arg(regs, 2), &ua))
            ev_socktuple(e, fd, false, &ua);
        else
            ev_empty(e);
        break;
    }
    case EV_ACCEPT_5_X:
    case EV_ACCEPT4_5_X: {
        __u32 qlen, qmax;
        listen_queue(fd_arg(sc_arg(regs, 0)), &qlen, &qmax);
        ev_start_res(e, type, 5, ret);
        if (ret >= 0)
            ev_socktuple(e, ret, true, NULL);
        else
            ev_empty(e);
        ev_u8(e, qmax ? (__u64)qlen * 100 / qmax : 0);
        ev_u32(e, qlen);
        ev_u32(e, qmax);
        break;
    }
    case EV_SENDTO_X:
        ev_start_res(e, type, 2, ret);
        ev_out_buf(e, sc_arg(regs, 1), ret, sc_arg(regs, 2));
        break;
    case EV_RECVFROM_X: {
        __s64 fd = fd_arg(sc_arg(regs, 0));
        ev_start_res(e, type, 3, ret);
        ev_io_buf(e, sc_arg(regs, 1), ret);
        if (ret >= 0)
            ev_socktuple_addr(e, fd, true, sc_arg(regs, 4), user_u32(sc_arg(regs, 5)));
        else
            ev_empty(e);
        break;
    }
    case EV_SENDMSG_X: {
        struct umsg m = {};
        bool ok = read_umsg(sc_arg(regs, 1), &m);
        ev_start_res(e, type, 2, ret);
        ev_out_iov(e, ok ? read_iovecs(e, m.iov, m.iovlen) : 0, ret);
        break;
    }
    case EV_RECVMSG_X: {
        __s64 fd = fd_arg(sc_arg(regs, 0));
        struct umsg m = {};
        bool ok = ret >= 0 && read_umsg(sc_arg(regs, 1), &m);
        ev_start_res(e, type, 4, ret);
        if (!ok) {
            ev_u32(e, 0);
            ev_empty(e);
            ev_empty(e);
            break;
        }
        ev_in_iov(e, read_iovecs(e, m.iov, m.iovlen), ret);
        ev_socktuple_addr(e, fd, true, m.name, m.namelen);
        break;
    }
    case EV_SOCKETPAIR_X: {
        __s32 fds[2] = {-1, -1};
        __u64 src = 0, peer = 0;
        if (ret >= 0) {
            bpf_probe_read_user(&fds, sizeof(fds), (const void*)sc_arg(regs, 3));
            struct socket* sock = fd_to_socket(fds[0]);
            struct sock* sk = sock ? BPF_CORE_READ(sock, sk) : NULL;
            if (sk) {
                src = (__u64)sk;
                peer = (__u64)BPF_CORE_READ((struct unix_sock*)sk, peer);
            }
        }
        ev_start_res(e, type, 5, ret);
        ev_u64(e, (__s64)fds[0]);
        ev_u64(e, (__s64)fds[1]);
        ev_u64(e, src);
        ev_u64(e, peer);
        break;
    }
    case EV_SENDMMSG_X:
    case EV_RECVMMSG_X:
    case EV_GETSOCKNAME_X:
    case EV_GETPEERNAME_X: ev_start(e, type, 0); break;
    default: return false;
    }
    return true;
}

SYSCOPE_FAMILY_PROGRAMS(net)
