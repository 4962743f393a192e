// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Shared by every program of the probe: the maps (defined once in probe_main.bpf.c, extern elsewhere; the
// objects are linked by `bpftool gen object`), the load-time configuration, and the helpers that build one
// scap event record in the per-CPU scratch area and hand it to this CPU's ring buffer.
//
// Verifier notes. The scratch area is twice SYSCOPE_MAX_EVENT_SIZE: every write starts at an offset masked
// below SYSCOPE_MAX_EVENT_SIZE and is at most that long, which the verifier can prove in bounds. Variable
// pushes are clipped to the room left, so a record never grows past SYSCOPE_MAX_EVENT_SIZE; the upper half is
// scratch space for copies that are not part of the record (a sockaddr, an iovec array).
#include "vmlinux.h"

#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#include "event_ids.h"
#include "probe_wire.h"

#define SYSCOPE_INLINE static __always_inline
#define EVMASK (SYSCOPE_MAX_EVENT_SIZE - 1)
#define SAFE_OFF(x) ((x)&EVMASK)
// Where the upper (non-record) half of the scratch area starts.
#define SCRATCH_TEMP SYSCOPE_MAX_EVENT_SIZE
// Masks var in a way the compiler cannot drop, so that the verifier sees the bound even where the compiler
// already knows it (it may otherwise keep using an unmasked copy of the value).
#define SYSCOPE_BOUND(var, mask) asm volatile("%[v] &= %[m]" : [v] "+r"(var) : [m] "i"(mask))

// Kernel constants the probe needs that vmlinux.h (types only) does not carry.
#define SYSCOPE_AF_UNIX 1
#define SYSCOPE_AF_INET 2
#define SYSCOPE_AF_INET6 10
#define SYSCOPE_S_IFMT 00170000
#define SYSCOPE_S_IFSOCK 0140000
#define SYSCOPE_AT_FDCWD -100
#define SYSCOPE_PAGE_SIZE 4096
#define SYSCOPE_EINPROGRESS 115

struct syscope_scratch {
    __u8 data[SYSCOPE_SCRATCH_SIZE];
};

struct syscope_ringbuf {
    __uint(type, BPF_MAP_TYPE_RINGBUF);
    __uint(max_entries, SYSCOPE_DEFAULT_RING_BYTES);
};

// Map and data declarations. SYSCOPE_DEFINE_MAPS is set by exactly one object (probe_main.bpf.c).
#ifdef SYSCOPE_DEFINE_MAPS
#define SYSCOPE_EXTERN
#else
#define SYSCOPE_EXTERN extern
#endif

// One record-building area per CPU (indexed by CPU; sized to the CPU count at load).
SYSCOPE_EXTERN struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, SYSCOPE_MAX_CPUS);
    __type(key, __u32);
    __type(value, struct syscope_scratch);
} syscope_scratch SEC(".maps");

// One ring buffer per CPU: records of one CPU stay in time order, user space merges the CPUs.
SYSCOPE_EXTERN struct {
    __uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
    __uint(max_entries, SYSCOPE_MAX_CPUS);
    __type(key, __u32);
    __array(values, struct syscope_ringbuf);
} syscope_rings SEC(".maps");

// Family programs, tail-called by the dispatchers (enter and exit programs attach to different hooks, so
// they live in different tables).
SYSCOPE_EXTERN struct {
    __uint(type, BPF_MAP_TYPE_PROG_ARRAY);
    __uint(max_entries, SYSCOPE_FAMILY_COUNT);
    __type(key, __u32);
    __type(value, __u32);
} syscope_enter_progs SEC(".maps");

SYSCOPE_EXTERN struct {
    __uint(type, BPF_MAP_TYPE_PROG_ARRAY);
    __uint(max_entries, SYSCOPE_FAMILY_COUNT);
    __type(key, __u32);
    __type(value, __u32);
} syscope_exit_progs SEC(".maps");

// Set by the loader before load; frozen afterwards.
SYSCOPE_EXTERN const volatile struct syscope_config syscope_cfg;
SYSCOPE_EXTERN const volatile struct syscope_syscall_route syscope_routes[SYSCOPE_SYSCALL_TABLE_SIZE];
// Per-CPU counters, read by user space through the mmapped .bss.
SYSCOPE_EXTERN struct syscope_cpu_counters syscope_counters[SYSCOPE_MAX_CPUS];

// ---- syscall arguments -------------------------------------------------------------------------------------

