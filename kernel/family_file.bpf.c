// SPDX-License-Identifier: GPL-3.0-or-later
// File family: open/close, paths and metadata, directories, links, permissions, fd duplication and control.
// Parameters follow sysdig 0.29.3's event table; values are taken as its drivers take them (paths as the
// process passed them, flags in PPM numbering, dirfd AT_FDCWD as -100).
#include "probe_common.bpf.h"

#define PATH_MAX_BYTES 4096

SYSCOPE_INLINE __u8 fcntl_cmd_to_ppm(unsigned long cmd)
{
    switch (cmd) {
    case 0: return 1;     // F_DUPFD
    case 1: return 2;     // F_GETFD
    case 2: return 3;     // F_SETFD
    case 3: return 4;     // F_GETFL
    case 4: return 5;     // F_SETFL
    case 5: return 6;     // F_GETLK
    case 6: return 8;     // F_SETLK
    case 7: return 9;     // F_SETLKW
    case 8: return 10;    // F_SETOWN
    case 9: return 12;    // F_GETOWN
    case 10: return 13;   // F_SETSIG
    case 11: return 15;   // F_GETSIG
    case 15: return 21;   // F_SETOWN_EX
    case 16: return 22;   // F_GETOWN_EX
    case 1024: return 23; // F_SETLEASE
    case 1025: return 24; // F_GETLEASE
    case 1029: return 25; // F_CANCELLK
    case 1030: return 26; // F_DUPFD_CLOEXEC
    case 1026: return 27; // F_NOTIFY
    case 1031: return 28; // F_SETPIPE_SZ
    case 1032: return 29; // F_GETPIPE_SZ
    case 36: return 30;   // F_OFD_GETLK
    case 37: return 31;   // F_OFD_SETLK
    case 38: return 32;   // F_OFD_SETLKW
    default: return 0;
    }
}

SYSCOPE_INLINE __u32 resolve_to_ppm(__u64 r)
{
    __u32 p = 0;
    if (r & 0x01) p |= 0x10; // RESOLVE_NO_XDEV
    if (r & 0x02) p |= 0x04; // RESOLVE_NO_MAGICLINKS
    if (r & 0x04) p |= 0x08; // RESOLVE_NO_SYMLINKS
    if (r & 0x08) p |= 0x01; // RESOLVE_BENEATH
    if (r & 0x10) p |= 0x02; // RESOLVE_IN_ROOT
    if (r & 0x20) p |= 0x20; // RESOLVE_CACHED
    return p;
}

