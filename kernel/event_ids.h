// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The event ids the probe emits: the numbering of sysdig 0.29.3's event table (scap-format.md 4.4 and
// appendix A), enter = even, exit = enter + 1. Shared by the probe (which fills them) and the loader (which
// routes each syscall to the family program that fills its pair: see SYSCOPE_HANDLED below).

enum syscope_event_id {
    EV_GENERIC_E = 0, EV_GENERIC_X = 1,
    EV_OPEN_E = 2, EV_OPEN_X = 3,
    EV_CLOSE_E = 4, EV_CLOSE_X = 5,
    EV_READ_E = 6, EV_READ_X = 7,
    EV_WRITE_E = 8, EV_WRITE_X = 9,
    EV_SOCKET_E = 18, EV_SOCKET_X = 19,
    EV_BIND_E = 20, EV_BIND_X = 21,
    EV_CONNECT_E = 22, EV_CONNECT_X = 23,
    EV_LISTEN_E = 24, EV_LISTEN_X = 25,
    EV_SENDTO_E = 30, EV_SENDTO_X = 31,
    EV_RECVFROM_E = 34, EV_RECVFROM_X = 35,
    EV_SHUTDOWN_E = 36, EV_SHUTDOWN_X = 37,
    EV_GETSOCKNAME_E = 38, EV_GETSOCKNAME_X = 39,
    EV_GETPEERNAME_E = 40, EV_GETPEERNAME_X = 41,
    EV_SOCKETPAIR_E = 42, EV_SOCKETPAIR_X = 43,
    EV_SENDMSG_E = 48, EV_SENDMSG_X = 49,
    EV_SENDMMSG_E = 50, EV_SENDMMSG_X = 51,
    EV_RECVMSG_E = 52, EV_RECVMSG_X = 53,
    EV_RECVMMSG_E = 54, EV_RECVMMSG_X = 55,
    EV_CREAT_E = 58, EV_CREAT_X = 59,
    EV_PIPE_E = 60, EV_PIPE_X = 61,
    EV_EVENTFD_E = 62, EV_EVENTFD_X = 63,
    EV_FUTEX_E = 64, EV_FUTEX_X = 65,
    EV_STAT_E = 66, EV_STAT_X = 67,
    EV_LSTAT_E = 68, EV_LSTAT_X = 69,
    EV_FSTAT_E = 70, EV_FSTAT_X = 71,
    EV_EPOLLWAIT_E = 78, EV_EPOLLWAIT_X = 79,
    EV_POLL_E = 80, EV_POLL_X = 81,
    EV_SELECT_E = 82, EV_SELECT_X = 83,
    EV_LSEEK_E = 86, EV_LSEEK_X = 87,
    EV_GETCWD_E = 92, EV_GETCWD_X = 93,
    EV_CHDIR_E = 94, EV_CHDIR_X = 95,
    EV_FCHDIR_E = 96, EV_FCHDIR_X = 97,
    EV_PREAD_E = 112, EV_PREAD_X = 113,
    EV_PWRITE_E = 114, EV_PWRITE_X = 115,
    EV_READV_E = 116, EV_READV_X = 117,
    EV_WRITEV_E = 118, EV_WRITEV_X = 119,
    EV_PREADV_E = 120, EV_PREADV_X = 121,
    EV_PWRITEV_E = 122, EV_PWRITEV_X = 123,
    EV_DUP_E = 124, EV_DUP_X = 125,
    EV_SIGNALFD_E = 126, EV_SIGNALFD_X = 127,
    EV_KILL_E = 128, EV_KILL_X = 129,
    EV_TKILL_E = 130, EV_TKILL_X = 131,
    EV_TGKILL_E = 132, EV_TGKILL_X = 133,
    EV_NANOSLEEP_E = 134, EV_NANOSLEEP_X = 135,
    EV_TIMERFD_CREATE_E = 136, EV_TIMERFD_CREATE_X = 137,
    EV_INOTIFY_INIT_E = 138, EV_INOTIFY_INIT_X = 139,
    EV_GETRLIMIT_E = 140, EV_GETRLIMIT_X = 141,
    EV_SETRLIMIT_E = 142, EV_SETRLIMIT_X = 143,
    EV_PRLIMIT_E = 144, EV_PRLIMIT_X = 145,
    EV_FCNTL_E = 150, EV_FCNTL_X = 151,
    EV_BRK_E = 158, EV_BRK_X = 159,
    EV_MMAP_E = 160, EV_MMAP_X = 161,
    EV_MUNMAP_E = 164, EV_MUNMAP_X = 165,
    EV_SPLICE_E = 166, EV_SPLICE_X = 167,
    EV_IOCTL_E = 170, EV_IOCTL_X = 171,
    EV_RENAME_E = 174, EV_RENAME_X = 175,
    EV_RENAMEAT_E = 176, EV_RENAMEAT_X = 177,
    EV_SYMLINK_E = 178, EV_SYMLINK_X = 179,
    EV_SYMLINKAT_E = 180, EV_SYMLINKAT_X = 181,
    EV_PROCEXIT_1_E = 186,
    EV_SENDFILE_E = 188, EV_SENDFILE_X = 189,
    EV_SETRESUID_E = 192, EV_SETRESUID_X = 193,
    EV_SETRESGID_E = 194, EV_SETRESGID_X = 195,
    EV_SETUID_E = 198, EV_SETUID_X = 199,
    EV_SETGID_E = 200, EV_SETGID_X = 201,
    EV_GETUID_E = 202, EV_GETUID_X = 203,
    EV_GETEUID_E = 204, EV_GETEUID_X = 205,
    EV_GETGID_E = 206, EV_GETGID_X = 207,
    EV_GETEGID_E = 208, EV_GETEGID_X = 209,
    EV_GETRESUID_E = 210, EV_GETRESUID_X = 211,
    EV_GETRESGID_E = 212, EV_GETRESGID_X = 213,
    EV_CLONE_20_E = 222, EV_CLONE_20_X = 223,
    EV_FORK_20_E = 224, EV_FORK_20_X = 225,
    EV_VFORK_20_E = 226, EV_VFORK_20_X = 227,
    EV_SIGNALDELIVER_E = 232,
    EV_GETDENTS_E = 236, EV_GETDENTS_X = 237,
    EV_GETDENTS64_E = 238, EV_GETDENTS64_X = 239,
    EV_SETNS_E = 240, EV_SETNS_X = 241,
    EV_FLOCK_E = 242, EV_FLOCK_X = 243,
    EV_ACCEPT_5_E = 246, EV_ACCEPT_5_X = 247,
    EV_ACCEPT4_5_E = 248, EV_ACCEPT4_5_X = 249,
    EV_PPOLL_E = 254, EV_PPOLL_X = 255,
    EV_MOUNT_E = 256, EV_MOUNT_X = 257,
    EV_UMOUNT_E = 258, EV_UMOUNT_X = 259,
    EV_ACCESS_E = 264, EV_ACCESS_X = 265,
    EV_CHROOT_E = 266, EV_CHROOT_X = 267,
    EV_SETSID_E = 274, EV_SETSID_X = 275,
    EV_MKDIR_2_E = 276, EV_MKDIR_2_X = 277,
    EV_RMDIR_2_E = 278, EV_RMDIR_2_X = 279,
    EV_UNSHARE_E = 284, EV_UNSHARE_X = 285,
    EV_EXECVE_19_E = 292, EV_EXECVE_19_X = 293,
    EV_SETPGID_E = 294, EV_SETPGID_X = 295,
    EV_SECCOMP_E = 298, EV_SECCOMP_X = 299,
    EV_UNLINK_2_E = 300, EV_UNLINK_2_X = 301,
    EV_UNLINKAT_2_E = 302, EV_UNLINKAT_2_X = 303,
    EV_MKDIRAT_E = 304, EV_MKDIRAT_X = 305,
    EV_OPENAT_2_E = 306, EV_OPENAT_2_X = 307,
    EV_LINK_2_E = 308, EV_LINK_2_X = 309,
    EV_LINKAT_2_E = 310, EV_LINKAT_2_X = 311,
    EV_FCHMODAT_E = 312, EV_FCHMODAT_X = 313,
    EV_CHMOD_E = 314, EV_CHMOD_X = 315,
    EV_FCHMOD_E = 316, EV_FCHMOD_X = 317,
    EV_RENAMEAT2_E = 318, EV_RENAMEAT2_X = 319,
    EV_USERFAULTFD_E = 320, EV_USERFAULTFD_X = 321,
    EV_OPENAT2_E = 326, EV_OPENAT2_X = 327,
    EV_MPROTECT_E = 328, EV_MPROTECT_X = 329,
    EV_EXECVEAT_E = 330, EV_EXECVEAT_X = 331,
    EV_COPY_FILE_RANGE_E = 332, EV_COPY_FILE_RANGE_X = 333,
    EV_CLONE3_E = 334, EV_CLONE3_X = 335,
};

