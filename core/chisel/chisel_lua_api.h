// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The sysdig-compatible Lua API a chisel script sees: the sysdig, chisel and evt tables, plus print, io.write
// and io.flush routed to the host's output. Each function is a C closure bound to its Chisel; bound to none
// (while a script is only being described) the functions raise an error instead of acting, and output goes
// nowhere. Called on the thread that runs the chisel.
#include <cstdint>
#include <string>

struct lua_State;

namespace syscope::chisel {

class Chisel;
class ChiselHost;
struct ChiselEvent;

class ChiselLuaApi {
public:
    static void install(lua_State* L, Chisel* owner);

private:
    static Chisel& self(lua_State* L);
    static ChiselHost& host(lua_State* L);
    static const ChiselEvent& event(lua_State* L, const char* what);
    [[noreturn]] static void fail(lua_State* L, const std::string& msg);
    static bool describing(lua_State* L);
    static int print(lua_State* L);
    static int ioWrite(lua_State* L);
    static int ioFlush(lua_State* L);
    static int evtField(lua_State* L);
    static int evtGetNum(lua_State* L);
    static int evtGetTs(lua_State* L);
    static int evtGetType(lua_State* L);
    static int evtGetCpuid(lua_State* L);
    static int requestField(lua_State* L);
    static int setFilter(lua_State* L);
    static int setEventFormatter(lua_State* L);
    static int setIntervalNs(lua_State* L);
    static int setIntervalS(lua_State* L);
    static int setPreciseIntervalNs(lua_State* L);
    static int exec(lua_State* L);
    static int setGlobalFilter(lua_State* L);
    static int setSnaplen(lua_State* L);
    static int setOutputFormat(lua_State* L);
    static int setFatfileDumpMode(lua_State* L);
    static int isLive(lua_State* L);
    static int isTty(lua_State* L);
    static int getTerminalInfo(lua_State* L);
    static int getFilter(lua_State* L);
    static int getMachineInfo(lua_State* L);
    static int threadTable(lua_State* L, bool withFds, bool barebone);
    static int getThreadTable(lua_State* L);
    static int getThreadTableNofds(lua_State* L);
    static int getThreadTableBarebone(lua_State* L);
    static int getThreadTableBareboneNofds(lua_State* L);
    static int getContainerTable(lua_State* L);
    static int isPrintContainerData(lua_State* L);
    static int getOutputFormat(lua_State* L);
    static int getEvtsourceName(lua_State* L);
    static int getFirsteventTs(lua_State* L);
    static int getLasteventTs(lua_State* L);
    static uint64_t parseU64(lua_State* L, int idx);
    static int makeTs(lua_State* L);
    static int addTs(lua_State* L);
    static int subtractTs(lua_State* L);
    static int runApp(lua_State* L);
    static int endCapture(lua_State* L);
    static int log(lua_State* L);
    static int udpSetpeername(lua_State* L);
    static int udpSend(lua_State* L);
    static int getReadProgress(lua_State* L);
    static int pushMetric(lua_State* L);
};

} // namespace syscope::chisel
