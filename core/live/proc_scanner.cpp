// SPDX-License-Identifier: GPL-3.0-or-later
#include "live/proc_scanner.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <fcntl.h>
#include <grp.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <unordered_map>
#include <vector>

namespace syscope::live {
namespace {

using format::FdEntry;
using format::FdType;
using format::L4Proto;

constexpr size_t kMultiStringMax = 4096;                     // libscap's limit for args, env and cgroups
constexpr uint32_t kCloneThread = 0x2000, kCloneFiles = 0x1; // PPM_CL_ flags of non-main threads

std::string readFile(const std::string& path, size_t max = 1 << 20)
{
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return {};
    std::string out;
    char buf[4096];
    while (out.size() < max) {
        ssize_t n = ::read(fd, buf, sizeof buf);
        if (n <= 0)
            break;
        out.append(buf, size_t(n));
    }
    ::close(fd);
    if (out.size() > max)
        out.resize(max);
    return out;
}

std::string readLink(const std::string& path)
{
    char buf[4096];
    ssize_t n = ::readlink(path.c_str(), buf, sizeof buf - 1);
    return n > 0 ? std::string(buf, size_t(n)) : std::string();
}

bool isNumber(const char* s)
{
    if (!*s)
        return false;
    for (; *s; ++s)
        if (*s < '0' || *s > '9')
            return false;
    return true;
}

std::vector<std::string> numericEntries(const std::string& dir)
{
    std::vector<std::string> out;
    DIR* d = ::opendir(dir.c_str());
    if (!d)
        return out;
    while (dirent* e = ::readdir(d))
        if (isNumber(e->d_name))
            out.emplace_back(e->d_name);
    ::closedir(d);
    std::sort(out.begin(), out.end(), [](const std::string& a, const std::string& b) {
        return std::strtoull(a.c_str(), nullptr, 10) < std::strtoull(b.c_str(), nullptr, 10);
    });
    return out;
}

// "Key:\tvalue" lines of /proc/<pid>/status.
std::unordered_map<std::string, std::string> parseStatus(const std::string& text)
{
    std::unordered_map<std::string, std::string> m;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        auto colon = line.find(':');
        if (colon == std::string::npos)
            continue;
        std::string v = line.substr(colon + 1);
        v.erase(0, v.find_first_not_of(" \t"));
        m.emplace(line.substr(0, colon), v);
    }
    return m;
}

std::vector<std::string> words(const std::string& s)
{
    std::vector<std::string> out;
    std::istringstream in(s);
    std::string w;
    while (in >> w)
        out.push_back(w);
    return out;
}

uint64_t toU64(const std::string& s, int base = 10) { return std::strtoull(s.c_str(), nullptr, base); }

// Fields of /proc/<pid>/stat after the parenthesised comm (which may contain spaces).
std::vector<std::string> statFields(const std::string& stat)
{
    auto close = stat.rfind(')');
    if (close == std::string::npos)
        return {};
    return words(stat.substr(close + 1)); // [0] = state (field 3)
}

std::string clampMulti(std::string s)
{
    if (s.size() > kMultiStringMax) {
        s.resize(kMultiStringMax);
        s.back() = '\0';
    }
    return s;
}

// Socket inode -> what /proc/net says about it.
struct NetSocket {
    FdType type = FdType::kUnknown;
    L4Proto l4 = L4Proto::kUnknown;
    std::array<uint8_t, 16> sip{}, dip{};
    uint16_t sport = 0, dport = 0;
    uint64_t unixAddr = 0;
    std::string name;
};

void parseIpv4(const std::string& hex, std::array<uint8_t, 16>& ip, uint16_t& port)
{
    auto colon = hex.find(':');
    uint32_t a = uint32_t(toU64(hex.substr(0, colon), 16));
    std::memcpy(ip.data(), &a, 4); // /proc prints the network-order word as a host integer
    port = uint16_t(toU64(hex.substr(colon + 1), 16));
}

void parseIpv6(const std::string& hex, std::array<uint8_t, 16>& ip, uint16_t& port)
{
    auto colon = hex.find(':');
    for (int w = 0; w < 4; ++w) {
        uint32_t v = uint32_t(toU64(hex.substr(size_t(w) * 8, 8), 16));
        std::memcpy(ip.data() + w * 4, &v, 4);
    }
    port = uint16_t(toU64(hex.substr(colon + 1), 16));
}

void scanInet(const std::string& path, bool v6, L4Proto l4, std::unordered_map<uint64_t, NetSocket>& out)
{
    std::istringstream in(readFile(path, 64 << 20));
    std::string line;
    std::getline(in, line); // header
    while (std::getline(in, line)) {
        auto w = words(line);
        if (w.size() < 10)
            continue;
        NetSocket s;
        s.l4 = l4;
        if (v6) {
            parseIpv6(w[1], s.sip, s.sport);
            parseIpv6(w[2], s.dip, s.dport);
        } else {
            parseIpv4(w[1], s.sip, s.sport);
            parseIpv4(w[2], s.dip, s.dport);
        }
        bool listening = l4 == L4Proto::kTcp ? w[3] == "0A" : (s.dport == 0 && s.dip == std::array<uint8_t, 16>{});
        if (listening)
            s.type = v6 ? FdType::kIpv6ServSock : FdType::kIpv4ServSock;
        else
            s.type = v6 ? FdType::kIpv6Sock : FdType::kIpv4Sock;
        out.emplace(toU64(w[9]), s);
    }
}

std::unordered_map<uint64_t, NetSocket> scanSockets(const std::string& procRoot)
{
    std::unordered_map<uint64_t, NetSocket> out;
    const std::string net = procRoot + "/net/";
    scanInet(net + "tcp", false, L4Proto::kTcp, out);
    scanInet(net + "tcp6", true, L4Proto::kTcp, out);
    scanInet(net + "udp", false, L4Proto::kUdp, out);
    scanInet(net + "udp6", true, L4Proto::kUdp, out);
    scanInet(net + "raw", false, L4Proto::kRaw, out);
    scanInet(net + "raw6", true, L4Proto::kRaw, out);
    {
        std::istringstream in(readFile(net + "unix", 64 << 20));
        std::string line;
        std::getline(in, line);
        while (std::getline(in, line)) {
            auto w = words(line);
            if (w.size() < 7)
                continue;
            NetSocket s;
            s.type = FdType::kUnixSock;
            s.unixAddr = toU64(w[0].substr(0, w[0].find(':')), 16);
            if (w.size() >= 8) {
                s.name = w[7];
                if (!s.name.empty() && s.name[0] == '@')
                    s.name.erase(0, 1); // abstract names are shown without their marker, as in events
            }
            out.emplace(toU64(w[6]), s);
        }
    }
    {
        std::istringstream in(readFile(net + "netlink", 16 << 20));
        std::string line;
        std::getline(in, line);
        while (std::getline(in, line)) {
            auto w = words(line);
            if (w.size() < 10)
                continue;
            NetSocket s;
            s.type = FdType::kNetlink;
            out.emplace(toU64(w[9]), s);
        }
    }
    return out;
}

// One process's fd table.
std::vector<FdEntry> scanFds(const std::string& pidDir, const std::unordered_map<uint64_t, NetSocket>& sockets)
{
    std::vector<FdEntry> fds;
    for (const std::string& n : numericEntries(pidDir + "/fd")) {
        const std::string link = pidDir + "/fd/" + n;
        std::string target = readLink(link);
        if (target.empty())
            continue;
        struct stat st {};
        bool haveStat = ::stat(link.c_str(), &st) == 0;
        FdEntry e;
        e.fd = int64_t(toU64(n));
        e.ino = haveStat ? st.st_ino : 0;
        uint32_t flags = 0;
        {
            auto info = parseStatus(readFile(pidDir + "/fdinfo/" + n, 8192));
            flags = uint32_t(toU64(info["flags"], 8));
            if (!haveStat)
                e.ino = toU64(info["ino"]);
        }
        if (target.rfind("socket:[", 0) == 0) {
            auto it = sockets.find(e.ino);
            if (it == sockets.end())
                continue; // a family /proc/net does not list: nothing a reader could show
            const NetSocket& s = it->second;
            e.type = s.type;
            e.l4proto = s.l4;
            e.sip = s.sip;
            e.dip = s.dip;
            e.sport = s.sport;
            e.dport = s.dport;
            e.unixSource = s.unixAddr;
            e.name = s.name;
        } else if (target.rfind("pipe:[", 0) == 0) {
            e.type = FdType::kFifo;
            e.name = target;
        } else if (target.rfind("anon_inode:", 0) == 0) {
            std::string kind = target.substr(11);
            if (kind == "[eventfd]")
                e.type = FdType::kEvent;
            else if (kind == "[signalfd]")
                e.type = FdType::kSignalfd;
            else if (kind == "[eventpoll]")
                e.type = FdType::kEventPoll;
            else if (kind == "inotify")
                e.type = FdType::kInotify;
            else if (kind == "[timerfd]")
                e.type = FdType::kTimerfd;
            else
                e.type = FdType::kUnsupported; // bpf, userfaultfd, io_uring, pidfd: newer than sysdig 0.29.3
            e.name = target;
        } else if (target[0] == '/') {
            if (haveStat && S_ISDIR(st.st_mode)) {
                e.type = FdType::kDirectory;
            } else {
                e.type = FdType::kFileV2;
                e.openFlags = ProcScanner::openFlagsToPpm(flags);
                e.dev = haveStat ? uint32_t(st.st_dev) : 0;
            }
            e.name = target;
        } else {
            e.type = FdType::kUnsupported;
            e.name = target;
        }
        fds.push_back(std::move(e));
    }
    return fds;
}

// cgroups as the drivers report them: "controller=path" entries. cgroup v2's single hierarchy ("0::path")
// applies to every controller the kernel has.
std::string scanCgroups(const std::string& pidDir, const std::vector<std::string>& controllers)
{
    std::string out;
    std::vector<std::string> named;
    std::string unified;
    bool haveUnified = false;
    std::istringstream in(readFile(pidDir + "/cgroup", 64 * 1024));
    std::string line;
    while (std::getline(in, line)) {
        auto a = line.find(':');
        auto b = line.find(':', a + 1);
        if (a == std::string::npos || b == std::string::npos)
            continue;
        std::string ctrls = line.substr(a + 1, b - a - 1);
        std::string path = line.substr(b + 1);
        if (ctrls.empty()) {
            unified = path;
            haveUnified = true;
            continue;
        }
        std::istringstream cs(ctrls);
        std::string c;
        while (std::getline(cs, c, ',')) {
            if (c.rfind("name=", 0) == 0)
                continue;
            out += c + "=" + path;
            out.push_back('\0');
            named.push_back(c);
        }
    }
    if (haveUnified)
        for (const std::string& c : controllers)
            if (std::find(named.begin(), named.end(), c) == named.end()) {
                out += c + "=" + unified;
                out.push_back('\0');
            }
    return clampMulti(out);
}

std::vector<std::string> cgroupControllers(const std::string& procRoot)
{
    std::vector<std::string> out;
    std::istringstream in(readFile(procRoot + "/cgroups", 64 * 1024));
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#')
            continue;
        auto w = words(line);
        if (w.size() >= 4 && w[3] == "1")
            out.push_back(w[0]);
    }
    return out;
}

