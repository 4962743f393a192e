// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One running chisel: its own lua_State with the sysdig-compatible API (sysdig.*, chisel.*, evt.*), its
// arguments, its private filter and formatter, its interval timer. The life cycle follows sysdig's:
// load -> setArgs -> init (which may chisel.exec another chisel in its place) -> captureStart -> event* ->
// captureEnd. Every Lua error is caught and returned as an Error naming the script file and line; nothing
// thrown crosses this class. The Lua JIT is off: the interpreter honours the count hook, so cancel() stops
// even a chisel stuck in an endless loop (compiled traces never look at hooks).
// Thread affinity: one thread at a time; cancel() from any thread.
#include "base/result.h"
#include "chisel/chisel_event.h"
#include "chisel/chisel_info.h"
#include "chisel/field_source.h"

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

struct lua_State;

namespace syscope::chisel {

class ChiselCatalog;
class ChiselHost;
class ChiselLuaApi;

class Chisel {
public:
    struct Environment {
        ChiselHost* host = nullptr;
        FieldSource* fields = nullptr;
        const ChiselCatalog* catalog = nullptr;
    };

    ~Chisel();
    Chisel(const Chisel&) = delete;
    Chisel& operator=(const Chisel&) = delete;

    // Finds `name` through the catalog's search path and runs its top-level code.
    static Result<std::unique_ptr<Chisel>> load(std::string_view name, const Environment& env);
    // Reads a script's globals without running it as a chisel (listing, -i).
    static Result<ChiselInfo> describe(const std::string& path, const ChiselCatalog& catalog);

    const ChiselInfo& info() const { return m_info; }
    const std::string& name() const { return m_info.name; }

    // Arguments as sysdig passes them: one string split at spaces, '...' or `...` quoting a value.
    Result<void> setArgs(std::string_view joined);
    Result<void> setArgs(const std::vector<std::string>& values);
    Result<void> init();
    Result<void> captureStart();
    // An event that passed the global filter: interval callback, chisel filter, on_event, formatter. `ev` must
    // stay valid (and be updated in place) for the rest of the run: evt.* keeps reading it.
    Result<void> processEvent(const ChiselEvent& ev);
    // An event the global filter dropped: only time advances (on_interval).
    Result<void> advanceTime(const ChiselEvent& ev);
    // lastTs: the last event's timestamp; delta: lastTs minus the first event's.
    Result<void> captureEnd(uint64_t lastTs, int64_t delta);

    // sysdig.end_capture() was called during the last on_event.
    bool endRequested() const { return m_endCapture; }
    // Thread-safe: the Lua code running now (or next) fails with "cancelled".
    void cancel();

private:
    friend class ChiselLuaApi;
    explicit Chisel(const Environment& env) : m_env(env) {}

    Result<void> loadScript(const std::string& path);
    void closeState();
    Error luaError(const std::string& prefix);
    Result<void> intervalCallbacks(uint64_t ts);
    Result<void> callInterval(uint64_t ts, uint64_t delta);

    Environment m_env;
    ChiselInfo m_info;
    lua_State* m_lua = nullptr;
    bool m_hasOnEvent = false;
    int m_onEventKey = 0; // registry reference to the interned string "on_event"
    bool m_firstEvent = true;
    bool m_endCapture = false;
    std::atomic<bool> m_cancel{false};
    std::mutex m_stateMutex; // m_lua's lifetime against cancel() from another thread

    std::vector<std::string> m_argValues;
    std::string m_execName; // chisel.exec target, handled after on_init returns
    std::vector<std::unique_ptr<FieldSource::Extractor>> m_fields;
    std::unique_ptr<FieldSource::Predicate> m_filter;
    std::unique_ptr<FieldSource::Formatter> m_formatter;
    std::string m_filterText;
    std::string m_line;
    FieldValue m_value; // evt.field's scratch value

    uint64_t m_interval = 0;
    uint64_t m_preciseInterval = 0;
    uint64_t m_lastSampleTime = 0;
    uint64_t m_lastIntervalTs = 0;

    const ChiselEvent* m_event = nullptr; // what evt.* reads: the run's current event, once one reached us
    int m_udpSocket = -1;
};

} // namespace syscope::chisel
