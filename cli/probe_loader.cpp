// SPDX-License-Identifier: GPL-3.0-or-later
#include "probe_loader.h"

#include <linux/types.h>

#include "event_ids.h"
#include "probe_wire.h"
#include "syscope_probe.skel.h"

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include <cerrno>
#include <cstdarg>
#include <cstring>
#include <set>
#include <sys/mman.h>
#include <unistd.h>

namespace syscope::cli {
namespace {

struct SyscallRow {
    uint16_t nr;
    const char* name;
    uint16_t enter, exit, ppmSc;
};

constexpr SyscallRow kSyscalls[] = {
#define SYSCOPE_SYSCALL(nr, name, enter, exit, ppm_sc) {nr, #name, enter, exit, ppm_sc},
#include "syscall_table_x86_64.h"
#undef SYSCOPE_SYSCALL
};

// The family program that fills an event pair, or GENERIC when the probe does not fill that pair.
uint8_t familyOf(uint16_t enterEvent)
{
    switch (enterEvent) {
#define SYSCOPE_HANDLED(ev, family)                                                                                    \
    case ev: return family;
        SYSCOPE_HANDLED_EVENTS
#undef SYSCOPE_HANDLED
    default: return SYSCOPE_FAMILY_GENERIC;
    }
}

// libbpf prints through this: warnings and errors only, prefixed so they read as ours.
std::string g_libbpfLog;
int libbpfPrint(enum libbpf_print_level level, const char* fmt, va_list ap)
{
    if (level == LIBBPF_DEBUG)
        return 0;
    char buf[1024];
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    if (g_libbpfLog.size() < 64 * 1024)
        g_libbpfLog += buf;
    return n;
}

Error loadError(const std::string& what, int err)
{
    std::string msg = what + ": " + std::strerror(err);
    if (err == EPERM || err == EACCES)
        msg += " (the probe needs root, or CAP_BPF and CAP_PERFMON)";
    if (!g_libbpfLog.empty()) {
        // The verifier log can be long; its end says what failed.
        std::string tail = g_libbpfLog.size() > 2000 ? g_libbpfLog.substr(g_libbpfLog.size() - 2000) : g_libbpfLog;
        msg += "\nlibbpf: " + tail;
    }
    return makeError(ErrorCode::kIo, msg);
}

size_t roundUpPow2(size_t v, size_t min)
{
    size_t p = min;
    while (p < v)
        p <<= 1;
    return p;
}

} // namespace

std::vector<std::string> ProbeLoader::syscallNames()
{
    std::vector<std::string> out;
    for (const auto& r : kSyscalls)
        out.emplace_back(r.name);
    return out;
}

Result<std::unique_ptr<ProbeLoader>> ProbeLoader::load(const Options& options)
{
    libbpf_set_print(libbpfPrint);
    g_libbpfLog.clear();
    std::unique_ptr<ProbeLoader> p(new ProbeLoader());
    p->m_pageSize = size_t(sysconf(_SC_PAGESIZE));

    if (options.ignoredTgids.size() > SYSCOPE_MAX_IGNORED_PIDS)
        return makeError(ErrorCode::kInvalidArgument,
                         "at most " + std::to_string(SYSCOPE_MAX_IGNORED_PIDS) + " processes can be ignored");
    std::set<std::string> wanted(options.syscalls.begin(), options.syscalls.end());
    for (const std::string& name : wanted) {
        bool known = false;
        for (const auto& r : kSyscalls)
            known = known || name == r.name;
        if (!known)
            return makeError(ErrorCode::kInvalidArgument, "unknown syscall: " + name);
    }

    int ncpu = libbpf_num_possible_cpus();
    if (ncpu <= 0)
        return makeError(ErrorCode::kIo, "cannot count the CPUs");
    if (ncpu > SYSCOPE_MAX_CPUS)
        return makeError(ErrorCode::kUnsupported, "more than " + std::to_string(SYSCOPE_MAX_CPUS) + " CPUs");

    p->m_skel = syscope_probe__open();
    if (!p->m_skel)
        return loadError("cannot open the probe", errno);
    syscope_probe* s = p->m_skel;

    // Configuration, frozen into read-only data at load.
    auto* cfg = &s->rodata->syscope_cfg;
    cfg->boot_time_ns = options.bootTimeNs;
    cfg->snaplen = std::min<uint32_t>(options.snaplen, SYSCOPE_MAX_SNAPLEN);
    cfg->n_ignored = uint32_t(options.ignoredTgids.size());
    for (size_t i = 0; i < options.ignoredTgids.size(); ++i)
        cfg->ignored_tgids[i] = options.ignoredTgids[i];
    cfg->capture_procexit = options.procexit;
    cfg->capture_signals = options.signals;
    for (const auto& r : kSyscalls) {
        if (r.nr >= SYSCOPE_SYSCALL_TABLE_SIZE)
            continue;
        auto& route = s->rodata->syscope_routes[r.nr];
        uint8_t family = familyOf(r.enter);
        route.family = family;
        route.enter_event = family == SYSCOPE_FAMILY_GENERIC ? uint16_t(EV_GENERIC_E) : r.enter;
        route.exit_event = family == SYSCOPE_FAMILY_GENERIC ? uint16_t(EV_GENERIC_X) : r.exit;
        route.ppm_sc = r.ppmSc;
        route.enabled = wanted.empty() || wanted.count(r.name);
    }

    // Maps sized to this machine; one ring buffer per CPU, created here so that user space can map them.
    bpf_map__set_max_entries(s->maps.syscope_scratch, uint32_t(ncpu));
    bpf_map__set_max_entries(s->maps.syscope_rings, uint32_t(ncpu));
    const size_t ringBytes = roundUpPow2(options.ringBytesPerCpu, p->m_pageSize);
    for (int cpu = 0; cpu < ncpu; ++cpu) {
        Ring ring;
        std::string name = "syscope_rb" + std::to_string(cpu);
        ring.fd = bpf_map_create(BPF_MAP_TYPE_RINGBUF, name.c_str(), 0, 0, uint32_t(ringBytes), nullptr);
        if (ring.fd < 0)
            return loadError("cannot create a ring buffer", errno);
        ring.dataSize = ringBytes;
        p->m_rings.push_back(ring);
    }
    if (bpf_map__set_inner_map_fd(s->maps.syscope_rings, p->m_rings[0].fd) != 0)
        return loadError("cannot set up the ring buffer table", errno);

    // The family programs are tail-called, never attached themselves.
    bpf_program* families[] = {
        s->progs.syscope_file_enter,    s->progs.syscope_file_exit,    s->progs.syscope_io_enter,
        s->progs.syscope_io_exit,       s->progs.syscope_net_enter,    s->progs.syscope_net_exit,
        s->progs.syscope_process_enter, s->progs.syscope_process_exit, s->progs.syscope_memory_enter,
        s->progs.syscope_memory_exit,   s->progs.syscope_ipc_enter,    s->progs.syscope_ipc_exit,
        s->progs.syscope_time_enter,    s->progs.syscope_time_exit};
    for (bpf_program* prog : families)
        bpf_program__set_autoattach(prog, false);

    if (syscope_probe__load(s) != 0)
        return loadError("cannot load the probe", errno);

    const std::pair<uint32_t, bpf_program*> enters[] = {{SYSCOPE_FAMILY_FILE, s->progs.syscope_file_enter},
                                                        {SYSCOPE_FAMILY_IO, s->progs.syscope_io_enter},
                                                        {SYSCOPE_FAMILY_NET, s->progs.syscope_net_enter},
                                                        {SYSCOPE_FAMILY_PROCESS, s->progs.syscope_process_enter},
                                                        {SYSCOPE_FAMILY_MEMORY, s->progs.syscope_memory_enter},
                                                        {SYSCOPE_FAMILY_IPC, s->progs.syscope_ipc_enter},
                                                        {SYSCOPE_FAMILY_TIME, s->progs.syscope_time_enter}};
    const std::pair<uint32_t, bpf_program*> exits[] = {
        {SYSCOPE_FAMILY_FILE, s->progs.syscope_file_exit},     {SYSCOPE_FAMILY_IO, s->progs.syscope_io_exit},
        {SYSCOPE_FAMILY_NET, s->progs.syscope_net_exit},       {SYSCOPE_FAMILY_PROCESS, s->progs.syscope_process_exit},
        {SYSCOPE_FAMILY_MEMORY, s->progs.syscope_memory_exit}, {SYSCOPE_FAMILY_IPC, s->progs.syscope_ipc_exit},
        {SYSCOPE_FAMILY_TIME, s->progs.syscope_time_exit}};
    for (const auto& [idx, prog] : enters) {
        int fd = bpf_program__fd(prog);
        if (bpf_map_update_elem(bpf_map__fd(s->maps.syscope_enter_progs), &idx, &fd, BPF_ANY) != 0)
            return loadError("cannot install a family program", errno);
    }
    for (const auto& [idx, prog] : exits) {
        int fd = bpf_program__fd(prog);
        if (bpf_map_update_elem(bpf_map__fd(s->maps.syscope_exit_progs), &idx, &fd, BPF_ANY) != 0)
            return loadError("cannot install a family program", errno);
    }
    for (uint32_t cpu = 0; cpu < p->m_rings.size(); ++cpu) {
        Ring& ring = p->m_rings[cpu];
        if (bpf_map_update_elem(bpf_map__fd(s->maps.syscope_rings), &cpu, &ring.fd, BPF_ANY) != 0)
            return loadError("cannot install a ring buffer", errno);
        ring.consumer = mmap(nullptr, p->m_pageSize, PROT_READ | PROT_WRITE, MAP_SHARED, ring.fd, 0);
        if (ring.consumer == MAP_FAILED) {
            ring.consumer = nullptr;
            return loadError("cannot map a ring buffer", errno);
        }
        ring.producer =
            mmap(nullptr, p->m_pageSize + 2 * ring.dataSize, PROT_READ, MAP_SHARED, ring.fd, off_t(p->m_pageSize));
        if (ring.producer == MAP_FAILED) {
            ring.producer = nullptr;
            return loadError("cannot map a ring buffer", errno);
        }
    }

    if (syscope_probe__attach(s) != 0)
        return loadError("cannot attach the probe", errno);
    return p;
}

ProbeLoader::~ProbeLoader()
{
    if (m_skel)
        syscope_probe__destroy(m_skel);
    for (Ring& r : m_rings) {
        if (r.consumer)
            munmap(r.consumer, m_pageSize);
        if (r.producer)
            munmap(r.producer, m_pageSize + 2 * r.dataSize);
        if (r.fd >= 0)
            close(r.fd);
    }
}

std::vector<live::RingReader> ProbeLoader::rings() const
{
    std::vector<live::RingReader> out;
    for (const Ring& r : m_rings) {
        auto* producerPage = static_cast<uint8_t*>(r.producer);
        out.emplace_back(static_cast<uint64_t*>(r.consumer), reinterpret_cast<const uint64_t*>(producerPage),
                         producerPage + m_pageSize, r.dataSize);
    }
    return out;
}

ProbeLoader::Counters ProbeLoader::counters() const
{
    Counters c;
    if (!m_skel || !m_skel->bss)
        return c;
    for (size_t cpu = 0; cpu < m_rings.size(); ++cpu) {
        const auto& pc = m_skel->bss->syscope_counters[cpu];
        c.events += __atomic_load_n(&pc.events, __ATOMIC_RELAXED);
        c.drops += __atomic_load_n(&pc.drops_full, __ATOMIC_RELAXED);
        c.dropsTooBig += __atomic_load_n(&pc.drops_too_big, __ATOMIC_RELAXED);
    }
    return c;
}

void ProbeLoader::detach()
{
    if (m_skel)
        syscope_probe__detach(m_skel);
}

} // namespace syscope::cli