void scanUsers(format::CaptureMetadata& meta)
{
    setpwent();
    while (passwd* p = getpwent()) {
        format::UserEntry u;
        u.uid = p->pw_uid;
        u.gid = p->pw_gid;
        u.name = p->pw_name ? p->pw_name : "";
        u.homedir = p->pw_dir ? p->pw_dir : "";
        u.shell = p->pw_shell ? p->pw_shell : "";
        meta.users.push_back(std::move(u));
    }
    endpwent();
    setgrent();
    while (group* g = getgrent()) {
        format::GroupEntry e;
        e.gid = g->gr_gid;
        e.name = g->gr_name ? g->gr_name : "";
        meta.groups.push_back(std::move(e));
    }
    endgrent();
}

void scanInterfaces(format::CaptureMetadata& meta)
{
    ifaddrs* list = nullptr;
    if (::getifaddrs(&list) != 0)
        return;
    for (ifaddrs* a = list; a; a = a->ifa_next) {
        if (!a->ifa_addr)
            continue;
        format::InterfaceEntry e;
        e.name = a->ifa_name ? a->ifa_name : "";
        if (a->ifa_addr->sa_family == AF_INET) {
            e.type = 1;
            auto get = [](const sockaddr* s, std::array<uint8_t, 16>& out) {
                if (s)
                    std::memcpy(out.data(), &reinterpret_cast<const sockaddr_in*>(s)->sin_addr, 4);
            };
            get(a->ifa_addr, e.addr);
            get(a->ifa_netmask, e.netmask);
            get((a->ifa_flags & IFF_BROADCAST) ? a->ifa_broadaddr : a->ifa_dstaddr, e.bcast);
        } else if (a->ifa_addr->sa_family == AF_INET6) {
            e.type = 2;
            auto get = [](const sockaddr* s, std::array<uint8_t, 16>& out) {
                if (s)
                    std::memcpy(out.data(), &reinterpret_cast<const sockaddr_in6*>(s)->sin6_addr, 16);
            };
            get(a->ifa_addr, e.addr);
            get(a->ifa_netmask, e.netmask);
            get(a->ifa_dstaddr, e.bcast);
        } else {
            continue;
        }
        meta.interfaces.push_back(std::move(e));
    }
    ::freeifaddrs(list);
}

