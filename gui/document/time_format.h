// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// How the event list shows time. Plain data.
namespace syscope::gui {

enum class TimeFormat {
    kAbsolute,       // HH:MM:SS.nnnnnnnnn local time, as sysdig prints it
    kRelative,       // seconds since the first shown event of the capture
    kDelta,          // seconds since the previous displayed event
    kSinceReference, // seconds since the time reference (the first event when none is set)
};

} // namespace syscope::gui
