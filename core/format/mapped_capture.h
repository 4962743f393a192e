// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The bytes of one capture, mapped read-only. Compressed inputs (gzip, zstd; sniffed by magic bytes, never by
// the file name) are decompressed once into an unlinked spool file which is then mapped, so every later pass
// is random access over plain bytes. Thread affinity: immutable after open(); readable from any thread.
#include "base/result.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>

namespace syscope::format {

enum class Compression { kNone, kGzip, kZstd };

class MappedCapture {
public:
    ~MappedCapture();
    MappedCapture(const MappedCapture&) = delete;
    MappedCapture& operator=(const MappedCapture&) = delete;

    static Result<std::unique_ptr<MappedCapture>> open(const std::string& path);
    // Maps bytes already in memory (tests, fuzzers). The caller keeps them alive.
    static std::unique_ptr<MappedCapture> fromMemory(std::span<const uint8_t> bytes);

    std::span<const uint8_t> bytes() const { return {m_data, m_size}; }
    // Maps the pages of [offset, offset + length) in one go ahead of a sequential reader: far cheaper than a page
    // fault per few pages (index::ReadAhead calls it from a thread of its own). A no-op where the kernel cannot.
    void prefault(uint64_t offset, uint64_t length) const;
    // Starts reading [offset, offset + length) from disk into the page cache, asynchronously, without mapping it:
    // unlike prefault(), it does not hold the address-space lock while the disk works.
    void willNeed(uint64_t offset, uint64_t length) const;
    Compression compression() const { return m_compression; }
    // Set when the compressed stream ended early or was damaged: the bytes before the damage are kept.
    const std::optional<Error>& decompressError() const { return m_decompressError; }

private:
    MappedCapture() = default;
    void advise(uint64_t offset, uint64_t length, int advice) const;
    const uint8_t* m_data = nullptr;
    size_t m_size = 0;
    size_t m_mapSize = 0; // 0 when not mmapped by us
    Compression m_compression = Compression::kNone;
    std::optional<Error> m_decompressError;
};

} // namespace syscope::format