uint64_t clockNs(clockid_t c)
{
    timespec ts{};
    clock_gettime(c, &ts);
    return uint64_t(ts.tv_sec) * 1000000000ull + uint64_t(ts.tv_nsec);
}

} // namespace

uint32_t ProcScanner::openFlagsToPpm(uint32_t f)
{
    uint32_t r;
    switch (f & O_ACCMODE) {
    case O_WRONLY: r = 0x2; break;
    case O_RDWR: r = 0x3; break;
    default: r = 0x1; break;
    }
    if (f & O_CREAT)
        r |= 0x4;
    if ((f & O_TMPFILE) == O_TMPFILE)
        r |= 0x2000;
    if (f & O_APPEND)
        r |= 0x8;
    if (f & O_DSYNC)
        r |= 0x10;
    if (f & O_EXCL)
        r |= 0x20;
    if (f & O_NONBLOCK)
        r |= 0x40;
    if ((f & O_SYNC) == O_SYNC)
        r |= 0x80;
    if (f & O_TRUNC)
        r |= 0x100;
    if (f & O_DIRECT)
        r |= 0x200;
    if (f & O_DIRECTORY)
        r |= 0x400;
    if (f & 0100000)
        r |= 0x800; // O_LARGEFILE as the kernel reports it in fdinfo
    if (f & O_CLOEXEC)
        r |= 0x1000;
    return r;
}

