// SPDX-License-Identifier: GPL-3.0-or-later
// File family: open/close, paths and metadata, directories, links, permissions, fd duplication and control.
// Parameters follow sysdig 0.29.3's event table; values are taken as its drivers take them (paths as the
// process passed them, flags in PPM numbering, dirfd AT_FDCWD as -100).
#include "family_frame.bpf.h"

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
    if (r & 0x01)
        p |= 0x10; // RESOLVE_NO_XDEV
    if (r & 0x02)
        p |= 0x04; // RESOLVE_NO_MAGICLINKS
    if (r & 0x04)
        p |= 0x08; // RESOLVE_NO_SYMLINKS
    if (r & 0x08)
        p |= 0x01; // RESOLVE_BENEATH
    if (r & 0x10)
        p |= 0x02; // RESOLVE_IN_ROOT
    if (r & 0x20)
        p |= 0x20; // RESOLVE_CACHED
    return p;
}

// Flags and mode of the open calls, at enter and again at exit.
SYSCOPE_INLINE void ev_open_mode(struct ev* e, __u64 flags, __u64 mode)
{
    ev_u32(e, open_flags_to_ppm(flags));
    ev_u32(e, open_mode_to_ppm(flags, mode));
}

// openat2's struct open_how: flags, mode, resolve.
struct open_how_args {
    __u64 flags;
    __u64 mode;
    __u64 resolve;
};

SYSCOPE_INLINE void read_open_how(unsigned long uptr, struct open_how_args* how)
{
    bpf_probe_read_user(how, sizeof(*how), (const void*)uptr);
}

SYSCOPE_INLINE void ev_open_how(struct ev* e, struct open_how_args* how)
{
    ev_open_mode(e, how->flags, how->mode);
    ev_u32(e, resolve_to_ppm(how->resolve));
}

SYSCOPE_INLINE bool file_enter(struct ev* e, __u16 type, struct pt_regs* regs)
{
    switch (type) {
    case EV_OPEN_E:
        ev_start(e, type, 3);
        ev_path_arg(e, regs, 0);
        ev_open_mode(e, sc_arg(regs, 1), sc_arg(regs, 2));
        break;
    case EV_OPENAT_2_E:
        ev_start(e, type, 4);
        ev_dirfd_path(e, regs, 0);
        ev_open_mode(e, sc_arg(regs, 2), sc_arg(regs, 3));
        break;
    case EV_OPENAT2_E: {
        struct open_how_args how = {};
        read_open_how(sc_arg(regs, 2), &how);
        ev_start(e, type, 5);
        ev_dirfd_path(e, regs, 0);
        ev_open_how(e, &how);
        break;
    }
    case EV_CREAT_E:
        ev_start(e, type, 2);
        ev_path_arg(e, regs, 0);
        ev_u32(e, open_mode_to_ppm(0100, sc_arg(regs, 1)));
        break;
    case EV_CLOSE_E:
    case EV_FSTAT_E:
    case EV_FCHDIR_E:
    case EV_GETDENTS_E:
    case EV_GETDENTS64_E:
    case EV_DUP_E: ev_start_fd(e, type, 1, regs); break;
    case EV_ACCESS_E:
        ev_start(e, type, 1);
        ev_u32(e, sc_arg(regs, 1) & 7);
        break;
    case EV_MKDIR_2_E:
    case EV_UMOUNT_E:
        ev_start(e, type, 1);
        ev_u32(e, sc_arg(regs, 1));
        break;
    case EV_FCNTL_E:
        ev_start_fd(e, type, 2, regs);
        ev_u8(e, fcntl_cmd_to_ppm(sc_arg(regs, 1)));
        break;
    case EV_IOCTL_E:
        ev_start_fd(e, type, 3, regs);
        ev_u64(e, sc_arg(regs, 1));
        ev_u64(e, sc_arg(regs, 2));
        break;
    case EV_FLOCK_E:
        ev_start_fd(e, type, 2, regs);
        ev_u32(e, sc_arg(regs, 1) & 0xf);
        break;
    case EV_MOUNT_E: {
        unsigned long flags = sc_arg(regs, 3);
        // The legacy magic number in the upper half is not a flag.
        if ((flags & 0xffff0000) == 0xC0ED0000)
            flags &= ~0xffff0000ul;
        ev_start(e, type, 1);
        ev_u32(e, flags);
        break;
    }
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
    case EV_FCHMODAT_E: ev_start(e, type, 0); break;
    default: return false;
    }
    return true;
}

