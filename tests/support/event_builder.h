// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Builds captures in memory, block by block, laid out exactly as libscap writes them (scap-format.md 1-2), so a
// test can state the one oddity it is about (an old block version, a short v1 event, a cut, a bad length)
// without shipping a binary fixture. Entries reuse the reader's own metadata structs: a round trip through
// CaptureReader then compares like with like.
#include "format/block_types.h"
#include "format/capture_metadata.h"

#include <QByteArray>

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace syscope::test {

using Bytes = std::vector<uint8_t>;

// Parameter encodings as the drivers write them: integers little-endian, IPs in network order, ports in host
// order.
namespace enc {
Bytes u8(uint8_t v);
Bytes u16(uint16_t v);
Bytes u32(uint32_t v);
Bytes u64(uint64_t v);
Bytes i64(int64_t v);
// The bytes of s with a terminating NUL (CHARBUF, FSPATH).
Bytes str(std::string_view s);
// The bytes of s as they are (BYTEBUF, multi-strings written by hand).
Bytes raw(std::string_view s);
Bytes sockaddrV4(std::array<uint8_t, 4> ip, uint16_t port);
Bytes sockaddrV6(const std::array<uint8_t, 16>& ip, uint16_t port);
Bytes sockaddrUnix(std::string_view path);
Bytes tupleV4(std::array<uint8_t, 4> sip, uint16_t sport, std::array<uint8_t, 4> dip, uint16_t dport);
Bytes tupleV6(const std::array<uint8_t, 16>& sip, uint16_t sport, const std::array<uint8_t, 16>& dip, uint16_t dport);
Bytes tupleUnix(uint64_t source, uint64_t dest, std::string_view path);
// (fd, poll flags) pairs.
Bytes fdList(const std::vector<std::pair<int64_t, uint16_t>>& fds);
// A pcapng option list holding one opt_comment per text, closed by opt_endofopt (what editcap adds).
Bytes pcapngComments(const std::vector<std::string>& texts);
// "2001:db8::3" style text to 16 bytes (no validation: tests pass literals).
std::array<uint8_t, 16> ipv6(std::string_view text);
} // namespace enc

class CaptureBuilder {
public:
    // pcapngOptions are appended after the fixed fields, zero-padded to 4 bytes.
    CaptureBuilder& shb(uint16_t major = 1, uint16_t minor = 2, const Bytes& pcapngOptions = {});
    CaptureBuilder& machineInfo(const format::MachineInfo& mi, uint32_t blockType = format::kBlockMi);

    // version 1..9. legacyId: the 0x80..ABCD id of V1..V3. v9Tail: how many bytes of the optional PL_V9 tail
    // (scap-format.md 1.9) to write after root: 0..29 the pre-0.10 layout (loginuid first), more the current
    // one (pidns_init_start_ts, tty, loginuid, ...); at most 76.
    CaptureBuilder& procList(int version, const std::vector<format::ProcEntry>& entries, bool legacyId = false,
                             int v9Tail = 76);
    // fileV2Dev: write the trailing dev of FILE_V2 entries (FDL_V2 only; 2019 writers did not).
    CaptureBuilder& fdList(bool v2, uint64_t tid, const std::vector<format::FdEntry>& entries, bool legacyId = false,
                           bool fileV2Dev = true);
    // Entry types 1-4; v2 entries carry extraBytes of unknown trailing fields each.
    CaptureBuilder& interfaceList(bool v2, const std::vector<format::InterfaceEntry>& entries, bool legacyId = false,
                                  size_t extraBytes = 0);
    CaptureBuilder& userList(bool v2, const std::vector<format::UserEntry>& users,
                             const std::vector<format::GroupEntry>& groups, bool legacyId = false);
    // Any block, framed and padded (unknown types, hand-made bodies).
    CaptureBuilder& block(uint32_t type, const Bytes& body);
    // Bytes outside any block framing (damage, concatenation).
    CaptureBuilder& raw(const Bytes& bytes);

    struct Event {
        uint32_t blockType = format::kBlockEvV2;
        uint16_t cpu = 0;
        uint64_t ts = 0;
        uint64_t tid = 0;
        uint16_t type = 0;
        std::vector<Bytes> params;
        uint32_t flags = 0; // EVF* blocks only
        // Added to the stored event length (the old +3 of types 280/286, or damage).
        int32_t lenDelta = 0;
        // Bytes after the event inside the block, before the padding (editcap's pcapng options).
        Bytes trailing;
        // Overrides nparams of v2 headers when >= 0 (damage).
        int64_t nparamsOverride = -1;
    };
    // The length array is 32-bit for event types flagged EF_LARGE_PAYLOAD, 16-bit otherwise, whatever the block.
    CaptureBuilder& event(uint32_t blockType, uint16_t cpu, uint64_t ts, uint64_t tid, uint16_t type,
                          const std::vector<Bytes>& params, uint32_t flags = 0);
    CaptureBuilder& event(const Event& e);

    const Bytes& bytes() const { return m_out; }
    QByteArray toByteArray() const;
    size_t size() const { return m_out.size(); }
    // Where each block added so far starts, in order (raw() adds none).
    const std::vector<uint64_t>& blockOffsets() const { return m_blocks; }

private:
    CaptureBuilder& frame(uint32_t type, const Bytes& body);

    Bytes m_out;
    std::vector<uint64_t> m_blocks;
};

} // namespace syscope::test
