#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Generate core/format/event_table_0293.inc from the libscap/libsinsp of sysdig 0.29.3.

The Debian package of sysdig 0.29.3 ships libscap/libsinsp built from falcosecurity/libs
e5c53d6.  Their exported data tables (the event table, the syscall-name table, the flag tables
and the dynamic-parameter type lists) are the facts our event schema needs for ids 0..335.  This
script loads the libraries with ctypes, walks those tables in memory (the dynamic loader has
applied the relocations, so embedded pointers are valid) and writes them out as C++ constants.
It also calls libsinsp's errno/signal name functions to capture exactly the names sysdig prints.

Usage:
  tools/gen_event_schema.py [--out core/format/event_table_0293.inc]
  tools/gen_event_schema.py --listing          # print a `sysdig -L` style listing
  tools/gen_event_schema.py --check-sysdig     # diff that listing against `sysdig -L`

Only the Python standard library is used.
"""

import argparse
import ctypes
import difflib
import os
import shutil
import struct
import subprocess
import sys

LIBSCAP = "/lib/x86_64-linux-gnu/libscap.so.0.1.1dev+git20220316.e5c53d64"
LIBSINSP = "/lib/x86_64-linux-gnu/libsinsp.so.0.1.1dev+git20220316.e5c53d64"

EVENT_COUNT = 336          # PPM_EVENT_MAX of libs e5c53d6
NAME_LEN = 32              # PPM_MAX_NAME_LEN
PARAM_SIZE = 49            # packed ppm_param_info: name[32] type:i32 fmt:i32 info:ptr ninfo:u8
EVENT_HEADER = 44          # name[32] category:u32 flags:u32 nparams:u32
SYSCALL_DESC_SIZE = 16     # ppm_syscall_desc: category:u32 flags:u32 name:ptr
NAME_VALUE_SIZE = 16       # ppm_name_value: name:ptr value:u32 (+4 padding)

# ppm_param_type numbering -> (C++ enumerator, name printed by `sysdig -L`)
PARAM_TYPES = [
    ("kNone", "NONE"), ("kInt8", "INT8"), ("kInt16", "INT16"), ("kInt32", "INT32"),
    ("kInt64", "INT64"), ("kUint8", "UINT8"), ("kUint16", "UINT16"), ("kUint32", "UINT32"),
    ("kUint64", "UINT64"), ("kCharBuf", "CHARBUF"), ("kByteBuf", "BYTEBUF"), ("kErrno", "ERRNO"),
    ("kSockAddr", "SOCKADDR"), ("kSockTuple", "SOCKTUPLE"), ("kFd", "FD"), ("kPid", "PID"),
    ("kFdList", "FDLIST"), ("kFsPath", "FSPATH"), ("kSyscallId", "SYSCALLID"),
    ("kSigType", "SIGTYPE"), ("kRelTime", "RELTIME"), ("kAbsTime", "ABSTIME"), ("kPort", "PORT"),
    ("kL4Proto", "L4PROTO"), ("kSockFamily", "SOCKFAMILY"), ("kBool", "BOOL"),
    ("kIpv4Addr", "IPV4ADDR"), ("kDyn", "DYNAMIC"), ("kFlags8", "FLAGS8"),
    ("kFlags16", "FLAGS16"), ("kFlags32", "FLAGS32"), ("kUid", "UID"), ("kGid", "GID"),
    ("kDouble", "DOUBLE"), ("kSigSet", "SIGSET"), ("kCharBufArray", "CHARBUFARRAY"),
    ("kCharBufPairArray", "CHARBUF_PAIR_ARRAY"), ("kIpv4Net", "IPV4NET"),
    ("kIpv6Addr", "IPV6ADDR"), ("kIpv6Net", "IPV6NET"), ("kIpAddr", "IPADDR"),
    ("kIpNet", "IPNET"), ("kMode", "MODE"), ("kFsRelPath", "FSRELPATH"),
]
PT_DYN = 27
PT_FSRELPATH = 43
PRINT_FORMATS = ["kNA", "kDec", "kHex", "k10PaddedDec", "kId", "kDir", "kOct"]

EF_UNUSED = 0x40
EF_OLD_VERSION = 0x200
EC_INTERNAL = 0x100


# --------------------------------------------------------------------------------------------
# ELF: names and sizes of the exported data objects
# --------------------------------------------------------------------------------------------

def exported_objects(path):
    """Return {name: size} for the STT_OBJECT symbols defined in the dynamic symbol table."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        raise SystemExit(f"{path}: not a little-endian ELF64 file")
    e_shoff, = struct.unpack_from("<Q", data, 0x28)
    e_shentsize, e_shnum = struct.unpack_from("<HH", data, 0x3A)
    sections = []
    for i in range(e_shnum):
        off = e_shoff + i * e_shentsize
        (sh_name, sh_type, sh_flags, sh_addr, sh_offset, sh_size, sh_link, sh_info,
         sh_addralign, sh_entsize) = struct.unpack_from("<IIQQQQIIQQ", data, off)
        sections.append((sh_type, sh_offset, sh_size, sh_link, sh_entsize))
    result = {}
    for sh_type, sh_offset, sh_size, sh_link, sh_entsize in sections:
        if sh_type != 11:  # SHT_DYNSYM
            continue
        str_off = sections[sh_link][1]
        for off in range(sh_offset, sh_offset + sh_size, sh_entsize or 24):
            st_name, st_info, st_other, st_shndx, st_value, st_size = struct.unpack_from(
                "<IBBHQQ", data, off)
            if st_shndx == 0 or (st_info & 0xF) != 1:  # undefined or not STT_OBJECT
                continue
            end = data.index(b"\0", str_off + st_name)
            result[data[str_off + st_name:end].decode()] = st_size
    return result