SEC("tp_btf/sys_enter")
int BPF_PROG(syscope_file_enter, struct pt_regs* regs, long id)
{
    if ((__u64)id >= SYSCOPE_SYSCALL_TABLE_SIZE)
        return 0;
    __u16 type = syscope_routes[id].enter_event;
    struct ev e;
    switch (type) {
    case EV_OPEN_E: {
        unsigned long flags = sc_arg(regs, 1);
        if (!ev_begin(&e, type, 3))
            return 0;
        ev_user_str(&e, sc_arg(regs, 0), PATH_MAX_BYTES);
        ev_u32(&e, open_flags_to_ppm(flags));
        ev_u32(&e, open_mode_to_ppm(flags, sc_arg(regs, 2)));
        break;
    }
    case EV_OPENAT_2_E: {
        unsigned long flags = sc_arg(regs, 2);
        if (!ev_begin(&e, type, 4))
            return 0;
        ev_u64(&e, dirfd_arg(sc_arg(regs, 0)));
        ev_user_str(&e, sc_arg(regs, 1), PATH_MAX_BYTES);
        ev_u32(&e, open_flags_to_ppm(flags));
        ev_u32(&e, open_mode_to_ppm(flags, sc_arg(regs, 3)));
        break;
    }
    case EV_OPENAT2_E: {
        __u64 how[3] = {};
        bpf_probe_read_user(&how, sizeof(how), (const void*)sc_arg(regs, 2));
        if (!ev_begin(&e, type, 5))
            return 0;
        ev_u64(&e, dirfd_arg(sc_arg(regs, 0)));
        ev_user_str(&e, sc_arg(regs, 1), PATH_MAX_BYTES);
        ev_u32(&e, open_flags_to_ppm(how[0]));
        ev_u32(&e, open_mode_to_ppm(how[0], how[1]));
        ev_u32(&e, resolve_to_ppm(how[2]));
        break;
    }
    case EV_CREAT_E:
        if (!ev_begin(&e, type, 2))
            return 0;
        ev_user_str(&e, sc_arg(regs, 0), PATH_MAX_BYTES);
        ev_u32(&e, open_mode_to_ppm(0100, sc_arg(regs, 1)));
        break;
    case EV_CLOSE_E:
    case EV_FSTAT_E:
    case EV_FCHDIR_E:
    case EV_GETDENTS_E:
    case EV_GETDENTS64_E:
    case EV_DUP_E:
        if (!ev_begin(&e, type, 1))
            return 0;
        ev_u64(&e, fd_arg(sc_arg(regs, 0)));
        break;
    case EV_ACCESS_E:
        if (!ev_begin(&e, type, 1))
            return 0;
        ev_u32(&e, sc_arg(regs, 1) & 7);
        break;
    case EV_MKDIR_2_E:
        if (!ev_begin(&e, type, 1))
            return 0;
        ev_u32(&e, sc_arg(regs, 1));
        break;
    case EV_FCNTL_E:
        if (!ev_begin(&e, type, 2))
            return 0;
        ev_u64(&e, fd_arg(sc_arg(regs, 0)));
        ev_u8(&e, fcntl_cmd_to_ppm(sc_arg(regs, 1)));
        break;
    case EV_IOCTL_E:
        if (!ev_begin(&e, type, 3))
            return 0;
        ev_u64(&e, fd_arg(sc_arg(regs, 0)));
        ev_u64(&e, sc_arg(regs, 1));
        ev_u64(&e, sc_arg(regs, 2));
        break;
    case EV_FLOCK_E:
        if (!ev_begin(&e, type, 2))
            return 0;
        ev_u64(&e, fd_arg(sc_arg(regs, 0)));
        ev_u32(&e, sc_arg(regs, 1) & 0xf);
        break;
    case EV_MOUNT_E: {
        unsigned long flags = sc_arg(regs, 3);
        // The legacy magic number in the upper half is not a flag.
        if ((flags & 0xffff0000) == 0xC0ED0000)
            flags &= ~0xffff0000ul;
        if (!ev_begin(&e, type, 1))
            return 0;
        ev_u32(&e, flags);
        break;
    }
    case EV_UMOUNT_E:
        if (!ev_begin(&e, type, 1))
            return 0;
        ev_u32(&e, sc_arg(regs, 1));
        break;
    // Enter events without parameters: everything is reported at exit.
    case EV_STAT_E:
    case EV_LSTAT_E:
    case EV_GETCWD_E:
    case EV_CHDIR_E:
    case EV_CHROOT_E:
    case EV_MKDIRAT_E:
    case EV_RMDIR_2_E:
    case EV_UNLINK_2_E:
    case EV_UNLINKAT_2_E:
    case EV_RENAME_E:
    case EV_RENAMEAT_E:
    case EV_RENAMEAT2_E:
    case EV_LINK_2_E:
    case EV_LINKAT_2_E:
    case EV_SYMLINK_E:
    case EV_SYMLINKAT_E:
    case EV_CHMOD_E:
    case EV_FCHMOD_E:
    case EV_FCHMODAT_E:
        if (!ev_begin(&e, type, 0))
            return 0;
        break;
    default:
        emit_generic_for(id, true);
        return 0;
    }
    ev_submit(&e);
    return 0;
}