SYSCOPE_INLINE bool file_exit(struct ev* e, __u16 type, struct pt_regs* regs, long ret)
{
    __u32 dev;
    __u64 ino;
    switch (type) {
    case EV_OPEN_X:
        fd_dev_ino(ret, &dev, &ino);
        ev_start_res(e, type, 5, ret);
        ev_path_arg(e, regs, 0);
        ev_open_mode(e, sc_arg(regs, 1), sc_arg(regs, 2));
        ev_u32(e, dev);
        break;
    case EV_OPENAT_2_X:
        fd_dev_ino(ret, &dev, &ino);
        ev_start_res(e, type, 6, ret);
        ev_dirfd_path(e, regs, 0);
        ev_open_mode(e, sc_arg(regs, 2), sc_arg(regs, 3));
        ev_u32(e, dev);
        break;
    case EV_OPENAT2_X: {
        struct open_how_args how = {};
        read_open_how(sc_arg(regs, 2), &how);
        ev_start_res(e, type, 6, ret);
        ev_dirfd_path(e, regs, 0);
        ev_open_how(e, &how);
        break;
    }
    case EV_CREAT_X:
        fd_dev_ino(ret, &dev, &ino);
        ev_start_res(e, type, 4, ret);
        ev_path_arg(e, regs, 0);
        ev_u32(e, open_mode_to_ppm(0100, sc_arg(regs, 1)));
        ev_u32(e, dev);
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
    case EV_FLOCK_X: ev_start_res(e, type, 1, ret); break;
    // Result and one path argument.
    case EV_STAT_X:
    case EV_LSTAT_X:
    case EV_ACCESS_X:
    case EV_CHDIR_X:
    case EV_CHROOT_X:
    case EV_MKDIR_2_X:
    case EV_RMDIR_2_X:
    case EV_UNLINK_2_X:
    case EV_UMOUNT_X:
        ev_start_res(e, type, 2, ret);
        ev_path_arg(e, regs, 0);
        break;
    case EV_GETCWD_X:
        ev_start_res(e, type, 2, ret);
        if (ret > 0)
            ev_path_arg(e, regs, 0);
        else
            ev_null_str(e);
        break;
    // Result, one *at path, and the argument after it, masked to what the event table defines.
    case EV_MKDIRAT_X:
    case EV_UNLINKAT_2_X:
    case EV_FCHMODAT_X:
        ev_start_res(e, type, 4, ret);
        ev_dirfd_path(e, regs, 0);
        ev_u32(e, sc_arg(regs, 2) & (type == EV_UNLINKAT_2_X ? 0x200 : type == EV_FCHMODAT_X ? 07777 : ~0u));
        break;
    // Result and the two or three path arguments.
    case EV_RENAME_X:
    case EV_LINK_2_X:
    case EV_SYMLINK_X:
    case EV_MOUNT_X:
        ev_start_res(e, type, type == EV_MOUNT_X ? 4 : 3, ret);
        ev_path_arg(e, regs, 0);
        ev_path_arg(e, regs, 1);
        if (type == EV_MOUNT_X)
            ev_path_arg(e, regs, 2);
        break;
    case EV_RENAMEAT_X:
    case EV_RENAMEAT2_X:
    case EV_LINKAT_2_X: {
        bool flags = type != EV_RENAMEAT_X;
        ev_start_res(e, type, flags ? 6 : 5, ret);
        ev_dirfd_path(e, regs, 0);
        ev_dirfd_path(e, regs, 2);
        if (flags)
            ev_u32(e, sc_arg(regs, 4) & (type == EV_LINKAT_2_X ? 0x1400 : 0x7));
        break;
    }
    case EV_SYMLINKAT_X:
        ev_start_res(e, type, 4, ret);
        ev_path_arg(e, regs, 0);
        ev_dirfd_path(e, regs, 1);
        break;
    case EV_CHMOD_X:
        ev_start_res(e, type, 3, ret);
        ev_path_arg(e, regs, 0);
        ev_u32(e, sc_arg(regs, 1) & 07777);
        break;
    case EV_FCHMOD_X:
        ev_start_res(e, type, 3, ret);
        ev_u64(e, fd_arg(sc_arg(regs, 0)));
        ev_u32(e, sc_arg(regs, 1) & 07777);
        break;
    default: return false;
    }
    return true;
}

SYSCOPE_FAMILY_PROGRAMS(file)
