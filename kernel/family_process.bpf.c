// SPDX-License-Identifier: GPL-3.0-or-later
// Process family: clone/fork/vfork/clone3 and execve/execveat (the process description the readers build
// their thread table from), signals sent, user and group ids, process groups and sessions, resource limits,
// namespaces. The clone exit is reported twice, by the parent (res = child tid) and by the child (res = 0).
#include "family_frame.bpf.h"

#define ARGS_MAX 4096       // exe+args and env are cut at a page, as the drivers do
#define MAX_ARGV 64         // argv/envp entries read from user memory when execve failed
#define MAX_CGROUP_DEPTH 10 // path components of one cgroup
#define MAX_SUBSYS 16

// Kernels before 6.15 call the kernfs parent pointer `parent`.
struct kernfs_node___pre615 {
    struct kernfs_node* parent;
} __attribute__((preserve_access_index));
struct kernfs_node___615 {
    struct kernfs_node* __parent;
} __attribute__((preserve_access_index));
SYSCOPE_INLINE struct kernfs_node* kn_parent(struct kernfs_node* kn)
{
    if (bpf_core_field_exists(struct kernfs_node___615, __parent))
        return BPF_CORE_READ((struct kernfs_node___615*)kn, __parent);
    return BPF_CORE_READ((struct kernfs_node___pre615*)kn, parent);
}

// The number (and namespace) of a pid as seen at one pid namespace level.
SYSCOPE_INLINE struct upid pid_upid_at(struct pid* p, __u32 level)
{
    struct upid u = {};
    if (p)
        bpf_probe_read_kernel(
            &u, sizeof(u), (void*)p + bpf_core_field_offset(struct pid, numbers) + (level & 31) * sizeof(struct upid));
    return u;
}

SYSCOPE_INLINE __s64 pid_nr_at(struct pid* p, __u32 level) { return pid_upid_at(p, level).nr; }

// exe (argv[0]) and args (the rest, NUL separated) from a NUL-separated area of len bytes in the upper half
// of the scratch area.
SYSCOPE_INLINE void ev_exe_args(struct ev* e, __u64 len)
{
    const __u8* tmp = e->buf + SCRATCH_TEMP;
    if (len == 0) {
        ev_empty_str(e);
        ev_empty(e);
        return;
    }
    __u64 room = ev_room(e);
    __u64 max = len < room ? len : room;
    SYSCOPE_BOUND(max, 8191);
    long n = bpf_probe_read_kernel_str(e->buf + SAFE_OFF(e->pos), max, tmp);
    if (n <= 0)
        n = 0;
    e->pos += n;
    ev_len(e, n);
    __u64 rest = len > (__u64)n ? len - n : 0;
    room = ev_room(e);
    if (rest > room)
        rest = room;
    SYSCOPE_BOUND(rest, 8191);
    __u64 off = n;
    SYSCOPE_BOUND(off, 8191);
    if (rest == 0 || bpf_probe_read_kernel(e->buf + SAFE_OFF(e->pos), rest, tmp + off) != 0)
        rest = 0;
    e->pos += rest;
    ev_len(e, rest);
}

// The area [start, end) of the current process's memory (its arguments or environment) into the upper half
// of the scratch area, cut at ARGS_MAX and NUL-terminated. Returns its length.
SYSCOPE_INLINE __u64 read_mm_area(struct ev* e, unsigned long start, unsigned long end)
{
    __u64 len = end > start ? end - start : 0;
    if (len > ARGS_MAX)
        len = ARGS_MAX;
    SYSCOPE_BOUND(len, 8191);
    __u8* tmp = e->buf + SCRATCH_TEMP;
    if (len == 0 || bpf_probe_read_user(tmp, len, (const void*)start) != 0)
        return 0;
    tmp[(len - 1) & 8191] = 0;
    return len;
}

// The process's current arguments, as above; none for a task without memory (a kernel thread).
SYSCOPE_INLINE __u64 read_mm_args(struct ev* e, struct mm_struct* mm)
{
    return mm ? read_mm_area(e, BPF_CORE_READ(mm, arg_start), BPF_CORE_READ(mm, arg_end)) : 0;
}

// A NULL-terminated array of user strings (argv, envp) concatenated with their NULs, as above.
SYSCOPE_INLINE __u64 read_user_vector(struct ev* e, unsigned long uvec)
{
    __u8* tmp = e->buf + SCRATCH_TEMP;
    __u64 off = 0;
    if (!uvec)
        return 0;
    for (int i = 0; i < MAX_ARGV; i++) {
        unsigned long p = 0;
        if (bpf_probe_read_user(&p, sizeof(p), (const void*)(uvec + i * sizeof(p))) != 0 || !p)
            break;
        __u64 avail = ARGS_MAX - off;
        SYSCOPE_BOUND(avail, 8191);
        SYSCOPE_BOUND(off, 4095);
        if (avail == 0)
            break;
        long n = bpf_probe_read_user_str(tmp + off, avail, (const void*)p);
        if (n <= 0)
            break;
        off += n;
        if (off >= ARGS_MAX)
            break;
    }
    return off;
}

