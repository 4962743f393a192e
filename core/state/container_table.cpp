// SPDX-License-Identifier: GPL-3.0-or-later
#include "state/container_table.h"

#include "decode/param_access.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <optional>

namespace syscope::state {

namespace {

// Just enough JSON to read container descriptions: objects, arrays, strings, numbers and literals. Malformed input
// yields whatever was read before the damage.
struct JsonValue {
    enum class Kind { kNull, kBool, kNumber, kString, kArray, kObject } kind = Kind::kNull;
    bool b = false;
    double number = 0;
    std::string str;
    std::vector<JsonValue> items;
    // Object members as parallel lists: a pair holding the still incomplete JsonValue is not portable.
    std::vector<std::string> keys;
    std::vector<JsonValue> values;

    const JsonValue* get(std::string_view key) const
    {
        for (size_t i = 0; i < keys.size(); ++i)
            if (keys[i] == key)
                return &values[i];
        return nullptr;
    }
    std::string text(std::string_view key) const
    {
        const JsonValue* v = get(key);
        return v && v->kind == Kind::kString ? v->str : std::string();
    }
};

class JsonReader {
public:
    explicit JsonReader(std::string_view s) : m_s(s) {}
    bool parse(JsonValue& out, int depth = 0)
    {
        if (depth > 64)
            return false;
        skipSpace();
        if (m_i >= m_s.size())
            return false;
        char c = m_s[m_i];
        if (c == '{') {
            out.kind = JsonValue::Kind::kObject;
            ++m_i;
            skipSpace();
            if (peek('}'))
                return ++m_i, true;
            for (;;) {
                std::string key;
                skipSpace();
                if (!parseString(key))
                    return false;
                skipSpace();
                if (!peek(':'))
                    return false;
                ++m_i;
                JsonValue v;
                if (!parse(v, depth + 1))
                    return false;
                out.keys.push_back(std::move(key));
                out.values.push_back(std::move(v));
                skipSpace();
                if (peek(',')) {
                    ++m_i;
                    continue;
                }
                if (peek('}'))
                    return ++m_i, true;
                return false;
            }
        }
        if (c == '[') {
            out.kind = JsonValue::Kind::kArray;
            ++m_i;
            skipSpace();
            if (peek(']'))
                return ++m_i, true;
            for (;;) {
                JsonValue v;
                if (!parse(v, depth + 1))
                    return false;
                out.items.push_back(std::move(v));
                skipSpace();
                if (peek(',')) {
                    ++m_i;
                    continue;
                }
                if (peek(']'))
                    return ++m_i, true;
                return false;
            }
        }
        if (c == '"') {
            out.kind = JsonValue::Kind::kString;
            return parseString(out.str);
        }
        if (m_s.substr(m_i, 4) == "true") {
            out.kind = JsonValue::Kind::kBool;
            out.b = true;
            m_i += 4;
            return true;
        }
        if (m_s.substr(m_i, 5) == "false") {
            out.kind = JsonValue::Kind::kBool;
            m_i += 5;
            return true;
        }
        if (m_s.substr(m_i, 4) == "null") {
            m_i += 4;
            return true;
        }
        size_t start = m_i;
        while (m_i < m_s.size() && (std::isdigit(static_cast<unsigned char>(m_s[m_i])) || m_s[m_i] == '-' ||
                                    m_s[m_i] == '+' || m_s[m_i] == '.' || m_s[m_i] == 'e' || m_s[m_i] == 'E'))
            ++m_i;
        if (start == m_i)
            return false;
        out.kind = JsonValue::Kind::kNumber;
        out.number = std::strtod(std::string(m_s.substr(start, m_i - start)).c_str(), nullptr);
        return true;
    }

private:
    void skipSpace()
    {
        while (m_i < m_s.size() && std::isspace(static_cast<unsigned char>(m_s[m_i])))
            ++m_i;
    }
    bool peek(char c) const { return m_i < m_s.size() && m_s[m_i] == c; }
    bool parseString(std::string& out)
    {
        if (!peek('"'))
            return false;
        ++m_i;
        while (m_i < m_s.size()) {
            char c = m_s[m_i++];
            if (c == '"')
                return true;
            if (c != '\\') {
                out.push_back(c);
                continue;
            }
            if (m_i >= m_s.size())
                return false;
            char e = m_s[m_i++];
            switch (e) {
            case 'n': out.push_back('\n'); break;
            case 't': out.push_back('\t'); break;
            case 'r': out.push_back('\r'); break;
            case 'b': out.push_back('\b'); break;
            case 'f': out.push_back('\f'); break;
            case 'u': {
                if (m_i + 4 > m_s.size())
                    return false;
                unsigned cp = unsigned(std::strtoul(std::string(m_s.substr(m_i, 4)).c_str(), nullptr, 16));
                m_i += 4;
                if (cp < 0x80)
                    out.push_back(char(cp));
                else if (cp < 0x800) {
                    out.push_back(char(0xc0 | (cp >> 6)));
                    out.push_back(char(0x80 | (cp & 0x3f)));
                } else {
                    out.push_back(char(0xe0 | (cp >> 12)));
                    out.push_back(char(0x80 | ((cp >> 6) & 0x3f)));
                    out.push_back(char(0x80 | (cp & 0x3f)));
                }
                break;
            }
            default: out.push_back(e); break;
            }
        }
        return false;
    }

