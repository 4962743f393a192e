// SPDX-License-Identifier: GPL-3.0-or-later
#include "filter/filter_check.h"

#include <arpa/inet.h>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fnmatch.h>
#include <netdb.h>

namespace syscope::filter {

using fields::FieldId;
using fields::FieldValue;
using format::ParamType;

namespace {

enum class Kind { kSigned, kUnsigned, kString, kBuffer, kDouble, kIpAddr, kIpNet, kNone };

struct TypeShape {
    Kind kind;
    int bits;
};

TypeShape shapeOf(ParamType t)
{
    switch (t) {
    case ParamType::kInt8: return {Kind::kSigned, 8};
    case ParamType::kInt16: return {Kind::kSigned, 16};
    case ParamType::kInt32: return {Kind::kSigned, 32};
    case ParamType::kInt64:
    case ParamType::kFd:
    case ParamType::kPid:
    case ParamType::kErrno: return {Kind::kSigned, 64};
    case ParamType::kUint8:
    case ParamType::kFlags8:
    case ParamType::kEnumFlags8:
    case ParamType::kSigType:
    case ParamType::kL4Proto: return {Kind::kUnsigned, 8};
    case ParamType::kUint16:
    case ParamType::kFlags16:
    case ParamType::kEnumFlags16:
    case ParamType::kPort:
    case ParamType::kSyscallId: return {Kind::kUnsigned, 16};
    case ParamType::kUint32:
    case ParamType::kFlags32:
    case ParamType::kEnumFlags32:
    case ParamType::kMode:
    case ParamType::kBool:
    case ParamType::kIpv4Addr: return {Kind::kUnsigned, 32};
    case ParamType::kUint64:
    case ParamType::kRelTime:
    case ParamType::kAbsTime: return {Kind::kUnsigned, 64};
    case ParamType::kCharBuf:
    case ParamType::kFsPath:
    case ParamType::kFsRelPath: return {Kind::kString, 0};
    case ParamType::kByteBuf: return {Kind::kBuffer, 0};
    case ParamType::kDouble: return {Kind::kDouble, 0};
    case ParamType::kIpAddr:
    case ParamType::kIpv6Addr: return {Kind::kIpAddr, 0};
    case ParamType::kIpNet:
    case ParamType::kIpv4Net:
    case ParamType::kIpv6Net: return {Kind::kIpNet, 0};
    default: return {Kind::kNone, 0};
    }
}

uint64_t truncateUnsigned(uint64_t v, int bits) { return bits >= 64 ? v : v & ((uint64_t(1) << bits) - 1); }

int64_t truncateSigned(uint64_t v, int bits)
{
    switch (bits) {
    case 8: return int8_t(v);
    case 16: return int16_t(v);
    case 32: return int32_t(v);
    default: return int64_t(v);
    }
}

Error literalError(std::string message) { return makeError(ErrorCode::kInvalidArgument, std::move(message)); }

// sscanf("%d%1s") acceptance: optional blanks, a number, optional blanks, nothing else.
Result<uint64_t> parseNumber(std::string_view text, bool isSigned)
{
    std::string s(text.substr(0, text.find('\0')));
    const char* p = s.c_str();
    while (std::isspace(static_cast<unsigned char>(*p)))
        ++p;
    char* end = nullptr;
    errno = 0;
    uint64_t v = isSigned ? uint64_t(std::strtoll(p, &end, 10)) : std::strtoull(p, &end, 10);
    if (end == p)
        return literalError(std::string(text) + " is not a valid number");
    while (std::isspace(static_cast<unsigned char>(*end)))
        ++end;
    if (*end)
        return literalError(std::string(text) + " is not a valid number");
    return v;
}

Error runtime(std::string message) { return makeError(ErrorCode::kInvalidArgument, std::move(message)); }

const char* opWord(CmpOp op)
{
    switch (op) {
    case CmpOp::kContains: return "contains";
    case CmpOp::kIcontains: return "icontains";
    case CmpOp::kStartswith: return "startswith";
    case CmpOp::kEndswith: return "endswith";
    case CmpOp::kGlob: return "glob";
    default: return "unknown";
    }
}

bool compareUnsigned(CmpOp op, uint64_t a, uint64_t b, std::optional<Error>& err)
{
    switch (op) {
    case CmpOp::kEq:
    case CmpOp::kIn: return a == b;
    case CmpOp::kNe: return a != b;
    case CmpOp::kLt: return a < b;
    case CmpOp::kLe: return a <= b;
    case CmpOp::kGt: return a > b;
    case CmpOp::kGe: return a >= b;
    case CmpOp::kExists: return true;
    default: err = runtime(std::string("'") + opWord(op) + "' not supported for numeric filters"); return false;
    }
}

bool compareSigned(CmpOp op, int64_t a, int64_t b, std::optional<Error>& err)
{
    switch (op) {
    case CmpOp::kEq:
    case CmpOp::kIn: return a == b;
    case CmpOp::kNe: return a != b;
    case CmpOp::kLt: return a < b;
    case CmpOp::kLe: return a <= b;
    case CmpOp::kGt: return a > b;
    case CmpOp::kGe: return a >= b;
    case CmpOp::kExists: return true;
    default: err = runtime(std::string("'") + opWord(op) + "' not supported for numeric filters"); return false;
    }
}

std::string_view cString(std::string_view s)
{
    auto z = s.find('\0');
    return z == std::string_view::npos ? s : s.substr(0, z);
}

bool containsNoCase(std::string_view hay, std::string_view needle)
{
    if (needle.empty())
        return true;
    if (needle.size() > hay.size())
        return false;
    for (size_t i = 0; i + needle.size() <= hay.size(); ++i) {
        size_t k = 0;
        while (k < needle.size() && std::tolower(static_cast<unsigned char>(hay[i + k])) ==
                                        std::tolower(static_cast<unsigned char>(needle[k])))
            ++k;
        if (k == needle.size())
            return true;
    }
    return false;
}

int strcmpView(std::string_view a, std::string_view b)
{
    int c = std::memcmp(a.data(), b.data(), std::min(a.size(), b.size()));
    if (c)
        return c;
    return a.size() < b.size() ? -1 : a.size() > b.size() ? 1 : 0;
}

bool compareString(CmpOp op, std::string_view a, const std::string& bs, std::optional<Error>& err)
{
    a = cString(a);
    std::string_view b = cString(bs);
    switch (op) {
    case CmpOp::kEq:
    case CmpOp::kIn: return a == b;
    case CmpOp::kNe: return a != b;
    case CmpOp::kContains: return a.find(b) != std::string_view::npos;
    case CmpOp::kIcontains: return containsNoCase(a, b);
    case CmpOp::kStartswith: return a.substr(0, b.size()) == b;
    case CmpOp::kEndswith: return a.size() >= b.size() && a.substr(a.size() - b.size()) == b;
    case CmpOp::kGlob: return fnmatch(std::string(b).c_str(), std::string(a).c_str(), 0) == 0;
    case CmpOp::kLt: return strcmpView(a, b) < 0;
    case CmpOp::kLe: return strcmpView(a, b) <= 0;
    case CmpOp::kGt: return strcmpView(a, b) > 0;
    case CmpOp::kGe: return strcmpView(a, b) >= 0;
    case CmpOp::kExists: return true;
    default: err = runtime("invalid filter operator " + std::to_string(int(op))); return false;
    }
}

bool compareBuffer(CmpOp op, std::string_view a, std::string_view b, std::optional<Error>& err)
{
    switch (op) {
    case CmpOp::kEq:
    case CmpOp::kIn: return a == b;
    case CmpOp::kNe: return a != b;
    case CmpOp::kContains: return a.find(b) != std::string_view::npos;
    case CmpOp::kStartswith: return b.size() <= a.size() && a.substr(0, b.size()) == b;
    case CmpOp::kEndswith: return a.size() >= b.size() && a.substr(a.size() - b.size()) == b;
    case CmpOp::kExists: return true;
    case CmpOp::kIcontains: err = runtime("'icontains' not supported for buffer filters"); return false;
    case CmpOp::kGlob: err = runtime("'glob' not supported for buffer filters"); return false;
    case CmpOp::kLt: err = runtime("'<' not supported for buffer filters"); return false;
    case CmpOp::kLe: err = runtime("'<=' not supported for buffer filters"); return false;
    case CmpOp::kGt: err = runtime("'>' not supported for buffer filters"); return false;
    case CmpOp::kGe: err = runtime("'>=' not supported for buffer filters"); return false;
    default: err = runtime("invalid filter operator " + std::to_string(int(op))); return false;
    }
}

uint32_t u32(const uint8_t* p)
{
    uint32_t v;
    std::memcpy(&v, p, 4);
    return v;
}

bool inNet(const uint8_t* addr, size_t len, const FilterLiteral& net)
{
    if (len == 4) {
        uint32_t m = u32(net.mask.data());
        return (u32(addr) & m) == (u32(net.ip.data()) & m);
    }
    for (size_t i = 0; i < 16; ++i)
        if ((addr[i] & net.mask[i]) != (net.ip[i] & net.mask[i]))
            return false;
    return true;
}

// A path split on '/', empty components dropped (pmatch compares component-wise).
std::vector<std::string_view> components(std::string_view p)
{
    std::vector<std::string_view> out;
    size_t i = 0;
    while (i <= p.size()) {
        size_t e = p.find('/', i);
        if (e == std::string_view::npos)
            e = p.size();
        if (e > i)
            out.push_back(p.substr(i, e - i));
        i = e + 1;
    }
    return out;
}

} // namespace

Result<FilterLiteral> FilterCheck::parseLiteral(std::string_view text, ParamType type)
{
    FilterLiteral lit;
    const std::string_view c = cString(text);
    switch (type) {
    case ParamType::kInt8:
    case ParamType::kInt16:
    case ParamType::kInt32:
    case ParamType::kInt64:
    case ParamType::kFd:
    case ParamType::kErrno: {
        auto v = parseNumber(text, true);
        if (!v)
            return v.error();
        lit.num = uint64_t(truncateSigned(*v, shapeOf(type).bits));
        return lit;
    }
    case ParamType::kL4Proto:
    case ParamType::kFlags8:
    case ParamType::kUint8:
    case ParamType::kEnumFlags8:
    case ParamType::kFlags16:
    case ParamType::kUint16:
    case ParamType::kEnumFlags16:
    case ParamType::kFlags32:
    case ParamType::kUint32:
    case ParamType::kMode:
    case ParamType::kEnumFlags32:
    case ParamType::kUint64:
    case ParamType::kRelTime:
    case ParamType::kAbsTime: {
        auto v = parseNumber(text, false);
        if (!v)
            return v.error();
        lit.num = truncateUnsigned(*v, shapeOf(type).bits);
        return lit;
    }
    case ParamType::kPort: {
        std::string in(c);
        if (in.empty())
            return lit;
        if (in.find_first_not_of("0123456789") == std::string::npos) {
            if (in.size() > 10 || std::stoll(in) > INT32_MAX)
                return literalError("stoi");
            lit.num = uint16_t(std::stoll(in));
            return lit;
        }
        const servent* se = getservbyname(in.c_str(), nullptr);
        if (!se)
            return literalError("unrecognized protocol " + in);
        lit.num = ntohs(uint16_t(se->s_port));
        return lit;
    }
    case ParamType::kCharBuf:
    case ParamType::kFsPath:
    case ParamType::kFsRelPath:
    case ParamType::kSockAddr:
    case ParamType::kSockFamily:
        if (c.size() >= 256)
            return literalError("filter parameter too long:" + std::string(c));
        lit.str = std::string(c);
        return lit;
    case ParamType::kByteBuf:
        if (text.size() >= 256)
            return literalError("filter parameter too long:" + std::string(c));
        lit.str = std::string(text);
        return lit;
    case ParamType::kBool:
        if (c == "true")
            lit.num = 1;
        else if (c != "false")
            return literalError("filter error: unrecognized boolean value " + std::string(c));
        return lit;
    case ParamType::kIpAddr:
        return parseLiteral(text, c.find('.') != std::string_view::npos ? ParamType::kIpv4Addr : ParamType::kIpv6Addr);
    case ParamType::kIpv4Addr:
        if (inet_pton(AF_INET, std::string(c).c_str(), lit.ip.data()) != 1)
            return literalError("unrecognized IPv4 address " + std::string(c));
        lit.ipLen = 4;
        lit.num = u32(lit.ip.data());
        return lit;
    case ParamType::kIpv6Addr:
        if (inet_pton(AF_INET6, std::string(c).c_str(), lit.ip.data()) != 1)
            return literalError("unrecognized IPv6 address " + std::string(c));
        lit.ipLen = 16;
        return lit;
    case ParamType::kIpNet:
        if (c.find('.') != std::string_view::npos) {
            auto slash = c.find('/');
            if (slash == std::string_view::npos)
                return literalError("unrecognized IP network " + std::string(c));
            if (inet_pton(AF_INET, std::string(c.substr(0, slash)).c_str(), lit.ip.data()) != 1)
                return literalError("unrecognized IP address " + std::string(c));
            std::string_view maskText = c.substr(slash + 1);
            auto bits = parseNumber(maskText, false);
            if (!bits)
                return bits.error();
            uint32_t cidr = uint32_t(*bits & 0xff);
            if (cidr > 32)
                return literalError("invalid netmask " + std::string(maskText));
            uint32_t m = cidr == 0 ? 0 : htonl(uint32_t(0xffffffffu << (32 - cidr)));
            std::memcpy(lit.mask.data(), &m, 4);
            lit.ipLen = 4;
            lit.hasMask = true;
            return lit;
        }
        // sysdig 0.29.3 reads an IPv6 network as a plain address: "::1" works, "::1/64" is refused.
        if (inet_pton(AF_INET6, std::string(c).c_str(), lit.ip.data()) != 1)
            return literalError("unrecognized IPv6 address " + std::string(c));
        lit.mask.fill(0xff);
        lit.ipLen = 16;
        lit.hasMask = true;
        return lit;
    default: return literalError("wrong parameter type " + std::to_string(int(type)));
    }
}

bool FilterCheck::compareValue(const FieldValue& v, std::optional<Error>& err) const
{
    if (op == CmpOp::kExists)
        return true;
    const FilterLiteral& lit = literals.front();
    TypeShape shape = shapeOf(type);
    switch (shape.kind) {
    case Kind::kSigned: return compareSigned(op, truncateSigned(v.num, shape.bits), int64_t(lit.num), err);
    case Kind::kUnsigned: return compareUnsigned(op, truncateUnsigned(v.num, shape.bits), lit.num, err);
    case Kind::kString: return compareString(op, v.bytes, lit.str, err);
    case Kind::kBuffer: return compareBuffer(op, v.bytes, lit.str, err);
    case Kind::kDouble: return false;
    case Kind::kIpAddr: {
        const auto* a = reinterpret_cast<const uint8_t*>(v.bytes.data());
        if (v.bytes.size() == 4)
            return compareUnsigned(op, u32(a), u32(lit.ip.data()), err);
        if (v.bytes.size() == 16) {
            bool eq = std::memcmp(a, lit.ip.data(), 16) == 0;
            if (op == CmpOp::kEq || op == CmpOp::kIn)
                return eq;
            if (op == CmpOp::kNe)
                return !eq;
            err = runtime("comparison operator not supported for ipv6 addresses");
        }
        return false;
    }
    case Kind::kIpNet: {
        const auto* a = reinterpret_cast<const uint8_t*>(v.bytes.data());
        if (v.bytes.size() != 4 && v.bytes.size() != 16)
            return false;
        bool in = lit.ipLen == v.bytes.size() && inNet(a, v.bytes.size(), lit);
        if (op == CmpOp::kEq || op == CmpOp::kIn)
            return in;
        if (op == CmpOp::kNe)
            return !in;
        err = runtime(v.bytes.size() == 4 ? "comparison operator not supported for ipv4 networks"
                                          : "comparison operator not supported for ipv6 networks");
        return false;
    }
    default: return false;
    }
}

bool FilterCheck::compareSpecial(fields::FieldExtractor& ex, std::optional<Error>& err) const
{
    switch (special) {
    case Special::kNeverMatches: return false;
    case Special::kAround: {
        uint64_t ts = ex.event().ts;
        return field.aroundTs >= ts - aroundDeltaNs && field.aroundTs <= ts + aroundDeltaNs;
    }
    case Special::kAncestorPid:
    case Special::kAncestorName: {
        if (!ex.thread() || !ex.mainThread())
            return false;
        return ex.anyAncestor([&](const state::ThreadInfo& t) {
            if (op == CmpOp::kExists)
                return true;
            if (special == Special::kAncestorPid)
                return compareSigned(op, t.pid, int64_t(literals.front().num), err);
            std::string_view comm = t.incomplete ? std::string_view("<NA>") : std::string_view(t.comm);
            if (op == CmpOp::kIn)
                return set.count(std::string(comm)) > 0;
            if (op == CmpOp::kPmatch) {
                auto c = components(comm);
                for (const auto& p : paths)
                    if (p.size() <= c.size() && std::equal(p.begin(), p.end(), c.begin()))
                        return true;
                return false;
            }
            return compareString(op, comm, literals.front().str, err);
        });
    }
    default: break;
    }
    // fd.ip / fd.port / fd.net look at both ends of the connection.
    const format::EventInfo* info = format::eventInfo(ex.event().type);
    if (!info || !(info->flags & (format::kEfCreatesFd | format::kEfUsesFd | format::kEfDestroysFd)))
        return false;
    if (!ex.thread())
        return false;
    const state::FdInfo* f = ex.fdForFields();
    if (!f)
        return false;
    const bool v4 = f->type == format::FdType::kIpv4Sock, v6 = f->type == format::FdType::kIpv6Sock;
    const bool s4 = f->type == format::FdType::kIpv4ServSock, s6 = f->type == format::FdType::kIpv6ServSock;
    const size_t len = (v4 || s4) ? 4 : 16;
    const FilterLiteral& lit = literals.front();
    switch (special) {
    case Special::kFdIp: {
        if (!(v4 || v6 || s4 || s6))
            return false;
        auto eq = [&](const std::array<uint8_t, 16>& a) {
            return len == 4 ? u32(a.data()) == u32(lit.ip.data()) : std::memcmp(a.data(), lit.ip.data(), 16) == 0;
        };
        if (v4 || v6) {
            if (op == CmpOp::kEq || op == CmpOp::kIn)
                return eq(f->sip) || eq(f->dip);
            if (op == CmpOp::kNe)
                return !eq(f->sip) && !eq(f->dip);
        } else {
            if (op == CmpOp::kEq || op == CmpOp::kIn)
                return eq(f->sip);
            if (op == CmpOp::kNe)
                return !eq(f->sip);
        }
        err = runtime("filter error: IP filter only supports '=' and '!=' operators");
        return false;
    }
    case Special::kFdPort: {
        uint16_t sp, dp;
        if (v4 || v6)
            sp = f->sport, dp = f->dport;
        else if (s4 || s6)
            sp = dp = f->sport;
        else
            return false;
        uint16_t b = uint16_t(lit.num);
        switch (op) {
        case CmpOp::kEq:
        case CmpOp::kIn: return sp == b || dp == b;
        case CmpOp::kNe: return sp != b && dp != b;
        case CmpOp::kLt: return sp < b || dp < b;
        case CmpOp::kLe: return sp <= b || dp <= b;
        case CmpOp::kGt: return sp > b || dp > b;
        case CmpOp::kGe: return sp >= b || dp >= b;
        default: err = runtime("filter error: unsupported port comparison operator"); return false;
        }
    }
    case Special::kFdNet: {
        if (!(v4 || v6 || s4 || s6))
            return false;
        auto in = [&](const std::array<uint8_t, 16>& a) { return lit.ipLen == len && inNet(a.data(), len, lit); };
        if (v4 || v6) {
            if (op == CmpOp::kEq || op == CmpOp::kIn)
                return in(f->sip) || in(f->dip);
            if (op == CmpOp::kNe)
                return !in(f->sip) && !in(f->dip);
            err = runtime("filter error: IP filter only supports '=' and '!=' operators");
            return false;
        }
        if (op == CmpOp::kEq || op == CmpOp::kIn)
            return in(f->sip);
        if (op == CmpOp::kNe)
            return !in(f->sip);
        err = runtime("comparison operator not supported for ipv4 networks");
        return false;
    }
    default: return false;
    }
}

bool FilterCheck::evaluate(fields::FieldExtractor& ex, std::optional<Error>& runtimeError) const
{
    if (special != Special::kNone)
        return compareSpecial(ex, runtimeError);
    FieldValue v;
    if (!ex.extract(field, v))
        return false;
    if (useSet) {
        std::string_view s = cString(v.bytes);
        return set.find(std::string(s)) != set.end();
    }
    if (op == CmpOp::kPmatch) {
        auto c = components(cString(v.bytes));
        for (const auto& p : paths)
            if (p.size() <= c.size() && std::equal(p.begin(), p.end(), c.begin()))
                return true;
        return false;
    }
    return compareValue(v, runtimeError);
}

bool FilterCheck::isTypeOnlyField(FieldId id)
{
    switch (id) {
    case FieldId::kEvtType:
    case FieldId::kEvtDir:
    case FieldId::kEvtTypeIs:
    case FieldId::kEvtIsIo:
    case FieldId::kEvtIsIoRead:
    case FieldId::kEvtIsIoWrite:
    case FieldId::kEvtIsWait: return true;
    default: return false;
    }
}

void FilterCheck::prepareRowTable()
{
    m_rowByType.clear();
    if (special != Special::kNone || !isTypeOnlyField(field.id))
        return;
    std::vector<int8_t> table(format::kEventIdCount);
    for (uint16_t t = 0; t < format::kEventIdCount; ++t) {
        const std::optional<bool> r = rowResult(t, 0, 0, 0);
        table[t] = r ? int8_t(*r) : int8_t(-1);
    }
    m_rowByType = std::move(table);
}

std::optional<bool> FilterCheck::rowResult(uint16_t evType, uint16_t cpu, uint64_t ts, uint64_t ordinal) const
{
    if (special != Special::kNone)
        return special == Special::kNeverMatches ? std::optional<bool>(false) : std::nullopt;
    FieldValue v;
    v.type = field.type;
    v.fmt = field.fmt;
    std::string_view name;
    switch (field.id) {
    case FieldId::kEvtNum: v.num = ordinal + 1; break;
    case FieldId::kEvtCpu: v.num = uint64_t(int64_t(int16_t(cpu))); break;
    case FieldId::kEvtRawtime: v.num = ts; break;
    case FieldId::kEvtRawtimeS: v.num = ts / 1000000000ULL; break;
    case FieldId::kEvtRawtimeNs: v.num = ts % 1000000000ULL; break;
    case FieldId::kEvtDir: v.bytes = format::isEnter(evType) ? ">" : "<"; break;
    case FieldId::kEvtTypeIs: v.num = (evType == field.evtType || evType == field.evtType1) ? 1 : 0; break;
    case FieldId::kEvtIsIo:
    case FieldId::kEvtIsIoRead:
    case FieldId::kEvtIsIoWrite:
    case FieldId::kEvtIsWait: {
        // As the field extractor: the event table's flags for the type (none for an unknown type).
        const format::EventInfo* info = format::eventInfo(evType);
        const uint32_t flags = info ? info->flags : 0;
        const uint32_t want = field.id == FieldId::kEvtIsIo        ? (format::kEfReadsFromFd | format::kEfWritesToFd)
                              : field.id == FieldId::kEvtIsIoRead  ? uint32_t(format::kEfReadsFromFd)
                              : field.id == FieldId::kEvtIsIoWrite ? uint32_t(format::kEfWritesToFd)
                                                                   : uint32_t(format::kEfWaits);
        v.num = (flags & want) ? 1 : 0;
        break;
    }
    case FieldId::kEvtType: {
        if (evType <= 1)
            return std::nullopt; // generic events take their name from a parameter
        const format::EventInfo* info = format::eventInfo(evType);
        if (!info)
            return std::nullopt;
        v.bytes = info->name;
        break;
    }
    default: return std::nullopt;
    }
    std::optional<Error> err;
    bool r;
    if (useSet)
        r = set.count(std::string(v.bytes)) > 0;
    else if (op == CmpOp::kPmatch)
        return std::nullopt;
    else
        r = compareValue(v, err);
    if (err)
        return std::nullopt; // let the full evaluation report it
    return r;
}

} // namespace syscope::filter