// x86-64 syscall argument n from the user registers (valid at entry, and at exit since the kernel leaves them).
// regs is a trusted BTF pointer in tp_btf programs: plain loads, no helper call.
SYSCOPE_INLINE unsigned long sc_arg(struct pt_regs* regs, int n)
{
    switch (n) {
    case 0: return regs->di;
    case 1: return regs->si;
    case 2: return regs->dx;
    case 3: return regs->r10;
    case 4: return regs->r8;
    default: return regs->r9;
    }
}

SYSCOPE_INLINE long sc_id_at_exit(struct pt_regs* regs) { return (long)regs->orig_ax; }

// A value in user memory that an argument points to (an offset, a mask, a length); 0 when the pointer is NULL
// or unreadable. user_u32, user_u64.
#define SYSCOPE_DEFINE_USER_READ(bits)                                                                                 \
    SYSCOPE_INLINE __u##bits user_u##bits(unsigned long uptr)                                                          \
    {                                                                                                                  \
        __u##bits v = 0;                                                                                               \
        if (uptr)                                                                                                      \
            bpf_probe_read_user(&v, sizeof(v), (const void*)uptr);                                                     \
        return v;                                                                                                      \
    }
SYSCOPE_DEFINE_USER_READ(32)
SYSCOPE_DEFINE_USER_READ(64)
#undef SYSCOPE_DEFINE_USER_READ

// A 32-bit task's syscalls come with the i386 numbering, which the routing table does not describe: they are
// not recorded. Such tasks run with the 32-bit user code segment (__USER32_CS).
SYSCOPE_INLINE bool is_compat_syscall(struct pt_regs* regs) { return (regs->cs & 0xffff) == 0x23; }

SYSCOPE_INLINE bool tgid_ignored(__u32 tgid)
{
    __u32 n = syscope_cfg.n_ignored;
    for (int i = 0; i < SYSCOPE_MAX_IGNORED_PIDS; i++) {
        if (i >= n)
            break;
        if (syscope_cfg.ignored_tgids[i] == tgid)
            return true;
    }
    return false;
}

// Whether the current process is one whose events are not captured.
SYSCOPE_INLINE bool current_ignored(void) { return tgid_ignored(bpf_get_current_pid_tgid() >> 32); }

SYSCOPE_INLINE struct syscope_cpu_counters* cpu_counters(__u32 cpu)
{
    return &syscope_counters[cpu & (SYSCOPE_MAX_CPUS - 1)];
}

// ---- building a record ---------------------------------------------------------------------------------------

struct ev {
    __u8* buf; // scratch area of this CPU
    __u32 pos; // next parameter byte
    __u32 idx; // next parameter index
    __u32 cpu;
};

// The scratch area of this CPU. Separate from ev_start so that a program can look it up once, before it
// knows which event it records; it cannot fail for a CPU the maps were sized for.
SYSCOPE_INLINE bool ev_init(struct ev* e)
{
    __u32 cpu = bpf_get_smp_processor_id();
    e->buf = bpf_map_lookup_elem(&syscope_scratch, &cpu);
    if (!e->buf)
        return false;
    e->cpu = cpu;
    return true;
}

// The header of a record of `type` with nparams parameters; the event's time is taken here.
SYSCOPE_INLINE void ev_start(struct ev* e, __u16 type, __u32 nparams)
{
    *(__u64*)(e->buf) = bpf_ktime_get_boot_ns() + syscope_cfg.boot_time_ns;
    *(__u64*)(e->buf + 8) = (__u32)bpf_get_current_pid_tgid();
    *(__u16*)(e->buf + 20) = type;
    *(__u32*)(e->buf + 22) = nparams;
    e->pos = SYSCOPE_EVENT_HEADER_SIZE + 2 * (nparams & (SYSCOPE_MAX_EVENT_PARAMS - 1));
    e->idx = 0;
}

// Both at once, for programs that record one kind of event.
SYSCOPE_INLINE bool ev_begin(struct ev* e, __u16 type, __u32 nparams)
{
    if (!ev_init(e))
        return false;
    ev_start(e, type, nparams);
    return true;
}

SYSCOPE_INLINE void ev_len(struct ev* e, __u32 len)
{
    *(__u16*)(e->buf + SYSCOPE_EVENT_HEADER_SIZE + ((e->idx * 2) & (2 * SYSCOPE_MAX_EVENT_PARAMS - 1))) = len;
    e->idx++;
}

SYSCOPE_INLINE __u32 ev_room(struct ev* e)
{
    return e->pos < SYSCOPE_MAX_EVENT_SIZE ? SYSCOPE_MAX_EVENT_SIZE - e->pos : 0;
}

SYSCOPE_INLINE void ev_empty(struct ev* e) { ev_len(e, 0); }

