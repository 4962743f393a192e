// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Consumes one BPF ring buffer that the loader has mapped into this process. The layout is the kernel's
// (Documentation/bpf/ringbuf.rst): a consumer-position page the reader writes, a producer-position page, and
// the data area mapped twice in a row so that a record that wraps is still contiguous. Each record has an
// 8-byte header (u32 length with a busy and a discard bit, u32 page offset) and is padded to 8 bytes.
// peek() looks at the oldest committed record without consuming it, so that several rings can be merged by
// timestamp; commit() hands the consumed space back to the kernel.
// Thread affinity: one consumer thread per ring.
#include <cstddef>
#include <cstdint>
#include <span>

namespace syscope::live {

class RingReader {
public:
    RingReader(uint64_t* consumerPos, const uint64_t* producerPos, const uint8_t* data, size_t dataSize);

    // The oldest record not yet consumed (its payload), or an empty span when there is none yet.
    std::span<const uint8_t> peek();
    // Consumes the record peek() returned.
    void pop();
    // Publishes what was consumed, freeing the space for the producer.
    void commit();
    // Bytes the producer has committed that are not consumed yet.
    uint64_t pendingBytes() const;

private:
    uint64_t* m_consumerPos;
    const uint64_t* m_producerPos;
    const uint8_t* m_data;
    uint64_t m_mask;
    uint64_t m_pos;         // local consumer position (ahead of *m_consumerPos until commit())
    uint64_t m_headLen = 0; // size of the peeked record, header and padding included; 0 when none
};

} // namespace syscope::live
