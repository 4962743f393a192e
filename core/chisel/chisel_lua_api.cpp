// SPDX-License-Identifier: GPL-3.0-or-later
#include "chisel/chisel_lua_api.h"

#include "chisel/chisel.h"
#include "chisel/chisel_host.h"
#include "chisel/synthetic_state_view.h"
#include "format/event_schema.h"
#include "state/container_table.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

extern "C" {
#include <lauxlib.h>
#include <lua.h>
}

#include <cstdlib>
#include <cstring>

namespace syscope::chisel {

namespace {

constexpr uint64_t kNsPerSec = 1000000000ULL;
// read exit: the event type sysdig dresses its thread-table probe event as.
constexpr uint16_t kReadExit = 7;
// sysdig's default output line, used when a chisel asks for the "default" formatter.
constexpr const char* kDefaultFormat =
    "*%evt.num %evt.outputtime %evt.cpu %proc.name (%thread.tid) %evt.dir %evt.type %evt.info";

void setField(lua_State* L, const char* key, double v)
{
    lua_pushnumber(L, v);
    lua_setfield(L, -2, key);
}

void setField(lua_State* L, const char* key, std::string_view v)
{
    lua_pushlstring(L, v.data(), v.size());
    lua_setfield(L, -2, key);
}

void pushValue(lua_State* L, const FieldValue& v)
{
    switch (v.kind) {
    case FieldValue::Kind::kNumber: lua_pushnumber(L, v.number); break;
    case FieldValue::Kind::kString: lua_pushlstring(L, v.view.data(), v.view.size()); break;
    case FieldValue::Kind::kBool: lua_pushboolean(L, v.boolean); break;
    default: lua_pushnil(L); break;
    }
}

std::string argString(lua_State* L, int idx)
{
    size_t n = 0;
    const char* s = lua_tolstring(L, idx, &n);
    return s ? std::string(s, n) : std::string();
}

// Elements of a NUL-terminated multi-string.
void pushMultiString(lua_State* L, std::string_view s)
{
    lua_newtable(L);
    int i = 1;
    while (!s.empty()) {
        size_t z = s.find('\0');
        std::string_view part = s.substr(0, z);
        lua_pushlstring(L, part.data(), part.size());
        lua_rawseti(L, -2, i++);
        if (z == std::string_view::npos)
            break;
        s.remove_prefix(z + 1);
    }
}

std::string ipText(const std::array<uint8_t, 16>& addr, bool v6)
{
    char buf[INET6_ADDRSTRLEN] = {};
    if (!inet_ntop(v6 ? AF_INET6 : AF_INET, addr.data(), buf, sizeof buf))
        return "<NA>";
    return buf;
}

const char* l4Text(format::L4Proto p)
{
    switch (p) {
    case format::L4Proto::kTcp: return "tcp";
    case format::L4Proto::kUdp: return "udp";
    case format::L4Proto::kIcmp: return "icmp";
    case format::L4Proto::kRaw: return "raw";
    default: return "<NA>";
    }
}

// sysdig prints fd names in tables without the characters isprint() rejects.
std::string cleanName(std::string_view name)
{
    std::string out;
    out.reserve(name.size());
    for (unsigned char c : name)
        if (c >= 0x20 && c < 0x7f)
            out.push_back(char(c));
    return out;
}

const char* containerTypeText(uint32_t type)
{
    switch (type) {
    case 0: return "docker";
    case 1: return "lxc";
    case 2: return "libvirt_lxc";
    case 3: return "mesos";
    case 4: return "rkt";
    case 6: return "cri";
    case 7: return "containerd";
    case 8: return "cri-o";
    case 9: return "bpm";
    case 0xfffe: return "";
    default: return "unknown";
    }
}

} // namespace

// The functions behind the Lua tables. Each is a C closure whose first upvalue is its Chisel.
Chisel& ChiselLuaApi::self(lua_State* L)
{
    auto* c = static_cast<Chisel*>(lua_touserdata(L, lua_upvalueindex(1)));
    if (!c)
        luaL_error(L, "the chisel API is not available while chisels are being listed");
    if (c->m_cancel.load(std::memory_order_relaxed))
        luaL_error(L, "cancelled");
    return *c;
}

ChiselHost& ChiselLuaApi::host(lua_State* L) { return *self(L).m_env.host; }

const ChiselEvent& ChiselLuaApi::event(lua_State* L, const char* what)
{
    Chisel& c = self(L);
    if (!c.m_event)
        luaL_error(L, "invalid call to evt.%s()", what);
    return *c.m_event;
}

// Raises msg as a Lua error prefixed with the calling script's file and line.
void ChiselLuaApi::fail(lua_State* L, const std::string& msg)
{
    luaL_where(L, 1);
    lua_pushlstring(L, msg.data(), msg.size());
    lua_concat(L, 2);
    lua_error(L);
    __builtin_unreachable();
}

// ---- output -------------------------------------------------------------------------------------------
bool ChiselLuaApi::describing(lua_State* L) { return lua_touserdata(L, lua_upvalueindex(1)) == nullptr; }

int ChiselLuaApi::print(lua_State* L)
{
    if (describing(L))
        return 0; // a script's top-level output while the chisels are being listed goes nowhere
    ChiselHost& h = host(L);
    int n = lua_gettop(L);
    std::string line;
    lua_getglobal(L, "tostring");
    for (int i = 1; i <= n; ++i) {
        lua_pushvalue(L, -1);
        lua_pushvalue(L, i);
        lua_call(L, 1, 1);
        size_t len = 0;
        const char* s = lua_tolstring(L, -1, &len);
        if (!s)
            return luaL_error(L, "'tostring' must return a string to 'print'");
        if (i > 1)
            line.push_back('\t');
        line.append(s, len);
        lua_pop(L, 1);
    }
    line.push_back('\n');
    h.write(line);
    return 0;
}

int ChiselLuaApi::ioWrite(lua_State* L)
{
    if (describing(L))
        return 0;
    ChiselHost& h = host(L);
    int n = lua_gettop(L);
    for (int i = 1; i <= n; ++i) {
        size_t len = 0;
        const char* s = luaL_checklstring(L, i, &len);
        h.write(std::string_view(s, len));
    }
    lua_pushvalue(L, lua_upvalueindex(2));
    return 1;
}

int ChiselLuaApi::ioFlush(lua_State* L)
{
    host(L).flush();
    return 0;
}

// ---- evt ----------------------------------------------------------------------------------------------
int ChiselLuaApi::evtField(lua_State* L)
{
    // The hottest call of most chisels (once or more per event): one look-up of its chisel, not two.
    Chisel& c = self(L);
    if (!c.m_event)
        luaL_error(L, "invalid call to evt.field()");
    auto* x = static_cast<FieldSource::Extractor*>(const_cast<void*>(lua_topointer(L, 1)));
    if (!x) {
        lua_pushnil(L);
        return 1;
    }
    x->extract(*c.m_event, c.m_value);
    pushValue(L, c.m_value);
    return 1;
}

int ChiselLuaApi::evtGetNum(lua_State* L)
{
    lua_pushnumber(L, double(event(L, "get_num").ordinal + 1));
    return 1;
}

int ChiselLuaApi::evtGetTs(lua_State* L)
{
    uint64_t ts = event(L, "get_ts").raw->ts;
    lua_pushinteger(L, lua_Integer(uint32_t(ts / kNsPerSec)));
    lua_pushinteger(L, lua_Integer(uint32_t(ts % kNsPerSec)));
    return 2;
}

int ChiselLuaApi::evtGetType(lua_State* L)
{
    const format::RawEvent& raw = *event(L, "get_type").raw;
    std::string_view name;
    if (raw.type <= 1) { // generic events name their syscall in parameter 0
        auto p = raw.param(0);
        if (p.size() >= 2)
            name = format::syscallName(format::readLe<uint16_t>(p.data()));
        if (name.empty())
            name = "<unknown>";
    } else if (const auto* info = format::eventInfo(raw.type)) {
        name = info->name;
    }
    lua_pushlstring(L, name.data(), name.size());
    return 1;
}

int ChiselLuaApi::evtGetCpuid(lua_State* L)
{
    lua_pushinteger(L, event(L, "get_cpuid").raw->cpu);
    return 1;
}

// ---- chisel -------------------------------------------------------------------------------------------
int ChiselLuaApi::requestField(lua_State* L)
{
    Chisel& c = self(L);
    const char* name = lua_tostring(L, 1);
    if (!name)
        fail(L, "chisel requesting nil field");
    auto x = c.m_env.fields->field(name);
    if (!x)
        fail(L, "chisel requesting nonexistent field " + std::string(name) +
                    (x.error().message.empty() ? std::string() : " (" + x.error().message + ")"));
    lua_pushlightuserdata(L, x->get());
    c.m_fields.push_back(std::move(*x));
    return 1;
}

int ChiselLuaApi::setFilter(lua_State* L)
{
    Chisel& c = self(L);
    std::string text = argString(L, 1);
    c.m_filter.reset();
    c.m_filterText = text;
    if (text.empty())
        return 0;
    auto f = c.m_env.fields->filter(text, FieldSource::Stage::kChisel);
    if (!f)
        fail(L, "invalid filter in chisel " + c.m_info.name + ": " + f.error().message);
    c.m_filter = std::move(*f);
    return 0;
}

int ChiselLuaApi::setEventFormatter(lua_State* L)
{
    Chisel& c = self(L);
    std::string fmt = argString(L, 1);
    if (fmt.empty() || fmt == "default")
        fmt = kDefaultFormat;
    auto f = c.m_env.fields->formatter(fmt);
    if (!f)
        fail(L, "invalid formatter in chisel " + c.m_info.name + ": " + f.error().message);
    c.m_formatter = std::move(*f);
    return 0;
}

int ChiselLuaApi::setIntervalNs(lua_State* L)
{
    self(L).m_interval = uint64_t(lua_tonumber(L, 1));
    return 0;
}

int ChiselLuaApi::setIntervalS(lua_State* L)
{
    self(L).m_interval = uint64_t(lua_tonumber(L, 1)) * kNsPerSec;
    return 0;
}

int ChiselLuaApi::setPreciseIntervalNs(lua_State* L)
{
    self(L).m_preciseInterval = uint64_t(lua_tonumber(L, 1));
    return 0;
}

int ChiselLuaApi::exec(lua_State* L)
{
    Chisel& c = self(L);
    const char* name = lua_tostring(L, 1);
    if (!name)
        fail(L, "invalid exec field name in chisel " + c.m_info.name);
    c.m_execName = name;
    c.m_argValues.clear();
    for (int i = 2;; ++i) {
        size_t n = 0;
        const char* v = lua_tolstring(L, i, &n);
        if (!v)
            break;
        c.m_argValues.emplace_back(v, n);
    }
    return 0;
}

// ---- sysdig -------------------------------------------------------------------------------------------
int ChiselLuaApi::setGlobalFilter(lua_State* L)
{
    Chisel& c = self(L);
    if (auto r = c.m_env.host->setGlobalFilter(argString(L, 1)); !r)
        fail(L, "invalid filter in chisel " + c.m_info.name + ": " + r.error().message);
    return 0;
}

int ChiselLuaApi::setSnaplen(lua_State* L)
{
    host(L).setSnaplen(uint32_t(lua_tointeger(L, 1)));
    return 0;
}

int ChiselLuaApi::setOutputFormat(lua_State* L)
{
    Chisel& c = self(L);
    if (auto r = c.m_env.host->setOutputFormat(argString(L, 1)); !r)
        fail(L, "invalid set_output_format value in chisel " + c.m_info.name);
    return 0;
}

int ChiselLuaApi::setFatfileDumpMode(lua_State* L)
{
    host(L).setFatfileDumpMode(lua_toboolean(L, 1) != 0);
    return 0;
}

int ChiselLuaApi::isLive(lua_State* L)
{
    lua_pushboolean(L, host(L).isLive());
    return 1;
}

int ChiselLuaApi::isTty(lua_State* L)
{
    lua_pushboolean(L, host(L).isTty());
    return 1;
}

int ChiselLuaApi::getTerminalInfo(lua_State* L)
{
    double width = -1, height = -1;
    winsize w{};
    if (host(L).isTty() && ioctl(STDOUT_FILENO, TIOCGWINSZ, &w) != -1) {
        width = w.ws_col;
        height = w.ws_row;
    }
    lua_newtable(L);
    setField(L, "width", width);
    setField(L, "height", height);
    return 1;
}

int ChiselLuaApi::getFilter(lua_State* L)
{
    std::string f = host(L).globalFilter();
    lua_pushlstring(L, f.data(), f.size());
    return 1;
}

int ChiselLuaApi::getMachineInfo(lua_State* L)
{
    const format::MachineInfo* m = host(L).machineInfo();
    if (!m)
        fail(L, "get_machine_info can only be called from the on_capture_start callback");
    lua_newtable(L);
    setField(L, "num_cpus", double(m->numCpus));
    setField(L, "memory_size_bytes", double(m->memorySizeBytes));
    setField(L, "max_pid", double(m->maxPid));
    setField(L, "hostname", m->hostname);
    return 1;
}

int ChiselLuaApi::threadTable(lua_State* L, bool withFds, bool barebone)
{
    Chisel& c = self(L);
    ChiselHost& h = *c.m_env.host;
    std::unique_ptr<FieldSource::Predicate> filter;
    if (lua_isstring(L, 1)) {
        std::string text = argString(L, 1);
        if (!text.empty()) {
            auto f = c.m_env.fields->filter(text, FieldSource::Stage::kChisel);
            if (!f)
                fail(L, "invalid filter argument for get_thread_table in chisel " + c.m_info.name + ": " +
                            f.error().message);
            filter = std::move(*f);
        }
    }
    const state::StateTracker* tracker = h.tracker();
    // The filter sees each fd through a made-up read exit of the thread, stamped with the last event's time.
    format::RawEvent probe;
    probe.type = kReadExit;
    probe.ts = h.lastEventTs();
    auto matches = [&](const ChiselHost::ThreadEntry& e, const state::FdInfo* f) {
        if (!filter)
            return true;
        if (!tracker)
            return false;
        probe.tid = uint64_t(e.thread->tid);
        state::EventContext ctx;
        ctx.threadVersion = e.threadVersion;
        ctx.fdNum = f->fd;
        ctx.hasFdNum = true;
        SyntheticStateView sv(*tracker, e.thread, f);
        ChiselEvent ev{h.currentOrdinal(), &probe, &ctx, &sv, tracker};
        return filter->matches(ev);
    };

    lua_newtable(L);
    for (const auto& entry : h.threadTable()) {
        const state::ThreadInfo* t = entry.thread;
        if (filter) {
            bool any = false;
            for (const auto* f : entry.fds)
                if (matches(entry, f)) {
                    any = true;
                    break;
                }
            if (!any)
                continue;
        }
        lua_newtable(L);
        setField(L, "tid", double(uint32_t(t->tid)));
        setField(L, "pid", double(uint32_t(t->pid)));
        if (!barebone) {
            setField(L, "ptid", double(uint32_t(t->ptid)));
            setField(L, "comm", t->comm);
            setField(L, "exe", t->exe);
            setField(L, "flags", double(t->flags));
            // A thread first seen in an event is an empty entry for sysdig: no limit (-1), no user.
            setField(L, "fdlimit", double(uint32_t(t->incomplete ? -1 : t->fdlimit)));
            setField(L, "uid", double(t->uid));
            setField(L, "gid", double(t->gid));
            setField(L, "nchilds", 0.0);
            setField(L, "vmsize_kb", double(t->vmsizeKb));
            setField(L, "vmrss_kb", double(t->vmrssKb));
            setField(L, "vmswap_kb", double(t->vmswapKb));
            setField(L, "pfmajor", double(uint32_t(t->pfmajor)));
            setField(L, "pfminor", double(uint32_t(t->pfminor)));
            setField(L, "clone_ts", "0");
            setField(L, "username", entry.userName ? std::string_view(*entry.userName) : std::string_view("<NA>"));
            pushMultiString(L, t->args);
            lua_setfield(L, -2, "args");
            pushMultiString(L, t->env);
            lua_setfield(L, -2, "env");
        }
        lua_newtable(L);
        if (withFds) {
            for (const auto* f : entry.fds) {
                if (!matches(entry, f))
                    continue;
                lua_newtable(L);
                if (!barebone) {
                    setField(L, "name", cleanName(f->name));
                    setField(L, "type", f->typeName());
                }
                if (f->isIpv4() || f->isIpv6()) {
                    const bool v6 = f->isIpv6();
                    const bool server =
                        f->type == format::FdType::kIpv4ServSock || f->type == format::FdType::kIpv6ServSock;
                    if (server) {
                        setField(L, "sip", ipText(f->sip, v6));
                        setField(L, "sport", double(f->sport));
                    } else {
                        setField(L, "cip", ipText(f->sip, v6));
                        setField(L, "sip", ipText(f->dip, v6));
                        setField(L, "cport", double(f->sport));
                        setField(L, "sport", double(f->dport));
                    }
                    lua_pushboolean(L, server || f->role == state::FdInfo::Role::kServer);
                    lua_setfield(L, -2, "is_server");
                    setField(L, "l4proto", l4Text(f->l4proto));
                }
                lua_rawseti(L, -2, int(uint32_t(f->fd)));
            }
        }
        lua_setfield(L, -2, "fdtable");
        lua_rawseti(L, -2, int(uint32_t(t->tid)));
    }
    return 1;
}

int ChiselLuaApi::getThreadTable(lua_State* L) { return threadTable(L, true, false); }

int ChiselLuaApi::getThreadTableNofds(lua_State* L) { return threadTable(L, false, false); }

int ChiselLuaApi::getThreadTableBarebone(lua_State* L) { return threadTable(L, true, true); }

int ChiselLuaApi::getThreadTableBareboneNofds(lua_State* L) { return threadTable(L, false, true); }

int ChiselLuaApi::getContainerTable(lua_State* L)
{
    lua_newtable(L);
    int i = 0;
    for (const auto* ci : host(L).containerTable()) {
        lua_newtable(L);
        setField(L, "id", ci->id);
        setField(L, "name", ci->name);
        setField(L, "image", ci->image);
        setField(L, "type", containerTypeText(ci->type));
        lua_rawseti(L, -2, ++i);
    }
    return 1;
}

int ChiselLuaApi::isPrintContainerData(lua_State* L)
{
    lua_pushboolean(L, host(L).printContainerData());
    return 1;
}

int ChiselLuaApi::getOutputFormat(lua_State* L)
{
    std::string f = host(L).outputFormat();
    lua_pushlstring(L, f.data(), f.size());
    return 1;
}

int ChiselLuaApi::getEvtsourceName(lua_State* L)
{
    ChiselHost& h = host(L);
    std::string n = h.isLive() ? std::string() : h.eventSourceName();
    lua_pushlstring(L, n.data(), n.size());
    return 1;
}

int ChiselLuaApi::getFirsteventTs(lua_State* L)
{
    lua_pushstring(L, std::to_string(host(L).firstEventTs()).c_str());
    return 1;
}

int ChiselLuaApi::getLasteventTs(lua_State* L)
{
    lua_pushstring(L, std::to_string(host(L).lastEventTs()).c_str());
    return 1;
}

uint64_t ChiselLuaApi::parseU64(lua_State* L, int idx)
{
    const char* s = lua_tostring(L, idx);
    return s ? std::strtoull(s, nullptr, 10) : 0;
}

int ChiselLuaApi::makeTs(lua_State* L)
{
    uint64_t s = uint32_t(lua_tointeger(L, 1)), ns = uint32_t(lua_tointeger(L, 2));
    lua_pushstring(L, std::to_string(s * kNsPerSec + ns).c_str());
    return 1;
}

int ChiselLuaApi::addTs(lua_State* L)
{
    lua_pushstring(L, std::to_string(int64_t(parseU64(L, 1) + parseU64(L, 2))).c_str());
    return 1;
}

int ChiselLuaApi::subtractTs(lua_State* L)
{
    lua_pushstring(L, std::to_string(int64_t(parseU64(L, 1) - parseU64(L, 2))).c_str());
    return 1;
}

int ChiselLuaApi::runApp(lua_State* L)
{
    self(L); // the next-run arguments only matter to csysdig; accepted and ignored
    return 0;
}

int ChiselLuaApi::endCapture(lua_State* L)
{
    self(L).m_endCapture = true;
    return 0;
}

int ChiselLuaApi::log(lua_State* L)
{
    self(L); // sysdig's logger writes nowhere unless debugging is on
    return 0;
}

int ChiselLuaApi::udpSetpeername(lua_State* L)
{
    Chisel& c = self(L);
    std::string addr = argString(L, 1);
    int port = int(lua_tointeger(L, 2));
    if (c.m_udpSocket < 0)
        c.m_udpSocket = ::socket(AF_INET, SOCK_DGRAM, 0);
    sockaddr_in sa{};
    sa.sin_family = AF_INET;
    sa.sin_port = htons(uint16_t(port));
    if (c.m_udpSocket < 0 || inet_pton(AF_INET, addr.c_str(), &sa.sin_addr) != 1 ||
        ::connect(c.m_udpSocket, reinterpret_cast<sockaddr*>(&sa), sizeof sa) != 0)
        fail(L, "udp_setpeername: cannot reach " + addr + ":" + std::to_string(port));
    return 0;
}

int ChiselLuaApi::udpSend(lua_State* L)
{
    Chisel& c = self(L);
    size_t n = 0;
    const char* s = lua_tolstring(L, 1, &n);
    if (c.m_udpSocket >= 0 && s)
        (void)!::send(c.m_udpSocket, s, n, 0);
    return 0;
}

int ChiselLuaApi::getReadProgress(lua_State* L)
{
    lua_pushnumber(L, host(L).readProgress());
    return 1;
}

int ChiselLuaApi::pushMetric(lua_State* L)
{
    self(L); // metrics go to the sysdig agent, which there is none of
    return 0;
}

namespace {

void registerTable(lua_State* L, const char* name, const luaL_Reg* fns, void* owner)
{
    lua_newtable(L);
    for (; fns->name; ++fns) {
        lua_pushlightuserdata(L, owner);
        lua_pushcclosure(L, fns->func, 1);
        lua_setfield(L, -2, fns->name);
    }
    lua_setglobal(L, name);
}

} // namespace

void ChiselLuaApi::install(lua_State* L, Chisel* owner)
{
    using B = ChiselLuaApi;
    static const luaL_Reg sysdigFns[] = {
        {"set_filter", B::setGlobalFilter},
        {"set_snaplen", B::setSnaplen},
        {"set_output_format", B::setOutputFormat},
        {"set_fatfile_dump_mode", B::setFatfileDumpMode},
        {"is_live", B::isLive},
        {"is_tty", B::isTty},
        {"get_terminal_info", B::getTerminalInfo},
        {"get_filter", B::getFilter},
        {"get_machine_info", B::getMachineInfo},
        {"get_thread_table", B::getThreadTable},
        {"get_thread_table_nofds", B::getThreadTableNofds},
        {"get_thread_table_barebone", B::getThreadTableBarebone},
        {"get_thread_table_barebone_nofds", B::getThreadTableBareboneNofds},
        {"get_container_table", B::getContainerTable},
        {"is_print_container_data", B::isPrintContainerData},
        {"get_output_format", B::getOutputFormat},
        {"get_evtsource_name", B::getEvtsourceName},
        {"get_firstevent_ts", B::getFirsteventTs},
        {"get_lastevent_ts", B::getLasteventTs},
        {"make_ts", B::makeTs},
        {"add_ts", B::addTs},
        {"subtract_ts", B::subtractTs},
        {"run_app", B::runApp},
        {"end_capture", B::endCapture},
        {"log", B::log},
        {"udp_setpeername", B::udpSetpeername},
        {"udp_send", B::udpSend},
        {"get_read_progress", B::getReadProgress},
        {"push_metric", B::pushMetric},
        {nullptr, nullptr},
    };
    static const luaL_Reg chiselFns[] = {
        {"request_field", B::requestField},
        {"set_filter", B::setFilter},
        {"set_event_formatter", B::setEventFormatter},
        {"set_interval_ns", B::setIntervalNs},
        {"set_interval_s", B::setIntervalS},
        {"set_precise_interval_ns", B::setPreciseIntervalNs},
        {"exec", B::exec},
        {nullptr, nullptr},
    };
    static const luaL_Reg evtFns[] = {
        {"field", B::evtField},      {"get_num", B::evtGetNum},     {"get_ts", B::evtGetTs},
        {"get_type", B::evtGetType}, {"get_cpuid", B::evtGetCpuid}, {nullptr, nullptr},
    };
    registerTable(L, "sysdig", sysdigFns, owner);
    registerTable(L, "chisel", chiselFns, owner);
    registerTable(L, "evt", evtFns, owner);

    // Output goes to the host, so a GUI console receives it like a terminal would.
    lua_pushlightuserdata(L, owner);
    lua_pushcclosure(L, B::print, 1);
    lua_setglobal(L, "print");
    lua_getglobal(L, "io");
    if (lua_istable(L, -1)) {
        lua_pushlightuserdata(L, owner);
        lua_getfield(L, -2, "stdout");
        lua_pushcclosure(L, B::ioWrite, 2);
        lua_setfield(L, -2, "write");
        lua_pushlightuserdata(L, owner);
        lua_pushcclosure(L, B::ioFlush, 1);
        lua_setfield(L, -2, "flush");
    }
    lua_pop(L, 1);
}

} // namespace syscope::chisel