// Every enter event whose pair the probe fills, with the family program that fills it. A syscall whose pair
// is not listed here is recorded as the generic pair with its PPM_SC code (as sysdig's own driver does for
// syscalls without a pair); its dedicated pair is not emitted. Define SYSCOPE_HANDLED(enter_event, family)
// before expanding SYSCOPE_HANDLED_EVENTS.
#define SYSCOPE_HANDLED_EVENTS                                                                                 \
    SYSCOPE_HANDLED(EV_OPEN_E, SYSCOPE_FAMILY_FILE)                                                              \
    SYSCOPE_HANDLED(EV_OPENAT_2_E, SYSCOPE_FAMILY_FILE)                                                          \
    SYSCOPE_HANDLED(EV_OPENAT2_E, SYSCOPE_FAMILY_FILE)                                                           \
    SYSCOPE_HANDLED(EV_CREAT_E, SYSCOPE_FAMILY_FILE)                                                             \
    SYSCOPE_HANDLED(EV_CLOSE_E, SYSCOPE_FAMILY_FILE)                                                             \
    SYSCOPE_HANDLED(EV_STAT_E, SYSCOPE_FAMILY_FILE)                                                              \
    SYSCOPE_HANDLED(EV_LSTAT_E, SYSCOPE_FAMILY_FILE)                                                             \
    SYSCOPE_HANDLED(EV_FSTAT_E, SYSCOPE_FAMILY_FILE)                                                             \
    SYSCOPE_HANDLED(EV_ACCESS_E, SYSCOPE_FAMILY_FILE)                                                            \
    SYSCOPE_HANDLED(EV_GETCWD_E, SYSCOPE_FAMILY_FILE)                                                            \
    SYSCOPE_HANDLED(EV_CHDIR_E, SYSCOPE_FAMILY_FILE)                                                             \
    SYSCOPE_HANDLED(EV_FCHDIR_E, SYSCOPE_FAMILY_FILE)                                                            \
    SYSCOPE_HANDLED(EV_CHROOT_E, SYSCOPE_FAMILY_FILE)                                                            \
    SYSCOPE_HANDLED(EV_MKDIR_2_E, SYSCOPE_FAMILY_FILE)                                                           \
    SYSCOPE_HANDLED(EV_MKDIRAT_E, SYSCOPE_FAMILY_FILE)                                                           \
    SYSCOPE_HANDLED(EV_RMDIR_2_E, SYSCOPE_FAMILY_FILE)                                                           \
    SYSCOPE_HANDLED(EV_UNLINK_2_E, SYSCOPE_FAMILY_FILE)                                                          \
    SYSCOPE_HANDLED(EV_UNLINKAT_2_E, SYSCOPE_FAMILY_FILE)                                                        \
    SYSCOPE_HANDLED(EV_RENAME_E, SYSCOPE_FAMILY_FILE)                                                            \
    SYSCOPE_HANDLED(EV_RENAMEAT_E, SYSCOPE_FAMILY_FILE)                                                          \
    SYSCOPE_HANDLED(EV_RENAMEAT2_E, SYSCOPE_FAMILY_FILE)                                                         \
    SYSCOPE_HANDLED(EV_LINK_2_E, SYSCOPE_FAMILY_FILE)                                                            \
    SYSCOPE_HANDLED(EV_LINKAT_2_E, SYSCOPE_FAMILY_FILE)                                                          \
    SYSCOPE_HANDLED(EV_SYMLINK_E, SYSCOPE_FAMILY_FILE)                                                           \
    SYSCOPE_HANDLED(EV_SYMLINKAT_E, SYSCOPE_FAMILY_FILE)                                                         \
    SYSCOPE_HANDLED(EV_CHMOD_E, SYSCOPE_FAMILY_FILE)                                                             \
    SYSCOPE_HANDLED(EV_FCHMOD_E, SYSCOPE_FAMILY_FILE)                                                            \
    SYSCOPE_HANDLED(EV_FCHMODAT_E, SYSCOPE_FAMILY_FILE)                                                          \
    SYSCOPE_HANDLED(EV_GETDENTS_E, SYSCOPE_FAMILY_FILE)                                                          \
    SYSCOPE_HANDLED(EV_GETDENTS64_E, SYSCOPE_FAMILY_FILE)                                                        \
    SYSCOPE_HANDLED(EV_DUP_E, SYSCOPE_FAMILY_FILE)                                                               \
    SYSCOPE_HANDLED(EV_FCNTL_E, SYSCOPE_FAMILY_FILE)                                                             \
    SYSCOPE_HANDLED(EV_IOCTL_E, SYSCOPE_FAMILY_FILE)                                                             \
    SYSCOPE_HANDLED(EV_FLOCK_E, SYSCOPE_FAMILY_FILE)                                                             \
    SYSCOPE_HANDLED(EV_MOUNT_E, SYSCOPE_FAMILY_FILE)                                                             \
    SYSCOPE_HANDLED(EV_UMOUNT_E, SYSCOPE_FAMILY_FILE)                                                            \
    SYSCOPE_HANDLED(EV_READ_E, SYSCOPE_FAMILY_IO)                                                                \
    SYSCOPE_HANDLED(EV_WRITE_E, SYSCOPE_FAMILY_IO)                                                               \
    SYSCOPE_HANDLED(EV_PREAD_E, SYSCOPE_FAMILY_IO)                                                               \
    SYSCOPE_HANDLED(EV_PWRITE_E, SYSCOPE_FAMILY_IO)                                                              \
    SYSCOPE_HANDLED(EV_READV_E, SYSCOPE_FAMILY_IO)                                                               \
    SYSCOPE_HANDLED(EV_WRITEV_E, SYSCOPE_FAMILY_IO)                                                              \
    SYSCOPE_HANDLED(EV_PREADV_E, SYSCOPE_FAMILY_IO)                                                              \
    SYSCOPE_HANDLED(EV_PWRITEV_E, SYSCOPE_FAMILY_IO)                                                             \
    SYSCOPE_HANDLED(EV_LSEEK_E, SYSCOPE_FAMILY_IO)                                                               \
    SYSCOPE_HANDLED(EV_SENDFILE_E, SYSCOPE_FAMILY_IO)                                                            \
    SYSCOPE_HANDLED(EV_SPLICE_E, SYSCOPE_FAMILY_IO)                                                              \
    SYSCOPE_HANDLED(EV_COPY_FILE_RANGE_E, SYSCOPE_FAMILY_IO)                                                     \
    SYSCOPE_HANDLED(EV_SOCKET_E, SYSCOPE_FAMILY_NET)                                                             \
    SYSCOPE_HANDLED(EV_BIND_E, SYSCOPE_FAMILY_NET)                                                               \
    SYSCOPE_HANDLED(EV_CONNECT_E, SYSCOPE_FAMILY_NET)                                                            \
    SYSCOPE_HANDLED(EV_LISTEN_E, SYSCOPE_FAMILY_NET)                                                             \
    SYSCOPE_HANDLED(EV_ACCEPT_5_E, SYSCOPE_FAMILY_NET)                                                           \
    SYSCOPE_HANDLED(EV_ACCEPT4_5_E, SYSCOPE_FAMILY_NET)                                                          \
    SYSCOPE_HANDLED(EV_SENDTO_E, SYSCOPE_FAMILY_NET)                                                             \
    SYSCOPE_HANDLED(EV_RECVFROM_E, SYSCOPE_FAMILY_NET)                                                           \
    SYSCOPE_HANDLED(EV_SENDMSG_E, SYSCOPE_FAMILY_NET)                                                            \
    SYSCOPE_HANDLED(EV_RECVMSG_E, SYSCOPE_FAMILY_NET)                                                            \
    SYSCOPE_HANDLED(EV_SENDMMSG_E, SYSCOPE_FAMILY_NET)                                                           \
    SYSCOPE_HANDLED(EV_RECVMMSG_E, SYSCOPE_FAMILY_NET)                                                           \
    SYSCOPE_HANDLED(EV_SHUTDOWN_E, SYSCOPE_FAMILY_NET)                                                           \
    SYSCOPE_HANDLED(EV_GETSOCKNAME_E, SYSCOPE_FAMILY_NET)                                                        \
    SYSCOPE_HANDLED(EV_GETPEERNAME_E, SYSCOPE_FAMILY_NET)                                                        \
    SYSCOPE_HANDLED(EV_SOCKETPAIR_E, SYSCOPE_FAMILY_NET)                                                         \
    SYSCOPE_HANDLED(EV_CLONE_20_E, SYSCOPE_FAMILY_PROCESS)                                                       \
    SYSCOPE_HANDLED(EV_FORK_20_E, SYSCOPE_FAMILY_PROCESS)                                                        \
    SYSCOPE_HANDLED(EV_VFORK_20_E, SYSCOPE_FAMILY_PROCESS)                                                       \
    SYSCOPE_HANDLED(EV_CLONE3_E, SYSCOPE_FAMILY_PROCESS)                                                         \
    SYSCOPE_HANDLED(EV_EXECVE_19_E, SYSCOPE_FAMILY_PROCESS)                                                      \
    SYSCOPE_HANDLED(EV_EXECVEAT_E, SYSCOPE_FAMILY_PROCESS)                                                       \
    SYSCOPE_HANDLED(EV_KILL_E, SYSCOPE_FAMILY_PROCESS)                                                           \
    SYSCOPE_HANDLED(EV_TKILL_E, SYSCOPE_FAMILY_PROCESS)                                                          \
    SYSCOPE_HANDLED(EV_TGKILL_E, SYSCOPE_FAMILY_PROCESS)                                                         \
    SYSCOPE_HANDLED(EV_SETUID_E, SYSCOPE_FAMILY_PROCESS)                                                         \
    SYSCOPE_HANDLED(EV_SETGID_E, SYSCOPE_FAMILY_PROCESS)                                                         \
    SYSCOPE_HANDLED(EV_SETRESUID_E, SYSCOPE_FAMILY_PROCESS)                                                      \
    SYSCOPE_HANDLED(EV_SETRESGID_E, SYSCOPE_FAMILY_PROCESS)                                                      \
    SYSCOPE_HANDLED(EV_GETUID_E, SYSCOPE_FAMILY_PROCESS)                                                         \
    SYSCOPE_HANDLED(EV_GETEUID_E, SYSCOPE_FAMILY_PROCESS)                                                        \
    SYSCOPE_HANDLED(EV_GETGID_E, SYSCOPE_FAMILY_PROCESS)                                                         \
    SYSCOPE_HANDLED(EV_GETEGID_E, SYSCOPE_FAMILY_PROCESS)                                                        \
    SYSCOPE_HANDLED(EV_GETRESUID_E, SYSCOPE_FAMILY_PROCESS)                                                      \
    SYSCOPE_HANDLED(EV_GETRESGID_E, SYSCOPE_FAMILY_PROCESS)                                                      \
    SYSCOPE_HANDLED(EV_SETPGID_E, SYSCOPE_FAMILY_PROCESS)                                                        \
    SYSCOPE_HANDLED(EV_SETSID_E, SYSCOPE_FAMILY_PROCESS)                                                         \
    SYSCOPE_HANDLED(EV_GETRLIMIT_E, SYSCOPE_FAMILY_PROCESS)                                                      \
    SYSCOPE_HANDLED(EV_SETRLIMIT_E, SYSCOPE_FAMILY_PROCESS)                                                      \
    SYSCOPE_HANDLED(EV_PRLIMIT_E, SYSCOPE_FAMILY_PROCESS)                                                        \
    SYSCOPE_HANDLED(EV_UNSHARE_E, SYSCOPE_FAMILY_PROCESS)                                                        \
    SYSCOPE_HANDLED(EV_SETNS_E, SYSCOPE_FAMILY_PROCESS)                                                          \
    SYSCOPE_HANDLED(EV_SECCOMP_E, SYSCOPE_FAMILY_PROCESS)                                                        \
    SYSCOPE_HANDLED(EV_MMAP_E, SYSCOPE_FAMILY_MEMORY)                                                            \
    SYSCOPE_HANDLED(EV_MUNMAP_E, SYSCOPE_FAMILY_MEMORY)                                                          \
    SYSCOPE_HANDLED(EV_MPROTECT_E, SYSCOPE_FAMILY_MEMORY)                                                        \
    SYSCOPE_HANDLED(EV_BRK_E, SYSCOPE_FAMILY_MEMORY)                                                             \
    SYSCOPE_HANDLED(EV_PIPE_E, SYSCOPE_FAMILY_IPC)                                                               \
    SYSCOPE_HANDLED(EV_EVENTFD_E, SYSCOPE_FAMILY_IPC)                                                            \
    SYSCOPE_HANDLED(EV_FUTEX_E, SYSCOPE_FAMILY_IPC)                                                              \
    SYSCOPE_HANDLED(EV_SIGNALFD_E, SYSCOPE_FAMILY_IPC)                                                           \
    SYSCOPE_HANDLED(EV_INOTIFY_INIT_E, SYSCOPE_FAMILY_IPC)                                                       \
    SYSCOPE_HANDLED(EV_TIMERFD_CREATE_E, SYSCOPE_FAMILY_IPC)                                                     \
    SYSCOPE_HANDLED(EV_USERFAULTFD_E, SYSCOPE_FAMILY_IPC)                                                        \
    SYSCOPE_HANDLED(EV_NANOSLEEP_E, SYSCOPE_FAMILY_TIME)                                                         \
    SYSCOPE_HANDLED(EV_POLL_E, SYSCOPE_FAMILY_TIME)                                                              \
    SYSCOPE_HANDLED(EV_PPOLL_E, SYSCOPE_FAMILY_TIME)                                                             \
    SYSCOPE_HANDLED(EV_SELECT_E, SYSCOPE_FAMILY_TIME)                                                            \
    SYSCOPE_HANDLED(EV_EPOLLWAIT_E, SYSCOPE_FAMILY_TIME)
