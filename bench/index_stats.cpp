// SPDX-License-Identifier: GPL-3.0-or-later
// Indexes a capture the way the GUI does and prints what the index costs: events, seconds, events/s, index
// bytes per event beyond the mapped file, state versions, and peak RSS.
#include "session.h"

#include <chrono>
#include <cstdio>
#include <sys/resource.h>

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: index_stats CAPTURE\n");
        return 2;
    }
    auto t0 = std::chrono::steady_clock::now();
    auto s = syscope::Session::open(argv[1]);
    if (!s) {
        std::fprintf(stderr, "index_stats: %s\n", s.error().message.c_str());
        return 2;
    }
    auto t1 = std::chrono::steady_clock::now();
    (*s)->indexNow();
    auto t2 = std::chrono::steady_clock::now();
    uint64_t n = (*s)->eventCount();
    auto [indexBytes, threads, fds, stateBytes] =
        (*s)->withState([](const syscope::state::StateTracker& st, const syscope::index::EventIndex& idx) {
            return std::tuple{idx.memoryBytes(), st.threadVersionCount(), st.fdVersionCount(), st.memoryBytes()};
        });
    struct rusage ru {};
    getrusage(RUSAGE_SELF, &ru);
    double openS = std::chrono::duration<double>(t1 - t0).count();
    double indexS = std::chrono::duration<double>(t2 - t1).count();
    std::printf("events                 %llu\n", static_cast<unsigned long long>(n));
    std::printf("open (decompress) s    %.3f\n", openS);
    std::printf("index s                %.3f\n", indexS);
    std::printf("index events/s         %.0f\n", indexS > 0 ? double(n) / indexS : 0.0);
    std::printf("index bytes/event      %.1f (columns)\n", n ? double(indexBytes) / double(n) : 0.0);
    std::printf("state bytes/event      %.1f (thread and fd versions, histories)\n",
                n ? double(stateBytes) / double(n) : 0.0);
    std::printf("total bytes/event      %.1f beyond the mapped capture (goal <= 24)\n",
                n ? double(indexBytes + stateBytes) / double(n) : 0.0);
    std::printf("thread versions        %zu\n", threads);
    std::printf("fd versions            %zu\n", fds);
    std::printf("peak RSS MiB           %.1f\n", double(ru.ru_maxrss) / 1024.0);
    return 0;
}
