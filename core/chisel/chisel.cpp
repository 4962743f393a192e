// SPDX-License-Identifier: GPL-3.0-or-later
#include "chisel/chisel.h"

#include "chisel/chisel_catalog.h"
#include "chisel/chisel_host.h"
#include "chisel/chisel_lua_api.h"

#include <unistd.h>

extern "C" {
#include <lauxlib.h>
#include <lua.h>
#include <luajit.h>
#include <lualib.h>
}

#include <mutex>

namespace syscope::chisel {

namespace {

constexpr uint64_t kNsPerSec = 1000000000ULL;

void cancelHook(lua_State* L, lua_Debug*)
{
    // The hook stays installed once cancelled, so the error repeats until the chisel has unwound.
    luaL_error(L, "cancelled");
}

std::string toStr(lua_State* L, int idx)
{
    size_t n = 0;
    const char* s = lua_tolstring(L, idx, &n);
    return s ? std::string(s, n) : std::string();
}

// Reads one entry of the args table: name/argtype/description strings, an optional boolean. A value of any
// other type makes the script unusable, as it does for sysdig.
bool readArg(lua_State* L, ChiselArgInfo& arg)
{
    lua_pushnil(L);
    while (lua_next(L, -2) != 0) {
        std::string key = lua_type(L, -2) == LUA_TSTRING ? toStr(L, -2) : std::string();
        if (lua_isstring(L, -1)) {
            if (key == "name")
                arg.name = toStr(L, -1);
            else if (key == "argtype")
                arg.argtype = toStr(L, -1);
            else if (key == "description")
                arg.description = toStr(L, -1);
        } else if (lua_isboolean(L, -1)) {
            if (key == "optional")
                arg.optional = lua_toboolean(L, -1) != 0;
        } else {
            lua_pop(L, 2);
            return false;
        }
        lua_pop(L, 1);
    }
    return true;
}

// The args global, at the top of the stack: a list of argument tables.
bool readArgs(lua_State* L, std::vector<ChiselArgInfo>& args, std::string* description)
{
    lua_pushnil(L);
    while (lua_next(L, -2) != 0) {
        if (lua_istable(L, -1)) {
            ChiselArgInfo a;
            if (!readArg(L, a)) {
                lua_pop(L, 2);
                return false;
            }
            args.push_back(std::move(a));
        } else if (lua_isstring(L, -1)) {
            if (description)
                *description = toStr(L, -1);
        } else {
            lua_pop(L, 2);
            return false;
        }
        lua_pop(L, 1);
    }
    return true;
}

lua_State* newState(const ChiselCatalog& catalog, Chisel* owner)
{
    lua_State* L = luaL_newstate();
    if (!L)
        return nullptr;
    luaL_openlibs(L);
    luaJIT_setmode(L, 0, LUAJIT_MODE_ENGINE | LUAJIT_MODE_OFF);
    ChiselLuaApi::install(L, owner);
    // The helper scripts (common.lua, ansiterminal.lua...) are required from the chisel directories.
    lua_getglobal(L, "package");
    lua_getfield(L, -1, "path");
    std::string path = toStr(L, -1);
    lua_pop(L, 1);
    for (const auto& d : catalog.dirs())
        path += ";" + d + "?.lua";
    lua_pushlstring(L, path.data(), path.size());
    lua_setfield(L, -2, "path");
    lua_pop(L, 1);
    return L;
}

std::string quoteArgs(const std::vector<std::string>& values)
{
    std::string out;
    for (size_t i = 0; i < values.size(); ++i) {
        if (i)
            out.push_back(' ');
        if (values[i].find(' ') == std::string::npos)
            out += values[i];
        else
            out += "'" + values[i] + "'";
    }
    return out;
}

} // namespace

Chisel::~Chisel() { closeState(); }

void Chisel::closeState()
{
    std::lock_guard lock(m_stateMutex);
    if (m_lua) {
        lua_close(m_lua);
        m_lua = nullptr;
    }
    m_fields.clear();
    m_filter.reset();
    m_formatter.reset();
    m_filterText.clear();
    m_hasOnEvent = false;
    m_interval = m_preciseInterval = 0;
    if (m_udpSocket >= 0) {
        ::close(m_udpSocket);
        m_udpSocket = -1;
    }
}

void Chisel::cancel()
{
    m_cancel.store(true);
    std::lock_guard lock(m_stateMutex);
    if (m_lua)
        lua_sethook(m_lua, cancelHook, LUA_MASKCOUNT | LUA_MASKCALL | LUA_MASKRET, 1);
}

Result<ChiselInfo> Chisel::describe(const std::string& path, const ChiselCatalog& catalog)
{
    lua_State* L = newState(catalog, nullptr);
    if (!L)
        return makeError(ErrorCode::kIo, "cannot create a Lua state");
    struct Closer {
        lua_State* L;
        ~Closer() { lua_close(L); }
    } closer{L};
    ChiselInfo info;
    info.path = path;
    if (luaL_loadfile(L, path.c_str()) || lua_pcall(L, 0, 0, 0))
        return makeError(ErrorCode::kInvalidArgument, toStr(L, -1));
    lua_getglobal(L, "description");
    if (!lua_isstring(L, -1)) {
        lua_getglobal(L, "view_info");
        if (lua_isnoneornil(L, -1))
            return makeError(ErrorCode::kInvalidArgument, path + ": no description");
        info.isView = true;
        return info;
    }
    info.description = toStr(L, -1);
    lua_getglobal(L, "short_description");
    if (!lua_isstring(L, -1))
        return makeError(ErrorCode::kInvalidArgument, path + ": no short_description");
    info.shortDescription = toStr(L, -1);
    lua_getglobal(L, "category");
    if (lua_isstring(L, -1))
        info.category = toStr(L, -1);
    lua_getglobal(L, "hidden");
    if (lua_isboolean(L, -1) && lua_toboolean(L, -1))
        return makeError(ErrorCode::kInvalidArgument, path + ": hidden");
    lua_getglobal(L, "args");
    if (lua_isnoneornil(L, -1) || !readArgs(L, info.args, &info.description))
        return makeError(ErrorCode::kInvalidArgument, path + ": bad args table");
    return info;
}

Result<std::unique_ptr<Chisel>> Chisel::load(std::string_view name, const Environment& env)
{
    if (!env.catalog || !env.host || !env.fields)
        return makeError(ErrorCode::kInvalidArgument, "chisel environment incomplete");
    std::unique_ptr<Chisel> c(new Chisel(env));
    auto path = env.catalog->find(name);
    if (!path)
        return makeError(ErrorCode::kInvalidArgument, "can't open file " + std::string(name));
    c->m_info.name = std::string(name);
    if (auto r = c->loadScript(*path); !r)
        return r.error();
    return c;
}

Result<void> Chisel::loadScript(const std::string& path)
{
    closeState();
    {
        std::lock_guard lock(m_stateMutex);
        m_lua = newState(*m_env.catalog, this);
    }
    if (!m_lua)
        return makeError(ErrorCode::kIo, "cannot create a Lua state");
    if (m_cancel.load())
        lua_sethook(m_lua, cancelHook, LUA_MASKCOUNT | LUA_MASKCALL | LUA_MASKRET, 1);
    m_info.path = path;
    m_info.args.clear();
    m_firstEvent = true;
    if (luaL_loadfile(m_lua, path.c_str()) || lua_pcall(m_lua, 0, 0, 0))
        return luaError("Failed to load chisel " + m_info.name + ": ");
    lua_getglobal(m_lua, "description");
    m_info.description = lua_isstring(m_lua, -1) ? toStr(m_lua, -1) : std::string();
    lua_getglobal(m_lua, "short_description");
    m_info.shortDescription = lua_isstring(m_lua, -1) ? toStr(m_lua, -1) : std::string();
    lua_getglobal(m_lua, "category");
    m_info.category = lua_isstring(m_lua, -1) ? toStr(m_lua, -1) : std::string();
    lua_pop(m_lua, 3);
    lua_getglobal(m_lua, "args");
    if (!lua_istable(m_lua, -1)) {
        lua_pop(m_lua, 1);
        return makeError(ErrorCode::kInvalidArgument, "Failed to load chisel " + m_info.name + ": args table missing");
    }
    bool ok = readArgs(m_lua, m_info.args, nullptr);
    lua_pop(m_lua, 1);
    if (!ok)
        return makeError(ErrorCode::kInvalidArgument, "Failed to load chisel " + m_info.name + ": bad args table");
    lua_getglobal(m_lua, "on_event");
    m_hasOnEvent = lua_isfunction(m_lua, -1);
    lua_pop(m_lua, 1);
    lua_pushliteral(m_lua, "on_event");
    m_onEventKey = luaL_ref(m_lua, LUA_REGISTRYINDEX);
    return {};
}

Error Chisel::luaError(const std::string& prefix)
{
    std::string msg = m_lua && lua_gettop(m_lua) > 0 ? toStr(m_lua, -1) : std::string();
    if (m_lua)
        lua_settop(m_lua, 0);
    if (m_cancel.load())
        return makeError(ErrorCode::kCancelled, m_info.name + ": cancelled");
    return makeError(ErrorCode::kInvalidArgument, prefix + msg);
}

Result<void> Chisel::setArgs(std::string_view joined)
{
    // sysdig's splitting: spaces separate values; a quote (' or `) opens and closes a value that may hold
    // spaces; empty values between repeated spaces are kept.
    std::string s(joined);
    size_t b = s.find_first_not_of(" \t\r\n");
    size_t e = s.find_last_not_of(" \t\r\n");
    s = b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
    std::vector<std::string> values;
    if (!s.empty()) {
        size_t begin = 0, correction = 0;
        bool quoted = false;
        size_t j = 0;
        for (; j < s.size(); ++j) {
            if (s[j] == ' ' && !quoted) {
                values.push_back(s.substr(begin, j - correction - begin));
                begin = j + 1;
                correction = 0;
            } else if (s[j] == '\'' || s[j] == '`') {
                if (quoted) {
                    correction = 1;
                    quoted = false;
                } else {
                    ++begin;
                    quoted = true;
                }
            }
        }
        if (quoted)
            return makeError(ErrorCode::kInvalidArgument, "corrupted parameters for chisel " + m_info.name);
        values.push_back(s.substr(begin, j - correction - begin));
    }
    return setArgs(values);
}

Result<void> Chisel::setArgs(const std::vector<std::string>& values)
{
    const size_t required = m_info.requiredArgs();
    const size_t optional = m_info.args.size() - required;
    if (values.size() < required)
        return makeError(ErrorCode::kInvalidArgument, "wrong number of parameters for chisel " + m_info.name + ", " +
                                                          std::to_string(required) + " required, " +
                                                          std::to_string(values.size()) + " given");
    if (values.size() > required + optional)
        return makeError(ErrorCode::kInvalidArgument, "too many parameters for chisel " + m_info.name + ", " +
                                                          std::to_string(required) + " required, " +
                                                          std::to_string(optional) + " optional, " +
                                                          std::to_string(values.size()) + " given");
    m_argValues = values;
    for (size_t i = 0; i < values.size(); ++i) {
        lua_getglobal(m_lua, "on_set_arg");
        if (!lua_isfunction(m_lua, -1)) {
            lua_settop(m_lua, 0);
            return makeError(ErrorCode::kInvalidArgument, "chisel " + m_info.name + " misses a set_arg() function.");
        }
        lua_pushlstring(m_lua, m_info.args[i].name.data(), m_info.args[i].name.size());
        lua_pushlstring(m_lua, values[i].data(), values[i].size());
        if (lua_pcall(m_lua, 2, 1, 0) != 0)
            return luaError(m_info.name + " chisel error: ");
        if (!lua_isboolean(m_lua, -1)) {
            lua_settop(m_lua, 0);
            return makeError(ErrorCode::kInvalidArgument, m_info.name + " chisel error: wrong set_arg() return value.");
        }
        bool ok = lua_toboolean(m_lua, -1);
        lua_pop(m_lua, 1);
        if (!ok)
            return makeError(ErrorCode::kInvalidArgument, "set_arg() for chisel " + m_info.name + " failed.");
    }
    return {};
}

Result<void> Chisel::init()
{
    lua_getglobal(m_lua, "on_init");
    if (!lua_isfunction(m_lua, -1)) {
        lua_pop(m_lua, 1);
        return {};
    }
    if (lua_pcall(m_lua, 0, 1, 0) != 0)
        return luaError(m_info.name + ": error in init(): ");
    if (m_execName.empty()) {
        if (!lua_isboolean(m_lua, -1)) {
            lua_settop(m_lua, 0);
            return makeError(ErrorCode::kInvalidArgument, m_info.name + " chisel error: wrong init() return value.");
        }
        bool ok = lua_toboolean(m_lua, -1);
        lua_pop(m_lua, 1);
        if (!ok)
            return makeError(ErrorCode::kInvalidArgument, "init() for chisel " + m_info.name + " failed.");
        return {};
    }
    lua_pop(m_lua, 1);
    // chisel.exec(): this chisel hands over to another one, which takes its arguments as one quoted string.
    std::string next = std::move(m_execName);
    m_execName.clear();
    std::string args = quoteArgs(m_argValues);
    auto path = m_env.catalog->find(next);
    if (!path)
        return makeError(ErrorCode::kInvalidArgument, "can't open file " + next);
    m_info = ChiselInfo{};
    m_info.name = next;
    if (auto r = loadScript(*path); !r)
        return r;
    if (auto r = setArgs(args); !r)
        return r;
    return init();
}

Result<void> Chisel::captureStart()
{
    lua_getglobal(m_lua, "on_capture_start");
    if (!lua_isfunction(m_lua, -1)) {
        lua_pop(m_lua, 1);
        return {};
    }
    if (lua_pcall(m_lua, 0, 1, 0) != 0)
        return luaError(m_info.name + " chisel error: ");
    if (!lua_isboolean(m_lua, -1)) {
        lua_settop(m_lua, 0);
        return makeError(ErrorCode::kInvalidArgument,
                         m_info.name + " chisel error: wrong on_capture_start() return value. Boolean expected.");
    }
    bool ok = lua_toboolean(m_lua, -1);
    lua_pop(m_lua, 1);
    if (!ok)
        return makeError(ErrorCode::kInvalidArgument, "init() for chisel " + m_info.name + " failed.");
    return {};
}

Result<void> Chisel::callInterval(uint64_t ts, uint64_t delta)
{
    lua_getglobal(m_lua, "on_interval");
    lua_pushnumber(m_lua, double(ts / kNsPerSec));
    lua_pushnumber(m_lua, double(ts % kNsPerSec));
    lua_pushnumber(m_lua, double(delta));
    if (lua_pcall(m_lua, 3, 1, 0) != 0)
        return luaError(m_info.name + " chisel error: calling on_interval() failed:");
    bool ok = lua_toboolean(m_lua, -1);
    lua_pop(m_lua, 1);
    if (!ok)
        return makeError(ErrorCode::kInvalidArgument, "execution terminated by the " + m_info.name + " chisel");
    return {};
}

Result<void> Chisel::intervalCallbacks(uint64_t ts)
{
    if (m_firstEvent) {
        // Intervals are counted from the first event: aligned to the interval for the plain timer, from the
        // event itself for the precise one.
        if (m_interval)
            m_lastSampleTime = ts - ts % m_interval;
        else if (m_preciseInterval)
            m_lastSampleTime = ts;
        m_firstEvent = false;
        return {};
    }
    if (m_interval) {
        uint64_t sample = ts - ts % m_interval;
        if (sample == m_lastSampleTime)
            return {};
        uint64_t delta = 0;
        if (m_lastIntervalTs != 0) {
            delta = ts - m_lastIntervalTs;
            if (delta == 0)
                return {};
        }
        if (auto r = callInterval(ts, delta); !r)
            return r;
        m_lastSampleTime = sample;
        m_lastIntervalTs = ts;
    } else if (m_preciseInterval) {
        if (ts - m_lastSampleTime < m_preciseInterval)
            return {};
        uint64_t t = m_lastSampleTime;
        for (; t <= ts - m_preciseInterval; t += m_preciseInterval)
            if (auto r = callInterval(t, m_preciseInterval); !r)
                return r;
        m_lastSampleTime = t;
    }
    return {};
}

Result<void> Chisel::advanceTime(const ChiselEvent& ev) { return intervalCallbacks(ev.raw->ts); }

Result<void> Chisel::processEvent(const ChiselEvent& ev)
{
    // From its first event on, evt.* reads the event the run is at (sysdig's event pointer is the inspector's
    // one, refilled for every event read): `ev` stays where the run keeps it.
    m_event = &ev;
    if (auto r = intervalCallbacks(ev.raw->ts); !r)
        return r;
    if (m_filter && !m_filter->matches(ev))
        return {};
    if (m_hasOnEvent) {
        // The global is looked up per event, as in sysdig (a chisel may redefine it), with its name interned once.
        lua_rawgeti(m_lua, LUA_REGISTRYINDEX, m_onEventKey);
        lua_gettable(m_lua, LUA_GLOBALSINDEX);
        if (lua_pcall(m_lua, 0, 1, 0) != 0)
            return luaError(m_info.name + " chisel error: ");
        bool ok = lua_toboolean(m_lua, -1);
        lua_pop(m_lua, 1);
        if (m_endCapture || !ok)
            return {};
    }
    if (m_formatter) {
        m_line.clear();
        if (m_formatter->format(ev, m_line)) {
            m_line.push_back('\n');
            m_env.host->write(m_line);
        }
    }
    return {};
}

Result<void> Chisel::captureEnd(uint64_t lastTs, int64_t delta)
{
    lua_getglobal(m_lua, "on_capture_end");
    if (!lua_isfunction(m_lua, -1)) {
        lua_pop(m_lua, 1);
        return {};
    }
    lua_pushnumber(m_lua, double(lastTs / kNsPerSec));
    lua_pushnumber(m_lua, double(lastTs % kNsPerSec));
    lua_pushnumber(m_lua, double(delta));
    if (lua_pcall(m_lua, 3, 0, 0) != 0)
        return luaError(m_info.name + " chisel error: ");
    return {};
}

} // namespace syscope::chisel