// ev_raw_u8/16/32/64 append to the current parameter without a length entry (for composite parameters);
// ev_u8/16/32/64 push a whole parameter of that width. One definition serves every width.
#define SYSCOPE_DEFINE_PUSH(bits)                                                                                      \
    SYSCOPE_INLINE void ev_raw_u##bits(struct ev* e, __u##bits v)                                                      \
    {                                                                                                                  \
        *(__u##bits*)(e->buf + SAFE_OFF(e->pos)) = v;                                                                  \
        e->pos += bits / 8;                                                                                            \
    }                                                                                                                  \
    SYSCOPE_INLINE void ev_u##bits(struct ev* e, __u##bits v)                                                          \
    {                                                                                                                  \
        ev_raw_u##bits(e, v);                                                                                          \
        ev_len(e, bits / 8);                                                                                           \
    }
SYSCOPE_DEFINE_PUSH(8)
SYSCOPE_DEFINE_PUSH(16)
SYSCOPE_DEFINE_PUSH(32)
SYSCOPE_DEFINE_PUSH(64)
#undef SYSCOPE_DEFINE_PUSH

// What sysdig's drivers store for a string they could not read (a NULL pointer, unreadable memory).
SYSCOPE_INLINE void ev_null_str(struct ev* e)
{
    __u8* p = e->buf + SAFE_OFF(e->pos);
    p[0] = '(';
    p[1] = 'N';
    p[2] = 'U';
    p[3] = 'L';
    p[4] = 'L';
    p[5] = ')';
    p[6] = 0;
    e->pos += 7;
    ev_len(e, 7);
}

// An empty string (a single NUL): a zero-length string parameter renders unpredictably in sysdig 0.29.3.
SYSCOPE_INLINE void ev_empty_str(struct ev* e)
{
    *(e->buf + SAFE_OFF(e->pos)) = 0;
    e->pos += 1;
    ev_len(e, 1);
}

// A NUL-terminated string from user memory (CHARBUF/FSPATH/FSRELPATH), at most max bytes with the NUL.
SYSCOPE_INLINE void ev_user_str(struct ev* e, unsigned long uptr, __u32 max)
{
    __u32 room = ev_room(e);
    if (max > room)
        max = room;
    if (!uptr || max < 8) {
        if (max < 8)
            ev_empty(e);
        else
            ev_null_str(e);
        return;
    }
    long n = bpf_probe_read_user_str(e->buf + SAFE_OFF(e->pos), max & EVMASK, (const void*)uptr);
    if (n <= 0) {
        ev_null_str(e);
        return;
    }
    e->pos += n;
    ev_len(e, n);
}

// The same from kernel memory (comm, names in kernel structures).
SYSCOPE_INLINE void ev_kernel_str(struct ev* e, const void* kptr, __u32 max)
{
    __u32 room = ev_room(e);
    if (max > room)
        max = room;
    long n = kptr && max ? bpf_probe_read_kernel_str(e->buf + SAFE_OFF(e->pos), max & EVMASK, kptr) : 0;
    if (n <= 0) {
        // An empty string, never a missing parameter (readers render a zero-length string unpredictably).
        if (ev_room(e) > 0)
            ev_empty_str(e);
        else
            ev_empty(e);
        return;
    }
    e->pos += n;
    ev_len(e, n);
}

// A string from kernel memory appended to the current parameter with its NUL (paths inside socket
// parameters); a lone NUL when there is none, so that the parameter still parses.
SYSCOPE_INLINE void ev_raw_kernel_str(struct ev* e, const void* kptr, __u32 max)
{
    long n = kptr ? bpf_probe_read_kernel_str(e->buf + SAFE_OFF(e->pos), max, kptr) : 0;
    if (n <= 0) {
        *(e->buf + SAFE_OFF(e->pos)) = 0;
        n = 1;
    }
    e->pos += n;
}

// Up to len bytes of user memory as a BYTEBUF (empty when unreadable).
SYSCOPE_INLINE __u32 ev_user_bytes_raw(struct ev* e, unsigned long uptr, __u64 len)
{
    __u32 room = ev_room(e);
    if (len > room)
        len = room;
    if (!uptr || len == 0)
        return 0;
    __u32 n = len & EVMASK;
    if (n == 0 || bpf_probe_read_user(e->buf + SAFE_OFF(e->pos), n, (const void*)uptr) != 0)
        return 0;
    e->pos += n;
    return n;
}

SYSCOPE_INLINE void ev_user_bytes(struct ev* e, unsigned long uptr, __u64 len)
{
    ev_len(e, ev_user_bytes_raw(e, uptr, len));
}

// How many of len (> 0) transferred bytes an I/O buffer keeps: the first snaplen, and never more than one
// copy into the scratch area can take.
SYSCOPE_INLINE __u64 snap_len(__s64 len)
{
    __u64 n = len;
    if (n > syscope_cfg.snaplen)
        n = syscope_cfg.snaplen;
    if (n > SYSCOPE_MAX_SNAPLEN)
        n = SYSCOPE_MAX_SNAPLEN;
    return n;
}

// An I/O buffer: the first snaplen bytes.
SYSCOPE_INLINE void ev_io_buf(struct ev* e, unsigned long uptr, __s64 len)
{
    if (len <= 0)
        ev_empty(e);
    else
        ev_user_bytes(e, uptr, snap_len(len));
}

// ---- iovec arrays (readv/writev, sendmsg/recvmsg) -------------------------------------------------------

#define MAX_IOVECS 16

// The iovec array of a vectored call, copied into the upper scratch half. Returns how many entries were read.
SYSCOPE_INLINE __u32 read_iovecs(struct ev* e, unsigned long uiov, unsigned long cnt)
{
    if (!uiov || cnt == 0)
        return 0;
    if (cnt > MAX_IOVECS)
        cnt = MAX_IOVECS;
    __u32 bytes = (cnt * 16) & 0x1ff;
    if (bpf_probe_read_user(e->buf + SCRATCH_TEMP + 1024, bytes, (const void*)uiov) != 0)
        return 0;
    return cnt;
}

SYSCOPE_INLINE __u64 iov_total(struct ev* e, __u32 n)
{
    __u64 total = 0;
    const __u64* iov = (const __u64*)(e->buf + SCRATCH_TEMP + 1024);
    for (int i = 0; i < MAX_IOVECS; i++) {
        if (i >= n)
            break;
        total += iov[2 * i + 1];
    }
    return total;
}

struct iov_copy {
    struct ev* e;
    __u32 n;     // iovecs read
    __u32 total; // bytes copied
    __u64 left;  // bytes still wanted
};

// One iovec per call; bpf_loop keeps the verifier's work to one pass over the body.
static long iov_copy_one(__u64 i, void* data)
{
    struct iov_copy* c = data;
    if (i >= c->n || c->left == 0)
        return 1;
    const __u64* iov = (const __u64*)(c->e->buf + SCRATCH_TEMP + 1024);
    __u64 len = iov[(2 * i + 1) & (2 * MAX_IOVECS - 1)];
    if (len > c->left)
        len = c->left;
    __u32 got = ev_user_bytes_raw(c->e, iov[(2 * i) & (2 * MAX_IOVECS - 1)], len);
    c->total += got;
    c->left -= got;
    return got == len ? 0 : 1;
}

// The buffers of an iovec array as one BYTEBUF: at most limit bytes (what was transferred), and snaplen.
SYSCOPE_INLINE void ev_iov_data(struct ev* e, __u32 n, __s64 limit)
{
    if (limit <= 0 || n == 0) {
        ev_empty(e);
        return;
    }
    struct iov_copy c = {.e = e, .n = n, .total = 0, .left = snap_len(limit)};
    bpf_loop(MAX_IOVECS, iov_copy_one, &c, 0);
    ev_len(e, c.total);
}

// The data of a call that hands bytes to the kernel (write, send, and their vectored forms): what was
// transferred or, when the call failed, what the caller asked for, as the drivers report it.
SYSCOPE_INLINE void ev_out_buf(struct ev* e, unsigned long uptr, long ret, unsigned long asked)
{
    ev_io_buf(e, uptr, ret > 0 ? ret : (__s64)asked);
}
SYSCOPE_INLINE void ev_out_iov(struct ev* e, __u32 n, long ret)
{
    ev_iov_data(e, n, ret > 0 ? ret : (__s64)iov_total(e, n));
}

// The size and data of a vectored call that receives (readv, recvmsg): never more than was transferred.
SYSCOPE_INLINE void ev_in_iov(struct ev* e, __u32 n, long ret)
{
    __u64 size = iov_total(e, n);
    if (ret <= 0)
        size = 0;
    else if (size > (__u64)ret)
        size = ret;
    ev_u32(e, size);
    ev_iov_data(e, n, ret);
}

// Hands the record to this CPU's ring buffer; never waits: a full buffer counts a drop.
SYSCOPE_INLINE void ev_submit(struct ev* e)
{
    struct syscope_cpu_counters* c = cpu_counters(e->cpu);
    __u64 len = e->pos;
    if (len > SYSCOPE_MAX_EVENT_SIZE) {
        c->drops_too_big++;
        return;
    }
    SYSCOPE_BOUND(len, SYSCOPE_SCRATCH_SIZE - 1);
    *(__u32*)(e->buf + 16) = len;
    void* rb = bpf_map_lookup_elem(&syscope_rings, &e->cpu);
    if (!rb) {
        c->drops_full++;
        return;
    }
    if (bpf_ringbuf_output(rb, e->buf, len, BPF_RB_NO_WAKEUP) != 0)
        c->drops_full++;
    else
        c->events++;
}

// ---- task and file helpers -----------------------------------------------------------------------------------

SYSCOPE_INLINE struct task_struct* cur_task(void) { return (struct task_struct*)bpf_get_current_task_btf(); }

SYSCOPE_INLINE struct file* fd_to_file(__s64 fd)
{
    if (fd < 0)
        return NULL;
    struct task_struct* t = cur_task();
    struct fdtable* fdt = BPF_CORE_READ(t, files, fdt);
    if (!fdt)
        return NULL;
    unsigned int max = BPF_CORE_READ(fdt, max_fds);
    if (fd >= max)
        return NULL;
    struct file** fds = BPF_CORE_READ(fdt, fd);
    struct file* f = NULL;
    bpf_probe_read_kernel(&f, sizeof(f), &fds[fd & 0xfffffff]);
    return f;
}

// Linux's new_encode_dev of a kernel dev_t (major << 20 | minor), as the drivers report devices.
SYSCOPE_INLINE __u32 encode_dev(__u32 dev)
{
    __u32 major = dev >> 20, minor = dev & 0xfffff;
    return (minor & 0xff) | (major << 8) | ((minor & ~0xffu) << 12);
}

SYSCOPE_INLINE void fd_dev_ino(__s64 fd, __u32* dev, __u64* ino)
{
    *dev = 0;
    *ino = 0;
    struct file* f = fd_to_file(fd);
    if (!f)
        return;
    struct inode* inode = BPF_CORE_READ(f, f_inode);
    if (!inode)
        return;
    *ino = BPF_CORE_READ(inode, i_ino);
    *dev = encode_dev(BPF_CORE_READ(inode, i_sb, s_dev));
}

SYSCOPE_INLINE struct socket* fd_to_socket(__s64 fd)
{
    struct file* f = fd_to_file(fd);
    if (!f)
        return NULL;
    umode_t mode = BPF_CORE_READ(f, f_inode, i_mode);
    if ((mode & SYSCOPE_S_IFMT) != SYSCOPE_S_IFSOCK)
        return NULL;
    return (struct socket*)BPF_CORE_READ(f, private_data);
}

// ---- memory totals ---------------------------------------------------------------------------------------------

// Before 6.2 the rss counters were atomics in struct mm_rss_stat; since, they are percpu_counters.
struct mm_rss_stat___pre62 {
    atomic_long_t count[4];
} __attribute__((preserve_access_index));
struct mm_struct___pre62 {
    struct mm_rss_stat___pre62 rss_stat;
} __attribute__((preserve_access_index));

// Pages of one rss counter (0 file, 1 anon, 2 swap entries, 3 shmem), never negative.
SYSCOPE_INLINE __s64 mm_counter(struct mm_struct* mm, int i)
{
    __s64 v;
    if (bpf_core_type_exists(struct mm_rss_stat___pre62)) {
        struct mm_struct___pre62* old = (void*)mm;
        v = BPF_CORE_READ(old, rss_stat.count[i & 3].counter);
    } else {
        v = BPF_CORE_READ(mm, rss_stat[i & 3].count);
    }
    return v > 0 ? v : 0;
}

// vm_size, vm_rss, vm_swap in KiB (4 KiB pages), as the exits of clone, execve, mmap, munmap and brk report.
SYSCOPE_INLINE void ev_vm_totals(struct ev* e, struct mm_struct* mm)
{
    __u32 vm = 0, rss = 0, swap = 0;
    if (mm) {
        vm = BPF_CORE_READ(mm, total_vm) << 2;
        rss = (mm_counter(mm, 0) + mm_counter(mm, 1) + mm_counter(mm, 3)) << 2;
        swap = mm_counter(mm, 2) << 2;
    }
    ev_u32(e, vm);
    ev_u32(e, rss);
    ev_u32(e, swap);
}

// ---- flag translations (Linux -> the PPM values of the event table, scap-format.md 3.5) ----------------------

SYSCOPE_INLINE __u32 open_flags_to_ppm(__u64 f)
{
    __u32 r;
    switch (f & 3) {
    case 1: r = 0x2; break;  // O_WRONLY
    case 2: r = 0x3; break;  // O_RDWR
    default: r = 0x1; break; // O_RDONLY
    }
    if (f & 0100)
        r |= 0x4; // O_CREAT
    if ((f & 020200000) == 020200000)
        r |= 0x2000; // O_TMPFILE (includes O_DIRECTORY)
    if (f & 02000)
        r |= 0x8; // O_APPEND
    if (f & 010000)
        r |= 0x10; // O_DSYNC
    if (f & 0200)
        r |= 0x20; // O_EXCL
    if (f & 04000)
        r |= 0x40; // O_NONBLOCK
    if ((f & 04010000) == 04010000)
        r |= 0x80; // O_SYNC (includes O_DSYNC)
    if (f & 01000)
        r |= 0x100; // O_TRUNC
    if (f & 040000)
        r |= 0x200; // O_DIRECT
    if (f & 0200000)
        r |= 0x400; // O_DIRECTORY
    if (f & 0100000)
        r |= 0x800; // O_LARGEFILE
    if (f & 02000000)
        r |= 0x1000; // O_CLOEXEC
    return r;
}

// The mode only matters (and is only reported) when the call may create the file.
SYSCOPE_INLINE __u32 open_mode_to_ppm(__u64 flags, __u64 mode)
{
    if (!(flags & (0100 | 020000000)))
        return 0;
    return mode & 07777; // the PPM mode bits equal Linux's
}

SYSCOPE_INLINE __u32 clone_flags_to_ppm(__u64 f)
{
    __u32 r = 0;
    if (f & 0x400)
        r |= 0x1; // CLONE_FILES
    if (f & 0x200)
        r |= 0x2; // CLONE_FS
    if (f & 0x80000000ull)
        r |= 0x4; // CLONE_IO
    if (f & 0x08000000)
        r |= 0x8; // CLONE_NEWIPC
    if (f & 0x40000000)
        r |= 0x10; // CLONE_NEWNET
    if (f & 0x00020000)
        r |= 0x20; // CLONE_NEWNS
    if (f & 0x20000000)
        r |= 0x40; // CLONE_NEWPID
    if (f & 0x04000000)
        r |= 0x80; // CLONE_NEWUTS
    if (f & 0x00008000)
        r |= 0x100; // CLONE_PARENT
    if (f & 0x00100000)
        r |= 0x200; // CLONE_PARENT_SETTID
    if (f & 0x00002000)
        r |= 0x400; // CLONE_PTRACE
    if (f & 0x00000800)
        r |= 0x800; // CLONE_SIGHAND
    if (f & 0x00040000)
        r |= 0x1000; // CLONE_SYSVSEM
    if (f & 0x00010000)
        r |= 0x2000; // CLONE_THREAD
    if (f & 0x00800000)
        r |= 0x4000; // CLONE_UNTRACED
    if (f & 0x00000100)
        r |= 0x8000; // CLONE_VM
    if (f & 0x10000000)
        r |= 0x100000; // CLONE_NEWUSER
    if (f & 0x00200000)
        r |= 0x800000; // CLONE_CHILD_CLEARTID
    if (f & 0x01000000)
        r |= 0x1000000; // CLONE_CHILD_SETTID
    if (f & 0x00080000)
        r |= 0x2000000; // CLONE_SETTLS
    if (f & 0x00004000)
        r |= 0x8000000; // CLONE_VFORK
    if (f & 0x02000000)
        r |= 0x10000000; // CLONE_NEWCGROUP
    return r;
}

SYSCOPE_INLINE __s64 fd_arg(unsigned long v) { return (__s64)(__s32)v; }

SYSCOPE_INLINE __s64 dirfd_arg(unsigned long v)
{
    return (__s64)(__s32)v; // AT_FDCWD is -100 in both numberings
}

// ---- sockets ---------------------------------------------------------------------------------------------------

// A user sockaddr packed as a SOCKADDR parameter (family byte + address, scap-format.md 3.3).
SYSCOPE_INLINE void ev_sockaddr_from_user(struct ev* e, unsigned long uaddr, __u32 ulen)
{
    if (!uaddr || ulen == 0 || ev_room(e) < 128) {
        ev_empty(e);
        return;
    }
    __u64 n = ulen > 110 ? 110 : ulen; // sizeof(struct sockaddr_un)
    SYSCOPE_BOUND(n, 127);
    __u8* tmp = e->buf + SCRATCH_TEMP;
    if (bpf_probe_read_user(tmp, n, (const void*)uaddr) != 0) {
        ev_empty(e);
        return;
    }
    __u16 family = *(__u16*)tmp;
    __u32 start = e->pos;
    if (family == SYSCOPE_AF_INET) {
        ev_raw_u8(e, SYSCOPE_AF_INET);
        ev_raw_u32(e, *(__u32*)(tmp + 4));
        ev_raw_u16(e, bpf_ntohs(*(__u16*)(tmp + 2)));
    } else if (family == SYSCOPE_AF_INET6) {
        ev_raw_u8(e, SYSCOPE_AF_INET6);
        ev_raw_u64(e, *(__u64*)(tmp + 8));
        ev_raw_u64(e, *(__u64*)(tmp + 16));
        ev_raw_u16(e, bpf_ntohs(*(__u16*)(tmp + 2)));
    } else if (family == SYSCOPE_AF_UNIX) {
        ev_raw_u8(e, SYSCOPE_AF_UNIX);
        tmp[n] = 0; // the caller's length need not include a NUL
        // Abstract names start with a NUL, which is dropped.
        ev_raw_kernel_str(e, tmp + (tmp[2] == 0 ? 3 : 2), 109);
    } else {
        ev_empty(e);
        return;
    }
    ev_len(e, e->pos - start);
}

// The user sockaddr in the upper half of the scratch area, for tuples: family, then IPv4/IPv6 address and port
// (host order) or the unix path. Returns the family, 0 when there is none.
struct user_addr {
    __u16 family;
    __u16 port;
    __u32 ip4;
    __u64 ip6[2];
    const __u8* unix_path; // in the scratch area
};

SYSCOPE_INLINE bool read_user_addr(struct ev* e, unsigned long uaddr, __u32 ulen, struct user_addr* out)
{
    out->family = 0;
    if (!uaddr || ulen == 0)
        return false;
    __u64 n = ulen > 110 ? 110 : ulen;
    SYSCOPE_BOUND(n, 127);
    __u8* tmp = e->buf + SCRATCH_TEMP + 256;
    if (bpf_probe_read_user(tmp, n, (const void*)uaddr) != 0)
        return false;
    tmp[n] = 0;
    out->family = *(__u16*)tmp;
    out->port = bpf_ntohs(*(__u16*)(tmp + 2));
    out->ip4 = *(__u32*)(tmp + 4);
    out->ip6[0] = *(__u64*)(tmp + 8);
    out->ip6[1] = *(__u64*)(tmp + 16);
    out->unix_path = tmp + (tmp[2] == 0 ? 3 : 2);
    return true;
}

// Path of a unix socket's bound address (kernel memory), abstract names without their leading NUL.
SYSCOPE_INLINE void ev_raw_unix_path(struct ev* e, struct unix_sock* us)
{
    struct unix_address* addr = us ? BPF_CORE_READ(us, addr) : NULL;
    char* path = NULL;
    if (addr) {
        path = (char*)addr + bpf_core_field_offset(struct unix_address, name) + 2;
        char first = 0;
        bpf_probe_read_kernel(&first, 1, path);
        if (first == 0)
            path++;
    }
    ev_raw_kernel_str(e, path, 108);
}

// A SOCKTUPLE for the socket behind fd. outbound: local endpoint first (connect, send); inbound: the peer first
// (accept, receive). A user address, when given, names the remote end (connect's and sendto's destination,
// recvfrom's source), as the drivers take it.
SYSCOPE_INLINE void ev_socktuple(struct ev* e, __s64 fd, bool inbound, struct user_addr* ua)
{
    struct socket* sock = fd_to_socket(fd);
    struct sock* sk = sock ? BPF_CORE_READ(sock, sk) : NULL;
    if (!sk || ev_room(e) < 160) {
        ev_empty(e);
        return;
    }
    __u16 family = BPF_CORE_READ(sk, __sk_common.skc_family);
    __u32 start = e->pos;
    bool use_user = ua && ua->family == family;
    if (family == SYSCOPE_AF_INET) {
        struct inet_sock* inet = (struct inet_sock*)sk;
        __u32 lip = BPF_CORE_READ(inet, inet_saddr);
        if (!lip)
            lip = BPF_CORE_READ(sk, __sk_common.skc_rcv_saddr);
        __u16 lport = bpf_ntohs(BPF_CORE_READ(inet, inet_sport));
        __u32 rip = use_user ? ua->ip4 : BPF_CORE_READ(sk, __sk_common.skc_daddr);
        __u16 rport = use_user ? ua->port : bpf_ntohs(BPF_CORE_READ(sk, __sk_common.skc_dport));
        ev_raw_u8(e, SYSCOPE_AF_INET);
        if (inbound) {
            ev_raw_u32(e, rip);
            ev_raw_u16(e, rport);
            ev_raw_u32(e, lip);
            ev_raw_u16(e, lport);
        } else {
            ev_raw_u32(e, lip);
            ev_raw_u16(e, lport);
            ev_raw_u32(e, rip);
            ev_raw_u16(e, rport);
        }
    } else if (family == SYSCOPE_AF_INET6) {
        __u64 l[2] = {}, r[2] = {};
        BPF_CORE_READ_INTO(&l, sk, __sk_common.skc_v6_rcv_saddr);
        if (use_user) {
            r[0] = ua->ip6[0];
            r[1] = ua->ip6[1];
        } else {
            BPF_CORE_READ_INTO(&r, sk, __sk_common.skc_v6_daddr);
        }
        struct inet_sock* inet = (struct inet_sock*)sk;
        __u16 lport = bpf_ntohs(BPF_CORE_READ(inet, inet_sport));
        __u16 rport = use_user ? ua->port : bpf_ntohs(BPF_CORE_READ(sk, __sk_common.skc_dport));
        ev_raw_u8(e, SYSCOPE_AF_INET6);
        if (inbound) {
            ev_raw_u64(e, r[0]);
            ev_raw_u64(e, r[1]);
            ev_raw_u16(e, rport);
            ev_raw_u64(e, l[0]);
            ev_raw_u64(e, l[1]);
            ev_raw_u16(e, lport);
        } else {
            ev_raw_u64(e, l[0]);
            ev_raw_u64(e, l[1]);
            ev_raw_u16(e, lport);
            ev_raw_u64(e, r[0]);
            ev_raw_u64(e, r[1]);
            ev_raw_u16(e, rport);
        }
    } else if (family == SYSCOPE_AF_UNIX) {
        struct unix_sock* us = (struct unix_sock*)sk;
        struct unix_sock* peer = (struct unix_sock*)BPF_CORE_READ(us, peer);
        ev_raw_u8(e, SYSCOPE_AF_UNIX);
        if (inbound) {
            ev_raw_u64(e, (__u64)us);
            ev_raw_u64(e, (__u64)peer);
            ev_raw_unix_path(e, us);
        } else {
            ev_raw_u64(e, (__u64)peer);
            ev_raw_u64(e, (__u64)us);
            if (use_user)
                ev_raw_kernel_str(e, ua->unix_path, 108);
            else
                ev_raw_unix_path(e, peer);
        }
    } else {
        ev_empty(e);
        return;
    }
    ev_len(e, e->pos - start);
}

// The tuple of a call that names the remote end itself (sendto's destination, recvfrom's source).
SYSCOPE_INLINE void ev_socktuple_addr(struct ev* e, __s64 fd, bool inbound, unsigned long uaddr, __u32 ulen)
{
    struct user_addr ua = {};
    read_user_addr(e, uaddr, ulen, &ua);
    ev_socktuple(e, fd, inbound, &ua);
}

// ---- generic events --------------------------------------------------------------------------------------------

// The generic pair for syscall `id`: enter carries the PPM_SC code and the native number, exit the code only
// (sysdig 0.29.3's table). Built on the stack: the hottest path of the probe.
SYSCOPE_INLINE void emit_generic(__u16 type, __u16 ppm_sc, __u16 native)
{
    struct {
        __u64 ts;
        __u64 tid;
        __u32 len;
        __u16 type;
        __u16 nparams_lo;
        __u16 nparams_hi;
        __u16 len0;
        __u16 len1_or_id;
        __u16 id_or_native;
        __u16 native;
    } rec;
    __u32 cpu = bpf_get_smp_processor_id();
    struct syscope_cpu_counters* c = cpu_counters(cpu);
    void* rb = bpf_map_lookup_elem(&syscope_rings, &cpu);
    if (!rb)
        return;
    rec.ts = bpf_ktime_get_boot_ns() + syscope_cfg.boot_time_ns;
    rec.tid = (__u32)bpf_get_current_pid_tgid();
    rec.type = type;
    rec.nparams_hi = 0;
    rec.len0 = 2;
    __u32 size;
    if (type == EV_GENERIC_E) {
        rec.nparams_lo = 2;
        rec.len1_or_id = 2;
        rec.id_or_native = ppm_sc;
        rec.native = native;
        size = SYSCOPE_EVENT_HEADER_SIZE + 4 + 4;
    } else {
        rec.nparams_lo = 1;
        rec.len1_or_id = ppm_sc;
        rec.id_or_native = 0;
        rec.native = 0;
        size = SYSCOPE_EVENT_HEADER_SIZE + 2 + 2;
    }
    rec.len = size;
    if (bpf_ringbuf_output(rb, &rec, size, BPF_RB_NO_WAKEUP) != 0)
        c->drops_full++;
    else
        c->events++;
}

// A family program asked for an event it does not fill: record the generic pair instead, so nothing is lost.
SYSCOPE_INLINE void emit_generic_for(long id, bool enter)
{
    if ((__u64)id >= SYSCOPE_SYSCALL_TABLE_SIZE)
        return;
    emit_generic(enter ? EV_GENERIC_E : EV_GENERIC_X, syscope_routes[id].ppm_sc, (__u16)id);
}