# --------------------------------------------------------------------------------------------
# Reading the tables in memory
# --------------------------------------------------------------------------------------------

def cstr_at(addr, maxlen=None):
    if maxlen is None:
        return ctypes.string_at(addr).decode("latin-1")
    raw = ctypes.string_at(addr, maxlen)
    return raw.split(b"\0", 1)[0].decode("latin-1")


def u8(addr):
    return ctypes.c_uint8.from_address(addr).value


def u32(addr):
    return ctypes.c_uint32.from_address(addr).value


def ptr(addr):
    return ctypes.c_void_p.from_address(addr).value or 0


class Library:
    def __init__(self, path):
        self.dll = ctypes.CDLL(path)
        self.sizes = exported_objects(path)
        self.addr = {}
        for name in self.sizes:
            self.addr[name] = ctypes.addressof(ctypes.c_char.in_dll(self.dll, name))
        self.by_addr = {a: n for n, a in self.addr.items()}


def read_name_values(lib, name):
    base, size = lib.addr[name], lib.sizes[name]
    entries = []
    for off in range(0, size, NAME_VALUE_SIZE):
        p = ptr(base + off)
        if p == 0:
            break
        entries.append((cstr_at(p), u32(base + off + 8)))
    else:
        raise SystemExit(f"{name}: no terminating {{NULL, 0}} entry")
    return entries


def read_param(addr):
    return {
        "name": cstr_at(addr, NAME_LEN),
        "type": u32(addr + 32),
        "fmt": u32(addr + 36),
        "info": ptr(addr + 40),
        "ninfo": u8(addr + 48),
    }


def read_events(lib):
    base, size = lib.addr["g_event_info"], lib.sizes["g_event_info"]
    if size % EVENT_COUNT:
        raise SystemExit(f"g_event_info size {size} is not a multiple of {EVENT_COUNT}")
    stride = size // EVENT_COUNT
    if (stride - EVENT_HEADER) % PARAM_SIZE:
        raise SystemExit(f"event stride {stride} does not fit packed ppm_param_info")
    max_params = (stride - EVENT_HEADER) // PARAM_SIZE
    events = []
    for i in range(EVENT_COUNT):
        e = base + i * stride
        ev = {
            "name": cstr_at(e, NAME_LEN),
            "category": u32(e + 32),
            "flags": u32(e + 36),
            "nparams": u32(e + 40),
        }
        if ev["nparams"] > max_params:
            raise SystemExit(f"event {i}: nparams {ev['nparams']} > {max_params}")
        ev["params"] = [read_param(e + EVENT_HEADER + j * PARAM_SIZE) for j in range(ev["nparams"])]
        events.append(ev)
    return events, max_params


def read_syscall_names(lib):
    base, size = lib.addr["g_syscall_info_table"], lib.sizes["g_syscall_info_table"]
    names = []
    for off in range(0, size, SYSCALL_DESC_SIZE):
        p = ptr(base + off + 8)
        names.append(cstr_at(p) if p else "")
    return names


def read_errno_signal_names(path):
    dll = ctypes.CDLL(path)
    errno_fn = dll._ZN11sinsp_utils12errno_to_strEi      # sinsp_utils::errno_to_str(int32_t)
    errno_fn.restype, errno_fn.argtypes = ctypes.c_char_p, [ctypes.c_int32]
    sig_fn = dll._ZN11sinsp_utils13signal_to_strEh       # sinsp_utils::signal_to_str(uint8_t)
    sig_fn.restype, sig_fn.argtypes = ctypes.c_char_p, [ctypes.c_uint8]
    errnos = []
    for code in range(1, 4096):
        s = errno_fn(-code)  # it takes the (negative) return value of the syscall
        if s:
            errnos.append((code, s.decode()))
    signals = [(n, sig_fn(n).decode()) for n in range(256) if sig_fn(n)]
    return errnos, signals