// A BYTEBUF from the upper half of the scratch area.
SYSCOPE_INLINE void ev_temp_bytes(struct ev* e, __u64 len)
{
    __u64 room = ev_room(e);
    if (len > room)
        len = room;
    SYSCOPE_BOUND(len, 8191);
    if (len == 0 || bpf_probe_read_kernel(e->buf + SAFE_OFF(e->pos), len, e->buf + SCRATCH_TEMP) != 0)
        len = 0;
    e->pos += len;
    ev_len(e, len);
}

// cgroups: "subsystem=path" for every subsystem of the task's css_set, NUL separated (as the drivers list
// them; paths from the hierarchy root).
SYSCOPE_INLINE void ev_cgroups(struct ev* e, struct task_struct* t)
{
    __u32 start = e->pos;
    struct css_set* cs = BPF_CORE_READ(t, cgroups);
    if (!cs) {
        ev_empty(e);
        return;
    }
    for (int i = 0; i < MAX_SUBSYS; i++) {
        if (i >= CGROUP_SUBSYS_COUNT)
            break;
        if (ev_room(e) < 4 * 1024)
            break;
        struct cgroup_subsys_state* css = NULL;
        bpf_probe_read_kernel(&css, sizeof(css), __builtin_preserve_access_index(&cs->subsys[i]));
        if (!css)
            continue;
        const char* name = BPF_CORE_READ(css, ss, name);
        long n = bpf_probe_read_kernel_str(e->buf + SAFE_OFF(e->pos), 64, name);
        if (n <= 1)
            continue;
        e->pos += n - 1;
        *(e->buf + SAFE_OFF(e->pos)) = '=';
        e->pos += 1;
        const char* names[MAX_CGROUP_DEPTH] = {};
        struct kernfs_node* kn = BPF_CORE_READ(css, cgroup, kn);
        int depth = 0;
        for (int d = 0; d < MAX_CGROUP_DEPTH; d++) {
            struct kernfs_node* parent = kn ? kn_parent(kn) : NULL;
            if (!parent)
                break;
            names[d] = BPF_CORE_READ(kn, name);
            depth++;
            kn = parent;
        }
        if (depth == 0) {
            *(e->buf + SAFE_OFF(e->pos)) = '/';
            e->pos += 1;
        }
        for (int d = MAX_CGROUP_DEPTH - 1; d >= 0; d--) {
            if (d >= depth)
                continue;
            *(e->buf + SAFE_OFF(e->pos)) = '/';
            e->pos += 1;
            long m = bpf_probe_read_kernel_str(e->buf + SAFE_OFF(e->pos), 256, names[d]);
            if (m > 1)
                e->pos += m - 1;
        }
        *(e->buf + SAFE_OFF(e->pos)) = 0;
        e->pos += 1;
    }
    ev_len(e, e->pos - start);
}

// RLIMIT_* numbers equal the PPM ones; anything else is reported as unknown.
SYSCOPE_INLINE __u8 rlimit_resource(unsigned long r) { return r < 16 ? r : 0xff; }

// Parameters 4..15 shared by clone and execve exits: tid, pid, ptid, cwd, fdlimit, page faults, memory,
// comm, cgroups.
SYSCOPE_INLINE void ev_task_common(struct ev* e, struct task_struct* t)
{
    ev_u64(e, BPF_CORE_READ(t, pid));
    ev_u64(e, BPF_CORE_READ(t, tgid));
    ev_u64(e, BPF_CORE_READ(t, real_parent, pid));
    ev_empty_str(e); // cwd: the drivers leave it empty; readers keep the cwd they know
    ev_u64(e, BPF_CORE_READ(t, signal, rlim[7].rlim_cur)); // RLIMIT_NOFILE
    ev_u64(e, BPF_CORE_READ(t, maj_flt));
    ev_u64(e, BPF_CORE_READ(t, min_flt));
    ev_vm_totals(e, BPF_CORE_READ(t, mm));
    ev_kernel_str(e, BPF_CORE_READ(t, comm), 16);
    ev_cgroups(e, t);
}