uint64_t ProcScanner::bootTimeOffsetNs()
{
    // Bracket the realtime reading between two boot-time readings and keep the tightest of a few tries.
    uint64_t best = 0, bestSpan = UINT64_MAX;
    for (int i = 0; i < 5; ++i) {
        uint64_t b1 = clockNs(CLOCK_BOOTTIME);
        uint64_t r = clockNs(CLOCK_REALTIME);
        uint64_t b2 = clockNs(CLOCK_BOOTTIME);
        if (b2 - b1 < bestSpan) {
            bestSpan = b2 - b1;
            best = r - (b1 + (b2 - b1) / 2);
        }
    }
    return best;
}

Result<format::CaptureMetadata> ProcScanner::scan(const Options& options)
{
    format::CaptureMetadata meta;
    meta.majorVersion = 1;
    meta.minorVersion = 2;
    const std::string& root = options.procRoot;

    format::MachineInfo& mi = meta.machine;
    mi.numCpus = uint32_t(sysconf(_SC_NPROCESSORS_ONLN));
    mi.memorySizeBytes = uint64_t(sysconf(_SC_PHYS_PAGES)) * uint64_t(sysconf(_SC_PAGESIZE));
    char host[256] = {};
    gethostname(host, sizeof host - 1);
    mi.hostname = host;
    mi.bootTsEpoch = options.bootTimeNs ? options.bootTimeNs : bootTimeOffsetNs();
    mi.present = true;

    // The process list first: the caller's clock reading just before the scan is the moment the header
    // describes, and every process alive then should be in it.
    const auto pids = numericEntries(root);
    if (pids.empty())
        return makeError(ErrorCode::kIo, "cannot list the processes in " + root);

    // Two passes. The first reads what names a thread and resolves its paths (status, stat, command line,
    // executable, working directory: small and fast) for every process listed, so that a process that ends
    // while the scan runs is still described: its events up to its end are in the capture. The second adds
    // what takes longer to read (environment, cgroups, limits, open fds).
    struct Task {
        format::ProcEntry entry;
        bool main = false;
    };
    std::vector<std::vector<Task>> processes;
    processes.reserve(pids.size());
    for (const std::string& pidStr : pids) {
        const std::string pidDir = root + "/" + pidStr;
        const uint64_t pid = toU64(pidStr);
        // What readers name and resolve paths with: the command line, the executable, the working directory.
        std::string cmdline = readFile(pidDir + "/cmdline", 1 << 16);
        std::string exe, args;
        if (!cmdline.empty()) {
            if (cmdline.back() != '\0')
                cmdline.push_back('\0');
            auto nul = cmdline.find('\0');
            exe = cmdline.substr(0, nul);
            args = clampMulti(cmdline.substr(nul + 1));
        }
        const std::string exepath = readLink(pidDir + "/exe");
        const std::string cwd = readLink(pidDir + "/cwd");
        const std::string rootDir = readLink(pidDir + "/root");
        auto tids = numericEntries(pidDir + "/task");
        if (tids.empty())
            tids.push_back(pidStr);
        std::vector<Task> tasks;
        for (const std::string& tidStr : tids) {
            const std::string taskDir = pidDir + "/task/" + tidStr;
            auto status = parseStatus(readFile(taskDir + "/status", 65536));
            if (status.empty())
                continue; // ended before we got to it
            auto stat = statFields(readFile(taskDir + "/stat", 8192));
            Task t;
            format::ProcEntry& p = t.entry;
            p.tid = toU64(tidStr);
            p.pid = pid;
            t.main = p.tid == p.pid;
            p.ptid = toU64(status["PPid"]);
            if (stat.size() > 10) {
                p.vpgid = toU64(stat[2]); // field 5, pgrp
                p.sid = toU64(stat[3]);   // field 6, session
                p.tty = uint32_t(toU64(stat[4]));
                p.pfminor = toU64(stat[7]); // field 10
                p.pfmajor = toU64(stat[9]); // field 12
            }
            p.comm = status["Name"];
            p.exe = cmdline.empty() ? p.comm : exe;
            p.exepath = exepath;
            p.args = args;
            p.cwd = cwd;
            p.root = rootDir;
            p.flags = t.main ? 0 : (kCloneThread | kCloneFiles);
            auto uids = words(status["Uid"]);
            auto gids = words(status["Gid"]);
            p.uid = uids.size() > 1 ? uint32_t(toU64(uids[1])) : 0;
            p.gid = gids.size() > 1 ? uint32_t(toU64(gids[1])) : 0;
            p.vmsizeKb = uint32_t(toU64(status["VmSize"]));
            p.vmrssKb = uint32_t(toU64(status["VmRSS"]));
            p.vmswapKb = uint32_t(toU64(status["VmSwap"]));
            auto nspid = words(status["NSpid"]);
            auto nstgid = words(status["NStgid"]);
            p.vtid = nspid.empty() ? int64_t(p.tid) : int64_t(toU64(nspid.back()));
            p.vpid = nstgid.empty() ? int64_t(p.pid) : int64_t(toU64(nstgid.back()));
            tasks.push_back(std::move(t));
        }
        processes.push_back(std::move(tasks));
    }

    scanInterfaces(meta);
    scanUsers(meta);
    const auto sockets = options.withFds ? scanSockets(root) : std::unordered_map<uint64_t, NetSocket>{};
    const auto controllers = cgroupControllers(root);
    for (auto& tasks : processes) {
        if (tasks.empty())
            continue;
        const uint64_t pid = tasks.front().entry.pid;
        const std::string pidDir = root + "/" + std::to_string(pid);
        const std::string env = clampMulti(readFile(pidDir + "/environ", 1 << 16));
        const std::string cgroups = scanCgroups(pidDir, controllers);
        int64_t fdlimit = 0;
        {
            std::istringstream in(readFile(pidDir + "/limits", 16384));
            std::string line;
            while (std::getline(in, line))
                if (line.rfind("Max open files", 0) == 0) {
                    auto w = words(line.substr(14));
                    if (!w.empty())
                        fdlimit = w[0] == "unlimited" ? -1 : int64_t(toU64(w[0]));
                }
        }
        uint32_t loginuid = 0xffffffff;
        {
            std::string l = readFile(pidDir + "/loginuid", 64);
            if (!l.empty())
                loginuid = uint32_t(toU64(l));
        }
        // Threads share their process's table, which the main thread carries (as libscap writes it).
        bool haveMain = false;
        for (const Task& t : tasks)
            haveMain = haveMain || t.main;
        bool fdsGiven = false;
        for (Task& t : tasks) {
            format::ProcEntry& p = t.entry;
            p.env = env;
            p.cgroups = cgroups;
            p.fdlimit = fdlimit;
            p.loginuid = loginuid;
            format::FdListBlock fdl;
            fdl.tid = p.tid;
            if (options.withFds && !fdsGiven && (t.main || !haveMain)) {
                fdl.fds = scanFds(pidDir, sockets);
                fdsGiven = true;
            }
            meta.procs.push_back(std::move(p));
            meta.fdLists.push_back(std::move(fdl));
        }
    }
    return meta;
}

} // namespace syscope::live
