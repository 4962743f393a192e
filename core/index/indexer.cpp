// SPDX-License-Identifier: GPL-3.0-or-later
#include "index/indexer.h"

#include "index/read_ahead.h"

namespace syscope::index {

Result<void> Indexer::open()
{
    auto r = m_reader.open();
    if (!r) {
        // A capture whose decompression stopped early is reported as such, not as a bad block.
        if (m_capture.decompressError() && r.error().code == ErrorCode::kTruncated)
            return *m_capture.decompressError();
        return r;
    }
    m_state.setRefreshCallerOnClone(m_compat == decode::Compat::kSysdig036);
    m_state.reset(m_reader.metadata());
    return {};
}

void Indexer::run(const OnEvent& onEvent, const std::atomic<bool>* stop, bool buildIndex,
                  const std::function<void()>& beforeReset)
{
    const auto bytes = m_capture.bytes();
    ReadAhead ahead(m_capture);
    format::RawEvent ev;
    for (;;) {
        if (stop && (m_ordinal & 1023) == 0 && stop->load(std::memory_order_relaxed))
            break;
        auto step = m_reader.next(ev);
        ahead.readerAt(ev.offset);
        if (step == format::CaptureReader::Step::kEnd)
            break;
        if (step == format::CaptureReader::Step::kError) {
            m_damage = m_reader.error();
            break;
        }
        if (step == format::CaptureReader::Step::kNewSection) {
            if (beforeReset)
                beforeReset();
            m_state.reset(m_reader.metadata());
            continue;
        }
        // sysdig 0.29.3 does not know the user/group table events (354-361) and drops them unnumbered.
        if (ev.type >= 354 && ev.type <= 361 && m_compat == decode::Compat::kSysdig0293)
            continue;
        state::EventContext ctx = m_state.apply(ev, m_ordinal, bytes);
        if (buildIndex)
            m_index.append(EventRow{ev.offset, ev.ts, ctx.threadVersion, ctx.fdVersion, ev.type, ev.cpu,
                                    !state::isShownEvent(ev, ctx)});
        uint64_t ordinal = m_ordinal++;
        if (onEvent && !onEvent(ordinal, ev, ctx))
            break;
    }
    m_index.publish();
    if (!m_damage && m_capture.decompressError())
        m_damage = m_capture.decompressError();
}

} // namespace syscope::index