SYSCOPE_INLINE void ev_clone_exit(struct ev* e, __u16 type, struct pt_regs* regs, long ret)
{
    struct task_struct* t = cur_task();
    unsigned long flags = 0;
    if (type == EV_CLONE_20_X)
        flags = sc_arg(regs, 0);
    else if (type == EV_CLONE3_X)
        flags = user_u64(sc_arg(regs, 0)); // clone_args.flags
    struct pid* tp = BPF_CORE_READ(t, thread_pid);
    __u32 level = BPF_CORE_READ(tp, level);
    struct upid top = pid_upid_at(tp, level);
    __u32 ppm = clone_flags_to_ppm(flags);
    if (level > 0 || BPF_CORE_READ(t, nsproxy, pid_ns_for_children) != top.ns)
        ppm |= 0x20000000; // CHILD_IN_PIDNS

    ev_start_res(e, type, 20, ret);
    ev_exe_args(e, ret < 0 ? 0 : read_mm_args(e, BPF_CORE_READ(t, mm)));
    ev_task_common(e, t);
    ev_u32(e, ppm);
    ev_u32(e, BPF_CORE_READ(t, cred, euid.val));
    ev_u32(e, BPF_CORE_READ(t, cred, egid.val));
    ev_u64(e, top.nr);
    ev_u64(e, pid_nr_at(BPF_CORE_READ(t, group_leader, thread_pid), level));
}

SYSCOPE_INLINE void ev_execve_exit(struct ev* e, __u16 type, struct pt_regs* regs, long ret)
{
    struct task_struct* t = cur_task();
    ev_start_res(e, type, 20, ret);
    // On success the arguments are those of the new image; on failure those the caller passed.
    bool at = type == EV_EXECVEAT_X;
    struct mm_struct* mm = BPF_CORE_READ(t, mm);
    __u64 len;
    if (ret >= 0)
        len = read_mm_args(e, mm);
    else
        len = read_user_vector(e, sc_arg(regs, at ? 2 : 1));
    ev_exe_args(e, len);
    ev_task_common(e, t);
    if (ret >= 0)
        len = mm ? read_mm_area(e, BPF_CORE_READ(mm, env_start), BPF_CORE_READ(mm, env_end)) : 0;
    else
        len = read_user_vector(e, sc_arg(regs, at ? 3 : 2));
    ev_temp_bytes(e, len);
    // tty as new_encode_dev(MKDEV(major, minor_start) + index) of the controlling terminal.
    __u32 tty_nr = 0;
    struct tty_struct* tty = BPF_CORE_READ(t, signal, tty);
    if (tty) {
        __u32 major = BPF_CORE_READ(tty, driver, major);
        __u32 minor = BPF_CORE_READ(tty, driver, minor_start) + BPF_CORE_READ(tty, index);
        tty_nr = encode_dev((major << 20) | minor);
    }
    ev_u32(e, tty_nr);
    struct pid* tp = BPF_CORE_READ(t, thread_pid);
    __u32 level = BPF_CORE_READ(tp, level);
    ev_u64(e, pid_nr_at(BPF_CORE_READ(t, signal, pids[PIDTYPE_PGID]), level));
    __u32 loginuid = 0xffffffff;
    if (bpf_core_field_exists(t->loginuid))
        loginuid = BPF_CORE_READ(t, loginuid.val);
    ev_u32(e, loginuid);
    // EXE_WRITABLE: whether this process may write its executable (owner, or write permission, or root).
    __u32 flags = 0;
    struct inode* ino = mm ? BPF_CORE_READ(mm, exe_file, f_inode) : NULL;
    if (ino) {
        __u32 euid = BPF_CORE_READ(t, cred, euid.val);
        __u32 egid = BPF_CORE_READ(t, cred, egid.val);
        umode_t mode = BPF_CORE_READ(ino, i_mode);
        __u32 iuid = BPF_CORE_READ(ino, i_uid.val);
        __u32 igid = BPF_CORE_READ(ino, i_gid.val);
        if (euid == 0 || euid == iuid || (mode & 0002) || (igid == egid && (mode & 0020)))
            flags |= 1;
    }
    ev_u32(e, flags);
}