    std::string_view m_s;
    size_t m_i = 0;
};

bool isHex(std::string_view s)
{
    return std::all_of(s.begin(), s.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
}

// The 64-hex-digit id inside one cgroup path, shortened to the 12 characters sysdig shows; empty if none.
std::string idFromPath(std::string_view path)
{
    // docker: ".../docker/<id>" (cgroupfs) or ".../docker-<id>.scope" (systemd); cri-o: "crio-<id>.scope";
    // containerd: "cri-containerd-<id>.scope"; kubepods cgroupfs paths end with the bare id.
    auto lastSlash = path.rfind('/');
    std::string_view last = lastSlash == std::string_view::npos ? path : path.substr(lastSlash + 1);
    for (std::string_view prefix : {"docker-", "crio-", "cri-containerd-", "containerd-"})
        if (last.substr(0, prefix.size()) == prefix && last.size() == prefix.size() + 64 + 6 &&
            last.substr(last.size() - 6) == ".scope" && isHex(last.substr(prefix.size(), 64)))
            return std::string(last.substr(prefix.size(), 12));
    if (last.size() == 64 && isHex(last)) {
        std::string_view parent = lastSlash == std::string_view::npos ? std::string_view() : path.substr(0, lastSlash);
        if (parent.find("/docker") != std::string_view::npos || parent.find("kubepods") != std::string_view::npos)
            return std::string(last.substr(0, 12));
    }
    return {};
}

} // namespace

void ContainerTable::clear() { m_byId.clear(); }

void ContainerTable::add(const format::RawEvent& ev, uint64_t ordinal)
{
    ContainerInfo info;
    if (ev.type == 228) {
        info.id = std::string(decode::paramStr(ev, 0).value_or(""));
        info.type = uint32_t(decode::paramUInt(ev, 1).value_or(0));
        info.name = std::string(decode::paramStr(ev, 2).value_or(""));
        info.image = std::string(decode::paramStr(ev, 3).value_or(""));
    } else if (ev.type == 272 || ev.type == 324) {
        auto text = decode::paramStr(ev, 0);
        if (!text)
            return;
        JsonValue root;
        JsonReader(*text).parse(root);
        const JsonValue* c = root.get("container");
        if (!c || c->kind != JsonValue::Kind::kObject)
            return;
        info.id = c->text("id");
        info.name = c->text("name");
        info.image = c->text("image");
        info.imageId = c->text("imageid");
        info.imageRepo = c->text("imagerepo");
        info.imageTag = c->text("imagetag");
        info.imageDigest = c->text("imagedigest");
        if (const JsonValue* t = c->get("type"); t && t->kind == JsonValue::Kind::kNumber)
            info.type = uint32_t(t->number);
        if (std::string ip = c->text("ip"); !ip.empty())
            inet_pton(AF_INET, ip.c_str(), &info.ipv4);
        if (const JsonValue* p = c->get("privileged"); p && p->kind == JsonValue::Kind::kBool)
            info.privileged = p->b;
        if (const JsonValue* m = c->get("Mounts"); m && m->kind == JsonValue::Kind::kArray)
            for (const auto& item : m->items) {
                ContainerMount mount;
                mount.source = item.text("Source");
                mount.dest = item.text("Destination");
                mount.mode = item.text("Mode");
                mount.propagation = item.text("Propagation");
                if (const JsonValue* rw = item.get("RW"); rw && rw->kind == JsonValue::Kind::kBool)
                    mount.rdwr = rw->b;
                info.mounts.push_back(std::move(mount));
            }
        if (const JsonValue* l = c->get("labels"); l && l->kind == JsonValue::Kind::kObject)
            for (size_t i = 0; i < l->keys.size(); ++i)
                if (const JsonValue& v = l->values[i]; v.kind == JsonValue::Kind::kString)
                    info.labels.emplace_back(l->keys[i], v.str);
    } else
        return;
    if (info.id.empty())
        return;
    auto& versions = m_byId[info.id];
    versions.push_back(Version{ordinal, std::move(info)});
}

const ContainerInfo* ContainerTable::find(std::string_view id, uint64_t ordinal) const
{
    auto it = m_byId.find(std::string(id));
    if (it == m_byId.end())
        return nullptr;
    const ContainerInfo* best = nullptr;
    for (const auto& v : it->second)
        if (v.from <= ordinal)
            best = &v.info;
    return best;
}

bool ContainerTable::anyHasIpv4(uint32_t addr, uint64_t ordinal) const
{
    for (const auto& [id, versions] : m_byId) {
        const ContainerInfo* best = nullptr;
        for (const auto& v : versions)
            if (v.from <= ordinal)
                best = &v.info;
        if (best && best->ipv4 == addr)
            return true;
    }
    return false;
}

std::string ContainerTable::idFromCgroups(std::string_view cgroups)
{
    size_t i = 0;
    while (i < cgroups.size()) {
        size_t end = cgroups.find('\0', i);
        if (end == std::string_view::npos)
            end = cgroups.size();
        std::string_view entry = cgroups.substr(i, end - i);
        if (auto eq = entry.find('='); eq != std::string_view::npos)
            if (std::string id = idFromPath(entry.substr(eq + 1)); !id.empty())
                return id;
        i = end + 1;
    }
    return {};
}

const char* ContainerTable::typeName(uint32_t type)
{
    switch (type) {
    case 0: return "docker";
    case 1: return "lxc";
    case 2: return "libvirt-lxc";
    case 3: return "mesos";
    case 4: return "rkt";
    case 6: return "cri";
    case 7: return "containerd";
    case 8: return "cri-o";
    case 9: return "bpm";
    default: return nullptr;
    }
}

} // namespace syscope::state