# --------------------------------------------------------------------------------------------
# Model
# --------------------------------------------------------------------------------------------

class Schema:
    def __init__(self):
        scap = Library(LIBSCAP)
        self.events, self.max_params = read_events(scap)
        self.syscalls = read_syscall_names(scap)
        self.errnos, self.signals = read_errno_signal_names(LIBSINSP)

        # Every exported name/value table (whether or not an event refers to it) and every
        # dynamic-parameter type list referenced by an event.
        self.flag_tables = {}
        self.dyn_tables = {}
        for name in sorted(scap.sizes):
            if name.startswith("g_") or name.endswith("_dynamic_param"):
                continue
            self.flag_tables[name] = read_name_values(scap, name)

        for i, ev in enumerate(self.events):
            for j, p in enumerate(ev["params"]):
                p["table"] = None
                p["dirfd"] = -1
                p["dyn"] = None
                if p["type"] >= len(PARAM_TYPES):
                    raise SystemExit(f"event {i} param {j}: unknown type {p['type']}")
                if p["fmt"] >= len(PRINT_FORMATS):
                    raise SystemExit(f"event {i} param {j}: unknown print format {p['fmt']}")
                if p["type"] == PT_FSRELPATH:
                    # DIRFD_PARAM(n): the pointer field holds the index of the dirfd param
                    if p["info"] >= ev["nparams"]:
                        raise SystemExit(f"event {i} param {j}: bad dirfd index {p['info']}")
                    p["dirfd"] = p["info"]
                elif p["info"]:
                    sym = scap.by_addr.get(p["info"])
                    if sym is None:
                        raise SystemExit(f"event {i} param {j}: info {p['info']:#x} is no symbol")
                    if p["type"] == PT_DYN:
                        if p["ninfo"] * PARAM_SIZE > scap.sizes[sym]:
                            raise SystemExit(f"{sym}: shorter than ninfo {p['ninfo']}")
                        base = scap.addr[sym]
                        self.dyn_tables[sym] = [read_param(base + k * PARAM_SIZE)
                                                for k in range(p["ninfo"])]
                        p["dyn"] = sym
                    elif sym in self.flag_tables:
                        p["table"] = sym
                    else:
                        raise SystemExit(f"event {i} param {j}: info points to {sym}")
        self.sanity_checks()

    def sanity_checks(self):
        def sig(i):
            ev = self.events[i]
            return ev["name"], [(p["name"], PARAM_TYPES[p["type"]][1]) for p in ev["params"]]

        expect = {
            3: ("open", [("fd", "FD"), ("name", "FSPATH"), ("flags", "FLAGS32"),
                         ("mode", "UINT32"), ("dev", "UINT32")]),
            234: ("procinfo", [("cpu_usr", "UINT64"), ("cpu_sys", "UINT64")]),
        }
        for i, want in expect.items():
            if sig(i) != want:
                raise SystemExit(f"sanity check failed for event {i}: {sig(i)}")
        if self.events[307]["params"][2]["dirfd"] != 1:
            raise SystemExit("sanity check failed: openat exit name should be relative to param 1")
        if self.events[3]["params"][2]["table"] != "file_flags":
            raise SystemExit("sanity check failed: open flags should use file_flags")
        if self.syscalls[140] != "gettid":
            raise SystemExit("sanity check failed: PPM_SC 140 should be gettid")
        if dict(self.errnos).get(2) != "ENOENT" or dict(self.signals).get(17) != "SIGCHLD":
            raise SystemExit("sanity check failed: errno/signal names")

    def listing(self):
        """The lines `sysdig -L` prints (libsinsp list_events rule)."""
        out = []
        for i, ev in enumerate(self.events):
            if ev["flags"] & (EF_UNUSED | EF_OLD_VERSION) or ev["category"] & EC_INTERNAL:
                continue
            args = ", ".join(f"{PARAM_TYPES[p['type']][1]} {p['name']}" for p in ev["params"])
            out.append(f"{'<' if i & 1 else '>'} {ev['name']}({args})")
        return out


# --------------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------------