SYSCOPE_INLINE bool process_enter(struct ev* e, __u16 type, struct pt_regs* regs)
{
    switch (type) {
    case EV_EXECVE_19_E:
        ev_start(e, type, 1);
        ev_path_arg(e, regs, 0);
        break;
    case EV_EXECVEAT_E: {
        unsigned long f = sc_arg(regs, 4);
        ev_start(e, type, 3);
        ev_dirfd_path(e, regs, 0);
        ev_u32(e, ((f & 0x1000) ? 1 : 0) | ((f & 0x100) ? 2 : 0));
        break;
    }
    case EV_KILL_E:
    case EV_TKILL_E:
        ev_start(e, type, 2);
        ev_u64(e, (__s32)sc_arg(regs, 0));
        ev_u8(e, sc_arg(regs, 1));
        break;
    case EV_TGKILL_E:
        ev_start(e, type, 3);
        ev_u64(e, (__s32)sc_arg(regs, 0));
        ev_u64(e, (__s32)sc_arg(regs, 1));
        ev_u8(e, sc_arg(regs, 2));
        break;
    case EV_SETUID_E:
    case EV_SETGID_E:
        ev_start(e, type, 1);
        ev_u32(e, sc_arg(regs, 0));
        break;
    case EV_SETRESUID_E:
    case EV_SETRESGID_E:
        ev_start(e, type, 3);
        ev_u32(e, sc_arg(regs, 0));
        ev_u32(e, sc_arg(regs, 1));
        ev_u32(e, sc_arg(regs, 2));
        break;
    case EV_SETPGID_E:
        ev_start(e, type, 2);
        ev_u64(e, (__s32)sc_arg(regs, 0));
        ev_u64(e, (__s32)sc_arg(regs, 1));
        break;
    case EV_GETRLIMIT_E:
    case EV_SETRLIMIT_E:
        ev_start(e, type, 1);
        ev_u8(e, rlimit_resource(sc_arg(regs, 0)));
        break;
    case EV_PRLIMIT_E:
        ev_start(e, type, 2);
        ev_u64(e, (__s32)sc_arg(regs, 0));
        ev_u8(e, rlimit_resource(sc_arg(regs, 1)));
        break;
    case EV_UNSHARE_E:
        ev_start(e, type, 1);
        ev_u32(e, clone_flags_to_ppm(sc_arg(regs, 0)));
        break;
    case EV_SETNS_E:
        ev_start_fd(e, type, 2, regs);
        ev_u32(e, clone_flags_to_ppm(sc_arg(regs, 1)));
        break;
    case EV_SECCOMP_E:
        ev_start(e, type, 1);
        ev_u64(e, sc_arg(regs, 0));
        break;
    case EV_CLONE_20_E:
    case EV_FORK_20_E:
    case EV_VFORK_20_E:
    case EV_CLONE3_E:
    case EV_GETUID_E:
    case EV_GETEUID_E:
    case EV_GETGID_E:
    case EV_GETEGID_E:
    case EV_GETRESUID_E:
    case EV_GETRESGID_E:
    case EV_SETSID_E: ev_start(e, type, 0); break;
    default: return false;
    }
    return true;
}

SYSCOPE_INLINE bool process_exit(struct ev* e, __u16 type, struct pt_regs* regs, long ret)
{
    switch (type) {
    case EV_CLONE_20_X:
    case EV_FORK_20_X:
    case EV_VFORK_20_X:
    case EV_CLONE3_X: ev_clone_exit(e, type, regs, ret); break;
    case EV_EXECVE_19_X:
    case EV_EXECVEAT_X: ev_execve_exit(e, type, regs, ret); break;
    case EV_KILL_X:
    case EV_TKILL_X:
    case EV_TGKILL_X:
    case EV_SETUID_X:
    case EV_SETGID_X:
    case EV_SETRESUID_X:
    case EV_SETRESGID_X:
    case EV_SETPGID_X:
    case EV_SETSID_X:
    case EV_UNSHARE_X:
    case EV_SETNS_X:
    case EV_SECCOMP_X: ev_start_res(e, type, 1, ret); break;
    case EV_GETUID_X:
    case EV_GETEUID_X:
    case EV_GETGID_X:
    case EV_GETEGID_X:
        ev_start(e, type, 1);
        ev_u32(e, ret);
        break;
    case EV_GETRESUID_X:
    case EV_GETRESGID_X: {
        bool ok = ret == 0;
        ev_start_res(e, type, 4, ret);
        ev_u32(e, ok ? user_u32(sc_arg(regs, 0)) : 0);
        ev_u32(e, ok ? user_u32(sc_arg(regs, 1)) : 0);
        ev_u32(e, ok ? user_u32(sc_arg(regs, 2)) : 0);
        break;
    }
    case EV_GETRLIMIT_X:
    case EV_SETRLIMIT_X: {
        __s64 lim[2] = {-1, -1};
        if (ret >= 0 || type == EV_SETRLIMIT_X)
            bpf_probe_read_user(&lim, sizeof(lim), (const void*)sc_arg(regs, 1));
        ev_start_res(e, type, 3, ret);
        ev_u64(e, lim[0]);
        ev_u64(e, lim[1]);
        break;
    }
    case EV_PRLIMIT_X: {
        __s64 newl[2] = {}, oldl[2] = {};
        unsigned long np = sc_arg(regs, 2), op = sc_arg(regs, 3);
        if (np)
            bpf_probe_read_user(&newl, sizeof(newl), (const void*)np);
        if (op && ret >= 0)
            bpf_probe_read_user(&oldl, sizeof(oldl), (const void*)op);
        ev_start_res(e, type, 5, ret);
        ev_u64(e, newl[0]);
        ev_u64(e, newl[1]);
        ev_u64(e, oldl[0]);
        ev_u64(e, oldl[1]);
        break;
    }
    default: return false;
    }
    return true;
}

SYSCOPE_FAMILY_PROGRAMS(process)
