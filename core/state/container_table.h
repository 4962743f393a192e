// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The containers a capture describes: the container events (272/324 carry a JSON description, 228 the old
// id/type/name/image parameters) fill it, and a thread belongs to the container whose id its cgroups name (docker,
// cri-o, containerd/kubepods path patterns), the way sysdig 0.29.3 resolves it when reading a file. Versioned by
// event ordinal so random access sees only what was known at an event. One writer (the state tracker).
#include "format/raw_event.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace syscope::state {

struct ContainerMount {
    std::string source, dest, mode, propagation;
    bool rdwr = false;
};

struct ContainerInfo {
    // sinsp_container_type numbering: 0 docker, 1 lxc, 2 libvirt-lxc, 3 mesos, 4 rkt, 5 custom, 6 cri,
    // 7 containerd, 8 cri-o, 9 bpm.
    uint32_t type = 0;
    std::string id, name, image, imageId, imageRepo, imageTag, imageDigest;
    bool privileged = false;
    uint32_t ipv4 = 0; // network byte order; 0 when the description gives none
    std::vector<ContainerMount> mounts;
    std::vector<std::pair<std::string, std::string>> labels;
};

class ContainerTable {
public:
    void clear();
    // Records the description a container event carries (ids 228, 272, 324); other events are ignored.
    void add(const format::RawEvent& ev, uint64_t ordinal);
    // The description known for `id` at event `ordinal`, or nullptr.
    const ContainerInfo* find(std::string_view id, uint64_t ordinal) const;
    // Whether any container known at `ordinal` has this IPv4 address (network byte order).
    bool anyHasIpv4(uint32_t addr, uint64_t ordinal) const;
    // The container id a thread's cgroups (a multi-string of "subsys=path" entries) name; empty for the host.
    static std::string idFromCgroups(std::string_view cgroups);
    // "docker", "cri-o", ... as container.type prints it.
    static const char* typeName(uint32_t type);

private:
    struct Version {
        uint64_t from;
        ContainerInfo info;
    };
    std::unordered_map<std::string, std::vector<Version>> m_byId;
};

} // namespace syscope::state