SEC("tp_btf/sys_exit")
int BPF_PROG(syscope_file_exit, struct pt_regs* regs, long ret)
{
    long id = sc_id_at_exit(regs);
    if ((__u64)id >= SYSCOPE_SYSCALL_TABLE_SIZE)
        return 0;
    __u16 type = syscope_routes[id].exit_event;
    struct ev e;
    __u32 dev;
    __u64 ino;
    switch (type) {
    case EV_OPEN_X: {
        unsigned long flags = sc_arg(regs, 1);
        fd_dev_ino(ret, &dev, &ino);
        if (!ev_begin(&e, type, 5))
            return 0;
        ev_u64(&e, ret);
        ev_user_str(&e, sc_arg(regs, 0), PATH_MAX_BYTES);
        ev_u32(&e, open_flags_to_ppm(flags));
        ev_u32(&e, open_mode_to_ppm(flags, sc_arg(regs, 2)));
        ev_u32(&e, dev);
        break;
    }
    case EV_OPENAT_2_X: {
        unsigned long flags = sc_arg(regs, 2);
        fd_dev_ino(ret, &dev, &ino);
        if (!ev_begin(&e, type, 6))
            return 0;
        ev_u64(&e, ret);
        ev_u64(&e, dirfd_arg(sc_arg(regs, 0)));
        ev_user_str(&e, sc_arg(regs, 1), PATH_MAX_BYTES);
        ev_u32(&e, open_flags_to_ppm(flags));
        ev_u32(&e, open_mode_to_ppm(flags, sc_arg(regs, 3)));
        ev_u32(&e, dev);
        break;
    }
    case EV_OPENAT2_X: {
        __u64 how[3] = {};
        bpf_probe_read_user(&how, sizeof(how), (const void*)sc_arg(regs, 2));
        if (!ev_begin(&e, type, 6))
            return 0;
        ev_u64(&e, ret);
        ev_u64(&e, dirfd_arg(sc_arg(regs, 0)));
        ev_user_str(&e, sc_arg(regs, 1), PATH_MAX_BYTES);
        ev_u32(&e, open_flags_to_ppm(how[0]));
        ev_u32(&e, open_mode_to_ppm(how[0], how[1]));
        ev_u32(&e, resolve_to_ppm(how[2]));
        break;
    }
    case EV_CREAT_X:
        fd_dev_ino(ret, &dev, &ino);
        if (!ev_begin(&e, type, 4))
            return 0;
        ev_u64(&e, ret);
        ev_user_str(&e, sc_arg(regs, 0), PATH_MAX_BYTES);
        ev_u32(&e, open_mode_to_ppm(0100, sc_arg(regs, 1)));
        ev_u32(&e, dev);
        break;
    // Exit events with the result only.
    case EV_CLOSE_X:
    case EV_FSTAT_X:
    case EV_FCHDIR_X:
    case EV_GETDENTS_X:
    case EV_GETDENTS64_X:
    case EV_DUP_X:
    case EV_FCNTL_X:
    case EV_IOCTL_X:
    case EV_FLOCK_X:
        if (!ev_begin(&e, type, 1))
            return 0;
        ev_u64(&e, ret);
        break;
    // Result and one path argument.
    case EV_STAT_X:
    case EV_LSTAT_X:
    case EV_CHDIR_X:
    case EV_CHROOT_X:
    case EV_MKDIR_2_X:
    case EV_RMDIR_2_X:
    case EV_UNLINK_2_X:
    case EV_UMOUNT_X:
        if (!ev_begin(&e, type, 2))
            return 0;
        ev_u64(&e, ret);
        ev_user_str(&e, sc_arg(regs, 0), PATH_MAX_BYTES);
        break;
    case EV_ACCESS_X:
        if (!ev_begin(&e, type, 2))
            return 0;
        ev_u64(&e, ret);
        ev_user_str(&e, sc_arg(regs, 0), PATH_MAX_BYTES);
        break;
    case EV_GETCWD_X:
        if (!ev_begin(&e, type, 2))
            return 0;
        ev_u64(&e, ret);
        if (ret > 0)
            ev_user_str(&e, sc_arg(regs, 0), PATH_MAX_BYTES);
        else
            ev_null_str(&e);
        break;
    case EV_MKDIRAT_X:
        if (!ev_begin(&e, type, 4))
            return 0;
        ev_u64(&e, ret);
        ev_u64(&e, dirfd_arg(sc_arg(regs, 0)));
        ev_user_str(&e, sc_arg(regs, 1), PATH_MAX_BYTES);
        ev_u32(&e, sc_arg(regs, 2));
        break;
    case EV_UNLINKAT_2_X:
        if (!ev_begin(&e, type, 4))
            return 0;
        ev_u64(&e, ret);
        ev_u64(&e, dirfd_arg(sc_arg(regs, 0)));
        ev_user_str(&e, sc_arg(regs, 1), PATH_MAX_BYTES);
        ev_u32(&e, sc_arg(regs, 2) & 0x200);
        break;
    case EV_RENAME_X:
    case EV_LINK_2_X:
        if (!ev_begin(&e, type, 3))
            return 0;
        ev_u64(&e, ret);
        ev_user_str(&e, sc_arg(regs, 0), PATH_MAX_BYTES);
        ev_user_str(&e, sc_arg(regs, 1), PATH_MAX_BYTES);
        break;
    case EV_RENAMEAT_X:
    case EV_RENAMEAT2_X:
    case EV_LINKAT_2_X: {
        bool flags = type != EV_RENAMEAT_X;
        if (!ev_begin(&e, type, flags ? 6 : 5))
            return 0;
        ev_u64(&e, ret);
        ev_u64(&e, dirfd_arg(sc_arg(regs, 0)));
        ev_user_str(&e, sc_arg(regs, 1), PATH_MAX_BYTES);
        ev_u64(&e, dirfd_arg(sc_arg(regs, 2)));
        ev_user_str(&e, sc_arg(regs, 3), PATH_MAX_BYTES);
        if (flags)
            ev_u32(&e, sc_arg(regs, 4) & (type == EV_LINKAT_2_X ? 0x1400 : 0x7));
        break;
    }
    case EV_SYMLINK_X:
        if (!ev_begin(&e, type, 3))
            return 0;
        ev_u64(&e, ret);
        ev_user_str(&e, sc_arg(regs, 0), PATH_MAX_BYTES);
        ev_user_str(&e, sc_arg(regs, 1), PATH_MAX_BYTES);
        break;
    case EV_SYMLINKAT_X:
        if (!ev_begin(&e, type, 4))
            return 0;
        ev_u64(&e, ret);
        ev_user_str(&e, sc_arg(regs, 0), PATH_MAX_BYTES);
        ev_u64(&e, dirfd_arg(sc_arg(regs, 1)));
        ev_user_str(&e, sc_arg(regs, 2), PATH_MAX_BYTES);
        break;
    case EV_CHMOD_X:
        if (!ev_begin(&e, type, 3))
            return 0;
        ev_u64(&e, ret);
        ev_user_str(&e, sc_arg(regs, 0), PATH_MAX_BYTES);
        ev_u32(&e, sc_arg(regs, 1) & 07777);
        break;
    case EV_FCHMOD_X:
        if (!ev_begin(&e, type, 3))
            return 0;
        ev_u64(&e, ret);
        ev_u64(&e, fd_arg(sc_arg(regs, 0)));
        ev_u32(&e, sc_arg(regs, 1) & 07777);
        break;
    case EV_FCHMODAT_X:
        if (!ev_begin(&e, type, 4))
            return 0;
        ev_u64(&e, ret);
        ev_u64(&e, dirfd_arg(sc_arg(regs, 0)));
        ev_user_str(&e, sc_arg(regs, 1), PATH_MAX_BYTES);
        ev_u32(&e, sc_arg(regs, 2) & 07777);
        break;
    case EV_MOUNT_X:
        if (!ev_begin(&e, type, 4))
            return 0;
        ev_u64(&e, ret);
        ev_user_str(&e, sc_arg(regs, 0), PATH_MAX_BYTES);
        ev_user_str(&e, sc_arg(regs, 1), PATH_MAX_BYTES);
        ev_user_str(&e, sc_arg(regs, 2), PATH_MAX_BYTES);
        break;
    default:
        emit_generic_for(id, false);
        return 0;
    }
    ev_submit(&e);
    return 0;
}
