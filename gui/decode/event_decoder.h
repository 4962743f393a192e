// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Builds the decode tree of one event: header (number, time, cpu, direction, type, category, latency), every
// parameter (name, value as sysdig renders it, raw bytes), the thread and process, the fd, the container and
// the block framing, each with the byte range it came from and the filter field it answers to.
// Takes the session's state lock for the duration; any thread (the GUI calls it for one event at a time).
#include "decode/decoded_event.h"
#include "session.h"

#include <optional>

namespace syscope::gui {

class EventDecoder {
public:
    static std::optional<DecodedEvent> decode(const Session& session, uint64_t ordinal);
};

} // namespace syscope::gui