def q(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def hexnum(v):
    return f"0x{v:x}" if v > 9 else str(v)


def emit(schema, out_path):
    L = []
    w = L.append
    w("// SPDX-License-Identifier: GPL-3.0-or-later")
    w("// Generated by tools/gen_event_schema.py, do not edit.")
    w("// Source: the data tables of libscap/libsinsp as shipped with sysdig 0.29.3")
    w("// (falcosecurity/libs e5c53d6), read from the installed shared libraries.")
    w("// Included by event_schema.cpp inside namespace syscope::format::{anonymous}.")
    w("")
    w(f"// PPM_MAX_EVENT_PARAMS of this libs version: {schema.max_params} "
      f"(ppm_param_info is packed: {PARAM_SIZE} bytes).")
    w("")
    w("// ---- flag / enum tables (table order; the {NULL, 0} terminator is not stored) ----")
    for name, entries in schema.flag_tables.items():
        w(f"constexpr NameValue kNv_{name}[] = {{")
        for n, v in entries:
            w(f"    {{{q(n)}, {hexnum(v)}}},")
        w("};")
        w(f"constexpr FlagTable kFt_{name}{{{q(name)}, kNv_{name}}};")
    w("")
    w("constexpr const FlagTable* kFlagTables0293[] = {")
    for name in schema.flag_tables:
        w(f"    &kFt_{name},")
    w("};")
    w("")
    w("// ---- dynamic parameter type lists (PT_DYN), indexed by the leading u8 ----")
    for name, entries in schema.dyn_tables.items():
        items = ", ".join(f"{{ParamType::{PARAM_TYPES[p['type']][0]}, "
                          f"PrintFormat::{PRINT_FORMATS[p['fmt']]}}}" for p in entries)
        w(f"constexpr DynType kDyn_{name}[] = {{{items}}};")
    w("")
    w("// ---- parameter lists, one array per event id with parameters ----")
    for i, ev in enumerate(schema.events):
        if not ev["params"]:
            continue
        w(f"constexpr ParamInfo kP0293_{i}[] = {{")
        for p in ev["params"]:
            parts = [q(p["name"]), f"ParamType::{PARAM_TYPES[p['type']][0]}",
                     f"PrintFormat::{PRINT_FORMATS[p['fmt']]}"]
            if p["table"] or p["dirfd"] >= 0 or p["dyn"]:
                parts.append(f"&kFt_{p['table']}" if p["table"] else "nullptr")
            if p["dirfd"] >= 0 or p["dyn"]:
                parts.append(str(p["dirfd"]))
            if p["dyn"]:
                parts.append(f"kDyn_{p['dyn']}")
            w(f"    {{{', '.join(parts)}}},")
        w("};")
    w("")
    w("// ---- events 0..335: {name, category, flags, params, knownToSysdig0293} ----")
    w(f"constexpr EventInfo kEvents0293[{len(schema.events)}] = {{")
    for i, ev in enumerate(schema.events):
        params = f"kP0293_{i}" if ev["params"] else "{}"
        w(f"    /* {i:3} */ {{{q(ev['name'])}, {ev['category']}, {hexnum(ev['flags'])}, "
          f"{params}, true}},")
    w("};")
    w("")
    w("// ---- PPM_SC code -> syscall name (g_syscall_info_table) ----")
    w(f"constexpr const char* kSyscallNames0293[{len(schema.syscalls)}] = {{")
    for i, name in enumerate(schema.syscalls):
        w(f"    /* {i:3} */ {q(name)},")
    w("};")
    w("")
    w("// ---- errno names printed by sysdig 0.29.3 (sinsp_utils::errno_to_str), by positive errno ----")
    w("constexpr NameValue kErrnoNames0293[] = {")
    for code, name in schema.errnos:
        w(f"    {{{q(name)}, {code}}},")
    w("};")
    w("")
    w("// ---- signal names printed by sysdig 0.29.3 (sinsp_utils::signal_to_str) ----")
    w("constexpr NameValue kSignalNames0293[] = {")
    for code, name in schema.signals:
        w(f"    {{{q(name)}, {code}}},")
    w("};")
    text = "\n".join(L) + "\n"
    with open(out_path, "w") as f:
        f.write(text)
    print(f"wrote {out_path}: {len(schema.events)} events, {len(schema.flag_tables)} flag tables, "
          f"{len(schema.syscalls)} syscall names, {len(schema.errnos)} errno names, "
          f"{len(schema.signals)} signal names")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default_out = os.path.join(here, "..", "core", "format", "event_table_0293.inc")
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=os.path.normpath(default_out))
    ap.add_argument("--listing", action="store_true", help="print a sysdig -L style listing")
    ap.add_argument("--check-sysdig", action="store_true", help="diff the listing with sysdig -L")
    args = ap.parse_args()

    schema = Schema()
    if args.listing:
        print("\n".join(schema.listing()))
        return 0
    if args.check_sysdig:
        if not shutil.which("sysdig"):
            print("sysdig not installed; nothing to compare", file=sys.stderr)
            return 2
        want = subprocess.run(["sysdig", "-L"], capture_output=True, text=True).stdout.splitlines()
        have = schema.listing()
        diff = list(difflib.unified_diff(want, have, "sysdig -L", "generated", lineterm=""))
        print("\n".join(diff) if diff else f"identical ({len(have)} lines)")
        return 1 if diff else 0
    emit(schema, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
