// SPDX-License-Identifier: GPL-3.0-or-later
#include "live/ring_reader.h"

namespace syscope::live {
namespace {

constexpr uint32_t kBusyBit = 1u << 31;
constexpr uint32_t kDiscardBit = 1u << 30;
constexpr uint64_t kHeaderSize = 8;

} // namespace

RingReader::RingReader(uint64_t* consumerPos, const uint64_t* producerPos, const uint8_t* data, size_t dataSize)
    : m_consumerPos(consumerPos), m_producerPos(producerPos), m_data(data), m_mask(dataSize - 1),
      m_pos(__atomic_load_n(consumerPos, __ATOMIC_ACQUIRE))
{}

std::span<const uint8_t> RingReader::peek()
{
    for (;;) {
        const uint64_t prod = __atomic_load_n(m_producerPos, __ATOMIC_ACQUIRE);
        if (m_pos >= prod) {
            m_headLen = 0;
            return {};
        }
        const uint8_t* hdr = m_data + (m_pos & m_mask);
        const uint32_t len = __atomic_load_n(reinterpret_cast<const uint32_t*>(hdr), __ATOMIC_ACQUIRE);
        if (len & kBusyBit) {
            // Reserved but not committed yet: records behind it must wait, to keep this ring's order.
            m_headLen = 0;
            return {};
        }
        const uint32_t size = len & ~(kBusyBit | kDiscardBit);
        const uint64_t total = (kHeaderSize + size + 7) & ~uint64_t(7);
        if (len & kDiscardBit) {
            m_pos += total;
            continue;
        }
        m_headLen = total;
        return {hdr + kHeaderSize, size};
    }
}

void RingReader::pop()
{
    m_pos += m_headLen;
    m_headLen = 0;
}

void RingReader::commit() { __atomic_store_n(m_consumerPos, m_pos, __ATOMIC_RELEASE); }

uint64_t RingReader::pendingBytes() const { return __atomic_load_n(m_producerPos, __ATOMIC_ACQUIRE) - m_pos; }

} // namespace syscope::live
