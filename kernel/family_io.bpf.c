// SPDX-License-Identifier: GPL-3.0-or-later
// I/O family: read/write and their positioned, vectored and zero-copy variants, lseek. Data buffers keep the
// first snaplen bytes: of what was read (res bytes) or of what the caller asked to write (res bytes, or the
// requested size when the write failed), as sysdig's drivers do.
#include "family_frame.bpf.h"

SYSCOPE_INLINE bool io_enter(struct ev* e, __u16 type, struct pt_regs* regs)
{
    switch (type) {
    case EV_READ_E:
    case EV_WRITE_E:
        ev_start_fd(e, type, 2, regs);
        ev_u32(e, sc_arg(regs, 2));
        break;
    case EV_PREAD_E:
    case EV_PWRITE_E:
        ev_start_fd(e, type, 3, regs);
        ev_u32(e, sc_arg(regs, 2));
        ev_u64(e, sc_arg(regs, 3));
        break;
    case EV_READV_E: ev_start_fd(e, type, 1, regs); break;
    case EV_PREADV_E:
        ev_start_fd(e, type, 2, regs);
        ev_u64(e, sc_arg(regs, 3));
        break;
    case EV_WRITEV_E:
    case EV_PWRITEV_E: {
        ev_start_fd(e, type, type == EV_WRITEV_E ? 2 : 3, regs);
        __u32 n = read_iovecs(e, sc_arg(regs, 1), sc_arg(regs, 2));
        ev_u32(e, iov_total(e, n));
        if (type == EV_PWRITEV_E)
            ev_u64(e, sc_arg(regs, 3));
        break;
    }
    case EV_LSEEK_E:
        ev_start_fd(e, type, 3, regs);
        ev_u64(e, sc_arg(regs, 1));
        ev_u8(e, sc_arg(regs, 2));
        break;
    case EV_SENDFILE_E:
        ev_start_fd(e, type, 4, regs);
        ev_u64(e, fd_arg(sc_arg(regs, 1)));
        ev_u64(e, user_u64(sc_arg(regs, 2)));
        ev_u64(e, sc_arg(regs, 3));
        break;
    case EV_SPLICE_E:
        ev_start_fd(e, type, 4, regs);
        ev_u64(e, fd_arg(sc_arg(regs, 2)));
        ev_u64(e, sc_arg(regs, 4));
        ev_u32(e, sc_arg(regs, 5) & 0xf);
        break;
    case EV_COPY_FILE_RANGE_E:
        ev_start_fd(e, type, 3, regs);
        ev_u64(e, user_u64(sc_arg(regs, 1)));
        ev_u64(e, sc_arg(regs, 4));
        break;
    default: return false;
    }
    return true;
}

SYSCOPE_INLINE bool io_exit(struct ev* e, __u16 type, struct pt_regs* regs, long ret)
{
    switch (type) {
    case EV_READ_X:
    case EV_PREAD_X:
        ev_start_res(e, type, 2, ret);
        ev_io_buf(e, sc_arg(regs, 1), ret);
        break;
    case EV_WRITE_X:
    case EV_PWRITE_X:
        ev_start_res(e, type, 2, ret);
        ev_out_buf(e, sc_arg(regs, 1), ret, sc_arg(regs, 2));
        break;
    case EV_READV_X:
    case EV_PREADV_X:
        ev_start_res(e, type, 3, ret);
        ev_in_iov(e, ret > 0 ? read_iovecs(e, sc_arg(regs, 1), sc_arg(regs, 2)) : 0, ret);
        break;
    case EV_WRITEV_X:
    case EV_PWRITEV_X:
        ev_start_res(e, type, 2, ret);
        ev_out_iov(e, read_iovecs(e, sc_arg(regs, 1), sc_arg(regs, 2)), ret);
        break;
    case EV_LSEEK_X:
    case EV_SPLICE_X: ev_start_res(e, type, 1, ret); break;
    case EV_SENDFILE_X:
        ev_start_res(e, type, 2, ret);
        ev_u64(e, user_u64(sc_arg(regs, 2)));
        break;
    case EV_COPY_FILE_RANGE_X:
        ev_start_res(e, type, 3, ret);
        ev_u64(e, fd_arg(sc_arg(regs, 2)));
        ev_u64(e, user_u64(sc_arg(regs, 3)));
        break;
    default: return false;
    }
    return true;
}

SYSCOPE_FAMILY_PROGRAMS(io)
