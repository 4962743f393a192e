// SPDX-License-Identifier: GPL-3.0-or-later
// I/O family: read/write and their positioned, vectored and zero-copy variants, lseek. Data buffers keep the
// first snaplen bytes: of what was read (res bytes) or of what the caller asked to write (res bytes, or the
// requested size when the write failed), as sysdig's drivers do.
#include "probe_common.bpf.h"

SEC("tp_btf/sys_enter")
int BPF_PROG(syscope_io_enter, struct pt_regs* regs, long id)
{
    if ((__u64)id >= SYSCOPE_SYSCALL_TABLE_SIZE)
        return 0;
    __u16 type = syscope_routes[id].enter_event;
    struct ev e;
    switch (type) {
    case EV_READ_E:
    case EV_WRITE_E:
        if (!ev_begin(&e, type, 2))
            return 0;
        ev_u64(&e, fd_arg(sc_arg(regs, 0)));
        ev_u32(&e, sc_arg(regs, 2));
        break;
    case EV_PREAD_E:
    case EV_PWRITE_E:
        if (!ev_begin(&e, type, 3))
            return 0;
        ev_u64(&e, fd_arg(sc_arg(regs, 0)));
        ev_u32(&e, sc_arg(regs, 2));
        ev_u64(&e, sc_arg(regs, 3));
        break;
    case EV_READV_E:
        if (!ev_begin(&e, type, 1))
            return 0;
        ev_u64(&e, fd_arg(sc_arg(regs, 0)));
        break;
    case EV_PREADV_E:
        if (!ev_begin(&e, type, 2))
            return 0;
        ev_u64(&e, fd_arg(sc_arg(regs, 0)));
        ev_u64(&e, sc_arg(regs, 3));
        break;
    case EV_WRITEV_E:
    case EV_PWRITEV_E: {
        if (!ev_begin(&e, type, type == EV_WRITEV_E ? 2 : 3))
            return 0;
        __u32 n = read_iovecs(&e, sc_arg(regs, 1), sc_arg(regs, 2));
        ev_u64(&e, fd_arg(sc_arg(regs, 0)));
        ev_u32(&e, iov_total(&e, n));
        if (type == EV_PWRITEV_E)
            ev_u64(&e, sc_arg(regs, 3));
        break;
    }
    case EV_LSEEK_E:
        if (!ev_begin(&e, type, 3))
            return 0;
        ev_u64(&e, fd_arg(sc_arg(regs, 0)));
        ev_u64(&e, sc_arg(regs, 1));
        ev_u8(&e, sc_arg(regs, 2));
        break;
    case EV_SENDFILE_E:
        if (!ev_begin(&e, type, 4))
            return 0;
        ev_u64(&e, fd_arg(sc_arg(regs, 0)));
        ev_u64(&e, fd_arg(sc_arg(regs, 1)));
        ev_u64(&e, user_u64(sc_arg(regs, 2)));
        ev_u64(&e, sc_arg(regs, 3));
        break;
    case EV_SPLICE_E:
        if (!ev_begin(&e, type, 4))
            return 0;
        ev_u64(&e, fd_arg(sc_arg(regs, 0)));
        ev_u64(&e, fd_arg(sc_arg(regs, 2)));
        ev_u64(&e, sc_arg(regs, 4));
        ev_u32(&e, sc_arg(regs, 5) & 0xf);
        break;
    case EV_COPY_FILE_RANGE_E:
        if (!ev_begin(&e, type, 3))
            return 0;
        ev_u64(&e, fd_arg(sc_arg(regs, 0)));
        ev_u64(&e, user_u64(sc_arg(regs, 1)));
        ev_u64(&e, sc_arg(regs, 4));
        break;
    default:
        emit_generic_for(id, true);
        return 0;
    }
    ev_submit(&e);
    return 0;
}

SEC("tp_btf/sys_exit")
int BPF_PROG(syscope_io_exit, struct pt_regs* regs, long ret)
{
    long id = sc_id_at_exit(regs);
    if ((__u64)id >= SYSCOPE_SYSCALL_TABLE_SIZE)
        return 0;
    __u16 type = syscope_routes[id].exit_event;
    struct ev e;
    switch (type) {
    case EV_READ_X:
    case EV_PREAD_X:
        if (!ev_begin(&e, type, 2))
            return 0;
        ev_u64(&e, ret);
        ev_io_buf(&e, sc_arg(regs, 1), ret);
        break;
    case EV_WRITE_X:
    case EV_PWRITE_X:
        if (!ev_begin(&e, type, 2))
            return 0;
        ev_u64(&e, ret);
        ev_io_buf(&e, sc_arg(regs, 1), ret > 0 ? ret : (__s64)sc_arg(regs, 2));
        break;
    case EV_READV_X:
    case EV_PREADV_X: {
        if (!ev_begin(&e, type, 3))
            return 0;
        ev_u64(&e, ret);
        __u32 n = ret > 0 ? read_iovecs(&e, sc_arg(regs, 1), sc_arg(regs, 2)) : 0;
        __u64 size = iov_total(&e, n);
        if (ret <= 0)
            size = 0;
        else if (size > (__u64)ret)
            size = ret;
        ev_u32(&e, size);
        ev_iov_data(&e, n, ret);
        break;
    }
    case EV_WRITEV_X:
    case EV_PWRITEV_X: {
        if (!ev_begin(&e, type, 2))
            return 0;
        ev_u64(&e, ret);
        __u32 n = read_iovecs(&e, sc_arg(regs, 1), sc_arg(regs, 2));
        ev_iov_data(&e, n, ret > 0 ? ret : (__s64)iov_total(&e, n));
        break;
    }
    case EV_LSEEK_X:
    case EV_SPLICE_X:
        if (!ev_begin(&e, type, 1))
            return 0;
        ev_u64(&e, ret);
        break;
    case EV_SENDFILE_X:
        if (!ev_begin(&e, type, 2))
            return 0;
        ev_u64(&e, ret);
        ev_u64(&e, user_u64(sc_arg(regs, 2)));
        break;
    case EV_COPY_FILE_RANGE_X:
        if (!ev_begin(&e, type, 3))
            return 0;
        ev_u64(&e, ret);
        ev_u64(&e, fd_arg(sc_arg(regs, 2)));
        ev_u64(&e, user_u64(sc_arg(regs, 3)));
        break;
    default:
        emit_generic_for(id, false);
        return 0;
    }
    ev_submit(&e);
    return 0;
}
