// SPDX-License-Identifier: GPL-3.0-or-later
// The attached programs: the sys_enter/sys_exit dispatchers, which record generic events inline and
// tail-call the family program that fills any other event, plus process exit and signal delivery.
#define SYSCOPE_DEFINE_MAPS
#include "probe_common.bpf.h"

char LICENSE[] SEC("license") = "GPL";

// The enter and exit dispatchers differ only in the generic event and the table of family programs. Called
// with a constant `enter`, so that each program keeps its own fixed program table, as bpf_tail_call needs.
SYSCOPE_INLINE int dispatch(void* ctx, struct pt_regs* regs, long id, bool enter)
{
    if ((__u64)id >= SYSCOPE_SYSCALL_TABLE_SIZE || is_compat_syscall(regs))
        return 0;
    const volatile struct syscope_syscall_route* r = &syscope_routes[id];
    if (!r->enabled || current_ignored())
        return 0;
    __u16 generic = enter ? EV_GENERIC_E : EV_GENERIC_X;
    __u8 family = r->family;
    if (family != SYSCOPE_FAMILY_GENERIC) {
        bpf_tail_call(ctx, enter ? (void*)&syscope_enter_progs : (void*)&syscope_exit_progs, family);
        // Only reached when the family program is missing: keep the event as a generic one.
    }
    emit_generic(generic, r->ppm_sc, (__u16)id);
    return 0;
}

SEC("tp_btf/sys_enter")
int BPF_PROG(syscope_sys_enter, struct pt_regs* regs, long id) { return dispatch(ctx, regs, id, true); }

SEC("tp_btf/sys_exit")
int BPF_PROG(syscope_sys_exit, struct pt_regs* regs, long ret)
{
    return dispatch(ctx, regs, sc_id_at_exit(regs), false);
}

// procexit (186): the exit status as wait(2) would see it, split as the drivers do.
SEC("tp_btf/sched_process_exit")
int BPF_PROG(syscope_sched_process_exit, struct task_struct* task)
{
    if (!syscope_cfg.capture_procexit || current_ignored())
        return 0;
    struct ev e;
    if (!ev_begin(&e, EV_PROCEXIT_1_E, 4))
        return 0;
    __s32 code = BPF_CORE_READ(task, exit_code);
    __s32 termsig = code & 0x7f;
    ev_u64(&e, (__s64)code);
    ev_u64(&e, (__s64)((code >> 8) & 0xff));
    ev_u8(&e, (termsig != 0 && termsig != 0x7f) ? termsig : 0);
    ev_u8(&e, (code & 0x80) ? 1 : 0);
    ev_submit(&e);
    return 0;
}

// signaldeliver (232), in the context of the thread the signal is delivered to.
SEC("tp_btf/signal_deliver")
int BPF_PROG(syscope_signal_deliver, int sig, struct kernel_siginfo* info, struct k_sigaction* ka)
{
    if (!syscope_cfg.capture_signals || current_ignored())
        return 0;
    __s64 spid = 0;
    if (info) {
        int code = BPF_CORE_READ(info, si_code);
        // Sent by a process (kill, sigqueue, tkill) or a child's state change: the sender is known.
        if (code == 0 || code == -1 || code == -6 || (sig == 17 && code > 0))
            spid = BPF_CORE_READ(info, _sifields._kill._pid);
    }
    struct ev e;
    if (!ev_begin(&e, EV_SIGNALDELIVER_E, 3))
        return 0;
    ev_u64(&e, spid);
    ev_u64(&e, (__u32)bpf_get_current_pid_tgid());
    ev_u8(&e, (__u8)sig);
    ev_submit(&e);
    return 0;
}
