// SPDX-License-Identifier: GPL-3.0-or-later
#include "fields/field_catalog.h"

#include "format/event_schema.h"

#include <array>
#include <cctype>
#include <charconv>
#include <cstring>
#include <optional>

namespace syscope::fields {

using format::ParamType;
using format::PrintFormat;

namespace {

// The classes in the order sysdig 0.29.3 tries them when it resolves a name, which is also the order of
// `sysdig -l`. Names, types and descriptions are the ones that listing shows; the hidden entries (table-only and
// print-only) are fields sysdig accepts without listing them.
// evt (All event types)
constexpr FieldInfo kEvtAllEventTypesFields[] = {
    {FieldId::kEvtNum, "evt.num", ParamType::kUint64, PrintFormat::kId, kFieldNone, "event number."},
    {FieldId::kEvtTime, "evt.time", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "event timestamp as a time string that includes the nanosecond part."},
    {FieldId::kEvtTimeS, "evt.time.s", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "event timestamp as a time string with no nanoseconds."},
    {FieldId::kEvtTimeIso8601, "evt.time.iso8601", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "event timestamp in ISO 8601 format, including nanoseconds and time zone offset (in UTC)."},
    {FieldId::kEvtDatetime, "evt.datetime", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "event timestamp as a time string that includes the date."},
    {FieldId::kEvtDatetimeS, "evt.datetime.s", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "event timestamp as a datetime string with no nanoseconds."},
    {FieldId::kEvtRawtime, "evt.rawtime", ParamType::kAbsTime, PrintFormat::kDec, kFieldNone,
     "absolute event timestamp, i.e. nanoseconds from epoch."},
    {FieldId::kEvtRawtimeS, "evt.rawtime.s", ParamType::kAbsTime, PrintFormat::kDec, kFieldNone,
     "integer part of the event timestamp (e.g. seconds since epoch)."},
    {FieldId::kEvtRawtimeNs, "evt.rawtime.ns", ParamType::kAbsTime, PrintFormat::k10PaddedDec, kFieldNone,
     "fractional part of the absolute event timestamp."},
    {FieldId::kEvtReltime, "evt.reltime", ParamType::kRelTime, PrintFormat::k10PaddedDec, kFieldNone,
     "number of nanoseconds from the beginning of the capture."},
    {FieldId::kEvtReltimeS, "evt.reltime.s", ParamType::kRelTime, PrintFormat::kDec, kFieldNone,
     "number of seconds from the beginning of the capture."},
    {FieldId::kEvtReltimeNs, "evt.reltime.ns", ParamType::kRelTime, PrintFormat::k10PaddedDec, kFieldNone,
     "fractional part (in ns) of the time from the beginning of the capture."},
    {FieldId::kEvtPluginname, "evt.pluginname", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "if the event comes from a plugin, the name of the plugin that generated it. The plugin must be currently "
     "loaded."},
    {FieldId::kEvtPlugininfo, "evt.plugininfo", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "if the event comes from a plugin, a summary of the event as formatted by the plugin. The plugin must be "
     "currently loaded."},
};

// evt (Syscall events only)
constexpr FieldInfo kEvtSyscallEventsOnlyFields[] = {
    {FieldId::kEvtLatency, "evt.latency", ParamType::kRelTime, PrintFormat::kDec, kFieldNone,
     "delta between an exit event and the correspondent enter event, in nanoseconds."},
    {FieldId::kEvtLatencyS, "evt.latency.s", ParamType::kRelTime, PrintFormat::kDec, kFieldNone,
     "integer part of the event latency delta."},
    {FieldId::kEvtLatencyNs, "evt.latency.ns", ParamType::kRelTime, PrintFormat::k10PaddedDec, kFieldNone,
     "fractional part of the event latency delta."},
    {FieldId::kEvtLatencyQuantized, "evt.latency.quantized", ParamType::kUint64, PrintFormat::kDec, kFieldTableOnly,
     "10-base log of the delta between an exit event and the correspondent enter event."},
    {FieldId::kEvtLatencyHuman, "evt.latency.human", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "delta between an exit event and the correspondent enter event, as a human readable string (e.g. 10.3ms)."},
    {FieldId::kEvtDeltatime, "evt.deltatime", ParamType::kRelTime, PrintFormat::kDec, kFieldNone,
     "delta between this event and the previous event, in nanoseconds."},
    {FieldId::kEvtDeltatimeS, "evt.deltatime.s", ParamType::kRelTime, PrintFormat::kDec, kFieldNone,
     "integer part of the delta between this event and the previous event."},
    {FieldId::kEvtDeltatimeNs, "evt.deltatime.ns", ParamType::kRelTime, PrintFormat::k10PaddedDec, kFieldNone,
     "fractional part of the delta between this event and the previous event."},
    {FieldId::kEvtOutputtime, "evt.outputtime", ParamType::kCharBuf, PrintFormat::kNA, kFieldPrintOnly,
     "this depends on -t param, default is %evt.time ('h')."},
    {FieldId::kEvtDir, "evt.dir", ParamType::kCharBuf, PrintFormat::kDir, kFieldNone,
     "event direction can be either '>' for enter events or '<' for exit events."},
    {FieldId::kEvtType, "evt.type", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "The name of the event (e.g. 'open')."},
    {FieldId::kEvtTypeIs, "evt.type.is", ParamType::kUint32, PrintFormat::kNA, kFieldRequiresArg,
     "allows one to specify an event type, and returns 1 for events that are of that type. For example, "
     "evt.type.is.open returns 1 for open events, 0 for any other event."},
    {FieldId::kSyscallType, "syscall.type", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "For system call events, the name of the system call (e.g. 'open'). Unset for other events (e.g. switch or "
     "internal events). Use this field instead of evt.type if you need to make sure that the filtered/printed value is "
     "actually a system call."},
    {FieldId::kEvtCategory, "evt.category", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "The event category. Example values are 'file' (for file operations like open and close), 'net' (for network "
     "operations like socket and bind), memory (for things like brk or mmap), and so on."},
    {FieldId::kEvtCpu, "evt.cpu", ParamType::kInt16, PrintFormat::kId, kFieldNone,
     "number of the CPU where this event happened."},
    {FieldId::kEvtArgs, "evt.args", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "all the event arguments, aggregated into a single string."},
    {FieldId::kEvtArg, "evt.arg", ParamType::kCharBuf, PrintFormat::kNA, kFieldRequiresArg,
     "one of the event arguments specified by name or by number. Some events (e.g. return codes or FDs) will be "
     "converted into a text representation when possible. E.g. 'evt.arg.fd' or 'evt.arg[0]'."},
    {FieldId::kEvtRawarg, "evt.rawarg", ParamType::kDyn, PrintFormat::kNA, kFieldRequiresArg,
     "one of the event arguments specified by name. E.g. 'evt.rawarg.fd'."},
    {FieldId::kEvtInfo, "evt.info", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "for most events, this field returns the same value as evt.args. However, for some events (like writes to "
     "/dev/log) it provides higher level information coming from decoding the arguments."},
    {FieldId::kEvtBuffer, "evt.buffer", ParamType::kByteBuf, PrintFormat::kNA, kFieldNone,
     "the binary data buffer for events that have one, like read(), recvfrom(), etc. Use this field in filters with "
     "'contains' to search into I/O data buffers."},
    {FieldId::kEvtBuflen, "evt.buflen", ParamType::kUint64, PrintFormat::kDec, kFieldNone,
     "the length of the binary data buffer for events that have one, like read(), recvfrom(), etc."},
    {FieldId::kEvtRes, "evt.res", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "event return value, as a string. If the event failed, the result is an error code string (e.g. 'ENOENT'), "
     "otherwise the result is the string 'SUCCESS'."},
    {FieldId::kEvtRawres, "evt.rawres", ParamType::kInt64, PrintFormat::kDec, kFieldNone,
     "event return value, as a number (e.g. -2). Useful for range comparisons."},
    {FieldId::kEvtFailed, "evt.failed", ParamType::kBool, PrintFormat::kNA, kFieldNone,
     "'true' for events that returned an error status."},
    {FieldId::kEvtIsIo, "evt.is_io", ParamType::kBool, PrintFormat::kNA, kFieldNone,
     "'true' for events that read or write to FDs, like read(), send, recvfrom(), etc."},
    {FieldId::kEvtIsIoRead, "evt.is_io_read", ParamType::kBool, PrintFormat::kNA, kFieldNone,
     "'true' for events that read from FDs, like read(), recv(), recvfrom(), etc."},
    {FieldId::kEvtIsIoWrite, "evt.is_io_write", ParamType::kBool, PrintFormat::kNA, kFieldNone,
     "'true' for events that write to FDs, like write(), send(), etc."},
    {FieldId::kEvtIoDir, "evt.io_dir", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "'r' for events that read from FDs, like read(); 'w' for events that write to FDs, like write()."},
    {FieldId::kEvtIsWait, "evt.is_wait", ParamType::kBool, PrintFormat::kNA, kFieldNone,
     "'true' for events that make the thread wait, e.g. sleep(), select(), poll()."},
    {FieldId::kEvtWaitLatency, "evt.wait_latency", ParamType::kRelTime, PrintFormat::kDec, kFieldNone,
     "for events that make the thread wait (e.g. sleep(), select(), poll()), this is the time spent waiting for the "
     "event to return, in nanoseconds."},
    {FieldId::kEvtIsSyslog, "evt.is_syslog", ParamType::kBool, PrintFormat::kNA, kFieldNone,
     "'true' for events that are writes to /dev/log."},
    {FieldId::kEvtCount, "evt.count", ParamType::kUint32, PrintFormat::kDec, kFieldNone,
     "This filter field always returns 1 and can be used to count events from inside chisels."},
    {FieldId::kEvtCountError, "evt.count.error", ParamType::kUint32, PrintFormat::kDec, kFieldNone,
     "This filter field returns 1 for events that returned with an error, and can be used to count event failures from "
     "inside chisels."},
    {FieldId::kEvtCountErrorFile, "evt.count.error.file", ParamType::kUint32, PrintFormat::kDec, kFieldNone,
     "This filter field returns 1 for events that returned with an error and are related to file I/O, and can be used "
     "to count event failures from inside chisels."},
    {FieldId::kEvtCountErrorNet, "evt.count.error.net", ParamType::kUint32, PrintFormat::kDec, kFieldNone,
     "This filter field returns 1 for events that returned with an error and are related to network I/O, and can be "
     "used to count event failures from inside chisels."},
    {FieldId::kEvtCountErrorMemory, "evt.count.error.memory", ParamType::kUint32, PrintFormat::kDec, kFieldNone,
     "This filter field returns 1 for events that returned with an error and are related to memory allocation, and can "
     "be used to count event failures from inside chisels."},
    {FieldId::kEvtCountErrorOther, "evt.count.error.other", ParamType::kUint32, PrintFormat::kDec, kFieldNone,
     "This filter field returns 1 for events that returned with an error and are related to none of the previous "
     "categories, and can be used to count event failures from inside chisels."},
    {FieldId::kEvtCountExit, "evt.count.exit", ParamType::kUint32, PrintFormat::kDec, kFieldNone,
     "This filter field returns 1 for exit events, and can be used to count single events from inside chisels."},
    {FieldId::kEvtCountProcinfo, "evt.count.procinfo", ParamType::kUint32, PrintFormat::kDec, kFieldTableOnly,
     "This filter field returns 1 for procinfo events generated by process main threads, and can be used to count "
     "processes from inside views."},
    {FieldId::kEvtCountThreadinfo, "evt.count.threadinfo", ParamType::kUint32, PrintFormat::kDec, kFieldTableOnly,
     "This filter field returns 1 for procinfo events, and can be used to count processes from inside views."},
    {FieldId::kEvtAround, "evt.around", ParamType::kUint64, PrintFormat::kDec, kFieldFilterOnly | kFieldRequiresArg,
     "Accepts the event if it's around the specified time interval. The syntax is evt.around[T]=D, where T is the "
     "value returned by %evt.rawtime for the event and D is a delta in milliseconds. For example, "
     "evt.around[1404996934793590564]=1000 will return the events with timestamp with one second before the timestamp "
     "and one second after it, for a total of two seconds of capture."},
    {FieldId::kEvtAbspath, "evt.abspath", ParamType::kCharBuf, PrintFormat::kNA, kFieldRequiresArg,
     "Absolute path calculated from dirfd and name during syscalls like renameat and symlinkat. Use 'evt.abspath.src' "
     "or 'evt.abspath.dst' for syscalls that support multiple paths."},
    {FieldId::kEvtBuflenIn, "evt.buflen.in", ParamType::kUint64, PrintFormat::kDec, kFieldTableOnly,
     "the length of the binary data buffer, but only for input I/O events."},
    {FieldId::kEvtBuflenOut, "evt.buflen.out", ParamType::kUint64, PrintFormat::kDec, kFieldTableOnly,
     "the length of the binary data buffer, but only for output I/O events."},
    {FieldId::kEvtBuflenFile, "evt.buflen.file", ParamType::kUint64, PrintFormat::kDec, kFieldTableOnly,
     "the length of the binary data buffer, but only for file I/O events."},
    {FieldId::kEvtBuflenFileIn, "evt.buflen.file.in", ParamType::kUint64, PrintFormat::kDec, kFieldTableOnly,
     "the length of the binary data buffer, but only for input file I/O events."},
    {FieldId::kEvtBuflenFileOut, "evt.buflen.file.out", ParamType::kUint64, PrintFormat::kDec, kFieldTableOnly,
     "the length of the binary data buffer, but only for output file I/O events."},
    {FieldId::kEvtBuflenNet, "evt.buflen.net", ParamType::kUint64, PrintFormat::kDec, kFieldTableOnly,
     "the length of the binary data buffer, but only for network I/O events."},
    {FieldId::kEvtBuflenNetIn, "evt.buflen.net.in", ParamType::kUint64, PrintFormat::kDec, kFieldTableOnly,
     "the length of the binary data buffer, but only for input network I/O events."},
    {FieldId::kEvtBuflenNetOut, "evt.buflen.net.out", ParamType::kUint64, PrintFormat::kDec, kFieldTableOnly,
     "the length of the binary data buffer, but only for output network I/O events."},
    {FieldId::kEvtIsOpenRead, "evt.is_open_read", ParamType::kBool, PrintFormat::kNA, kFieldNone,
     "'true' for open/openat/openat2 events where the path was opened for reading"},
    {FieldId::kEvtIsOpenWrite, "evt.is_open_write", ParamType::kBool, PrintFormat::kNA, kFieldNone,
     "'true' for open/openat/openat2 events where the path was opened for writing"},
    {FieldId::kEvtInfraDockerName, "evt.infra.docker.name", ParamType::kCharBuf, PrintFormat::kNA, kFieldTableOnly,
     "for docker infrastructure events, the name of the event."},
    {FieldId::kEvtInfraDockerContainerId, "evt.infra.docker.container.id", ParamType::kCharBuf, PrintFormat::kNA,
     kFieldTableOnly, "for docker infrastructure events, the id of the impacted container."},
    {FieldId::kEvtInfraDockerContainerName, "evt.infra.docker.container.name", ParamType::kCharBuf, PrintFormat::kNA,
     kFieldTableOnly, "for docker infrastructure events, the name of the impacted container."},
    {FieldId::kEvtInfraDockerContainerImage, "evt.infra.docker.container.image", ParamType::kCharBuf, PrintFormat::kNA,
     kFieldTableOnly, "for docker infrastructure events, the image name of the impacted container."},
    {FieldId::kEvtIsOpenExec, "evt.is_open_exec", ParamType::kBool, PrintFormat::kNA, kFieldNone,
     "'true' for open/openat/openat2 or creat events where a file is created with execute permissions"},
};

// process
constexpr FieldInfo kProcessFields[] = {
    {FieldId::kProcPid, "proc.pid", ParamType::kInt64, PrintFormat::kId, kFieldNone,
     "the id of the process generating the event."},
    {FieldId::kProcExe, "proc.exe", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "the first command line argument (usually the executable name or a custom one)."},
    {FieldId::kProcName, "proc.name", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "the name (excluding the path) of the executable generating the event."},
    {FieldId::kProcArgs, "proc.args", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "the arguments passed on the command line when starting the process generating the event."},
    {FieldId::kProcEnv, "proc.env", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "the environment variables of the process generating the event."},
    {FieldId::kProcCmdline, "proc.cmdline", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "full process command line, i.e. proc.name + proc.args."},
    {FieldId::kProcExeline, "proc.exeline", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "full process command line, with exe as first argument, i.e. proc.exe + proc.args."},
    {FieldId::kProcCwd, "proc.cwd", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "the current working directory of the event."},
    {FieldId::kProcNthreads, "proc.nthreads", ParamType::kUint32, PrintFormat::kDec, kFieldNone,
     "the number of threads that the process generating the event currently has, including the main process thread."},
    {FieldId::kProcNchilds, "proc.nchilds", ParamType::kUint32, PrintFormat::kDec, kFieldNone,
     "the number of child threads that the process generating the event currently has. This excludes the main process "
     "thread."},
    {FieldId::kProcPpid, "proc.ppid", ParamType::kInt64, PrintFormat::kId, kFieldNone,
     "the pid of the parent of the process generating the event."},
    {FieldId::kProcPname, "proc.pname", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "the name (excluding the path) of the parent of the process generating the event."},
    {FieldId::kProcPcmdline, "proc.pcmdline", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "the full command line (proc.name + proc.args) of the parent of the process generating the event."},
    {FieldId::kProcApid, "proc.apid", ParamType::kInt64, PrintFormat::kId, kFieldNone,
     "the pid of one of the process ancestors. E.g. proc.apid[1] returns the parent pid, proc.apid[2] returns the "
     "grandparent pid, and so on. proc.apid[0] is the pid of the current process. proc.apid without arguments can be "
     "used in filters only and matches any of the process ancestors, e.g. proc.apid=1234."},
    {FieldId::kProcAname, "proc.aname", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "the name (excluding the path) of one of the process ancestors. E.g. proc.aname[1] returns the parent name, "
     "proc.aname[2] returns the grandparent name, and so on. proc.aname[0] is the name of the current process. "
     "proc.aname without arguments can be used in filters only and matches any of the process ancestors, e.g. "
     "proc.aname=bash."},
    {FieldId::kProcLoginshellid, "proc.loginshellid", ParamType::kInt64, PrintFormat::kId, kFieldNone,
     "the pid of the oldest shell among the ancestors of the current process, if there is one. This field can be used "
     "to separate different user sessions, and is useful in conjunction with chisels like spy_user."},
    {FieldId::kProcDuration, "proc.duration", ParamType::kRelTime, PrintFormat::kDec, kFieldNone,
     "number of nanoseconds since the process started."},
    {FieldId::kProcFdopencount, "proc.fdopencount", ParamType::kUint64, PrintFormat::kDec, kFieldNone,
     "number of open FDs for the process"},
    {FieldId::kProcFdlimit, "proc.fdlimit", ParamType::kInt64, PrintFormat::kDec, kFieldNone,
     "maximum number of FDs the process can open."},
    {FieldId::kProcFdusage, "proc.fdusage", ParamType::kDouble, PrintFormat::kNA, kFieldNone,
     "the ratio between open FDs and maximum available FDs for the process."},
    {FieldId::kProcVmsize, "proc.vmsize", ParamType::kUint64, PrintFormat::kDec, kFieldNone,
     "total virtual memory for the process (as kb)."},
    {FieldId::kProcVmrss, "proc.vmrss", ParamType::kUint64, PrintFormat::kDec, kFieldNone,
     "resident non-swapped memory for the process (as kb)."},
    {FieldId::kProcVmswap, "proc.vmswap", ParamType::kUint64, PrintFormat::kDec, kFieldNone,
     "swapped memory for the process (as kb)."},
    {FieldId::kThreadPfmajor, "thread.pfmajor", ParamType::kUint64, PrintFormat::kDec, kFieldNone,
     "number of major page faults since thread start."},
    {FieldId::kThreadPfminor, "thread.pfminor", ParamType::kUint64, PrintFormat::kDec, kFieldNone,
     "number of minor page faults since thread start."},
    {FieldId::kThreadTid, "thread.tid", ParamType::kInt64, PrintFormat::kId, kFieldNone,
     "the id of the thread generating the event."},
    {FieldId::kThreadIsmain, "thread.ismain", ParamType::kBool, PrintFormat::kNA, kFieldNone,
     "'true' if the thread generating the event is the main one in the process."},
    {FieldId::kThreadExectime, "thread.exectime", ParamType::kRelTime, PrintFormat::kDec, kFieldNone,
     "CPU time spent by the last scheduled thread, in nanoseconds. Exported by switch events only."},
    {FieldId::kThreadTotexectime, "thread.totexectime", ParamType::kRelTime, PrintFormat::kDec, kFieldNone,
     "Total CPU time, in nanoseconds since the beginning of the capture, for the current thread. Exported by switch "
     "events only."},
    {FieldId::kThreadCgroups, "thread.cgroups", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "all the cgroups the thread belongs to, aggregated into a single string."},
    {FieldId::kThreadCgroup, "thread.cgroup", ParamType::kCharBuf, PrintFormat::kNA, kFieldRequiresArg,
     "the cgroup the thread belongs to, for a specific subsystem. E.g. thread.cgroup.cpuacct."},
    {FieldId::kThreadVtid, "thread.vtid", ParamType::kInt64, PrintFormat::kId, kFieldNone,
     "the id of the thread generating the event as seen from its current PID namespace."},
    {FieldId::kProcVpid, "proc.vpid", ParamType::kInt64, PrintFormat::kId, kFieldNone,
     "the id of the process generating the event as seen from its current PID namespace."},
    {FieldId::kThreadCpu, "thread.cpu", ParamType::kDouble, PrintFormat::kNA, kFieldNone,
     "the CPU consumed by the thread in the last second."},
    {FieldId::kThreadCpuUser, "thread.cpu.user", ParamType::kDouble, PrintFormat::kNA, kFieldNone,
     "the user CPU consumed by the thread in the last second."},
    {FieldId::kThreadCpuSystem, "thread.cpu.system", ParamType::kDouble, PrintFormat::kNA, kFieldNone,
     "the system CPU consumed by the thread in the last second."},
    {FieldId::kThreadVmsize, "thread.vmsize", ParamType::kUint64, PrintFormat::kDec, kFieldNone,
     "For the process main thread, this is the total virtual memory for the process (as kb). For the other threads, "
     "this field is zero."},
    {FieldId::kThreadVmrss, "thread.vmrss", ParamType::kUint64, PrintFormat::kDec, kFieldNone,
     "For the process main thread, this is the resident non-swapped memory for the process (as kb). For the other "
     "threads, this field is zero."},
    {FieldId::kThreadVmsizeB, "thread.vmsize.b", ParamType::kUint64, PrintFormat::kDec, kFieldTableOnly,
     "For the process main thread, this is the total virtual memory for the process (in bytes). For the other threads, "
     "this field is zero."},
    {FieldId::kThreadVmrssB, "thread.vmrss.b", ParamType::kUint64, PrintFormat::kDec, kFieldTableOnly,
     "For the process main thread, this is the resident non-swapped memory for the process (in bytes). For the other "
     "threads, this field is zero."},
    {FieldId::kProcSid, "proc.sid", ParamType::kInt64, PrintFormat::kId, kFieldNone,
     "the session id of the process generating the event."},
    {FieldId::kProcSname, "proc.sname", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "the name of the current process's session leader. This is either the process with pid=proc.sid or the eldest "
     "ancestor that has the same sid as the current process."},
    {FieldId::kProcTty, "proc.tty", ParamType::kInt32, PrintFormat::kId, kFieldNone,
     "The controlling terminal of the process. 0 for processes without a terminal."},
    {FieldId::kProcExepath, "proc.exepath", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "The full executable path of the process."},
    {FieldId::kThreadNametid, "thread.nametid", ParamType::kCharBuf, PrintFormat::kNA, kFieldTableOnly,
     "this field chains the process name and tid of a thread and can be used as a specific identifier of a thread for "
     "a specific execve."},
    {FieldId::kProcVpgid, "proc.vpgid", ParamType::kInt64, PrintFormat::kId, kFieldNone,
     "the process group id of the process generating the event, as seen from its current PID namespace."},
    {FieldId::kProcIsContainerHealthcheck, "proc.is_container_healthcheck", ParamType::kBool, PrintFormat::kNA,
     kFieldNone, "true if this process is running as a part of the container's health check."},
    {FieldId::kProcIsContainerLivenessProbe, "proc.is_container_liveness_probe", ParamType::kBool, PrintFormat::kNA,
     kFieldNone, "true if this process is running as a part of the container's liveness probe."},
    {FieldId::kProcIsContainerReadinessProbe, "proc.is_container_readiness_probe", ParamType::kBool, PrintFormat::kNA,
     kFieldNone, "true if this process is running as a part of the container's readiness probe."},
    {FieldId::kProcIsExeWritable, "proc.is_exe_writable", ParamType::kBool, PrintFormat::kNA, kFieldNone,
     "true if this process' executable file is writable by the same user that spawned the process."},
};

// user
constexpr FieldInfo kUserFields[] = {
    {FieldId::kUserUid, "user.uid", ParamType::kUint32, PrintFormat::kId, kFieldNone, "user ID."},
    {FieldId::kUserName, "user.name", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone, "user name."},
    {FieldId::kUserHomedir, "user.homedir", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "home directory of the user."},
    {FieldId::kUserShell, "user.shell", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone, "user's shell."},
    {FieldId::kUserLoginuid, "user.loginuid", ParamType::kInt32, PrintFormat::kId, kFieldNone, "audit user id (auid)."},
    {FieldId::kUserLoginname, "user.loginname", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "audit user name (auid)."},
};

// group
constexpr FieldInfo kGroupFields[] = {
    {FieldId::kGroupGid, "group.gid", ParamType::kUint64, PrintFormat::kId, kFieldNone, "group ID."},
    {FieldId::kGroupName, "group.name", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone, "group name."},
};

// container
constexpr FieldInfo kContainerFields[] = {
    {FieldId::kContainerId, "container.id", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone, "the container id."},
    {FieldId::kContainerName, "container.name", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "the container name."},
    {FieldId::kContainerImage, "container.image", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "the container image name (e.g. falcosecurity/falco:latest for docker)."},
    {FieldId::kContainerImageId, "container.image.id", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "the container image id (e.g. 6f7e2741b66b)."},
    {FieldId::kContainerType, "container.type", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "the container type, eg: docker or rkt"},
    {FieldId::kContainerPrivileged, "container.privileged", ParamType::kBool, PrintFormat::kNA, kFieldNone,
     "true for containers running as privileged, false otherwise"},
    {FieldId::kContainerMounts, "container.mounts", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "A space-separated list of mount information. Each item in the list has the format "
     "<source>:<dest>:<mode>:<rdrw>:<propagation>"},
    {FieldId::kContainerMount, "container.mount", ParamType::kCharBuf, PrintFormat::kNA, kFieldRequiresArg,
     "Information about a single mount, specified by number (e.g. container.mount[0]) or mount source "
     "(container.mount[/usr/local]). The pathname can be a glob (container.mount[/usr/local/*]), in which case the "
     "first matching mount will be returned. The information has the format "
     "<source>:<dest>:<mode>:<rdrw>:<propagation>. If there is no mount with the specified index or matching the "
     "provided source, returns the string \"none\" instead of a NULL value."},
    {FieldId::kContainerMountSource, "container.mount.source", ParamType::kCharBuf, PrintFormat::kNA, kFieldRequiresArg,
     "the mount source, specified by number (e.g. container.mount.source[0]) or mount destination "
     "(container.mount.source[/host/lib/modules]). The pathname can be a glob."},
    {FieldId::kContainerMountDest, "container.mount.dest", ParamType::kCharBuf, PrintFormat::kNA, kFieldRequiresArg,
     "the mount destination, specified by number (e.g. container.mount.dest[0]) or mount source "
     "(container.mount.dest[/lib/modules]). The pathname can be a glob."},
    {FieldId::kContainerMountMode, "container.mount.mode", ParamType::kCharBuf, PrintFormat::kNA, kFieldRequiresArg,
     "the mount mode, specified by number (e.g. container.mount.mode[0]) or mount source "
     "(container.mount.mode[/usr/local]). The pathname can be a glob."},
    {FieldId::kContainerMountRdwr, "container.mount.rdwr", ParamType::kCharBuf, PrintFormat::kNA, kFieldRequiresArg,
     "the mount rdwr value, specified by number (e.g. container.mount.rdwr[0]) or mount source "
     "(container.mount.rdwr[/usr/local]). The pathname can be a glob."},
    {FieldId::kContainerMountPropagation, "container.mount.propagation", ParamType::kCharBuf, PrintFormat::kNA,
     kFieldRequiresArg,
     "the mount propagation value, specified by number (e.g. container.mount.propagation[0]) or mount source "
     "(container.mount.propagation[/usr/local]). The pathname can be a glob."},
    {FieldId::kContainerImageRepository, "container.image.repository", ParamType::kCharBuf, PrintFormat::kNA,
     kFieldNone, "the container image repository (e.g. falcosecurity/falco)."},
    {FieldId::kContainerImageTag, "container.image.tag", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "the container image tag (e.g. stable, latest)."},
    {FieldId::kContainerImageDigest, "container.image.digest", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "the container image registry digest (e.g. "
     "sha256:d977378f890d445c15e51795296e4e5062f109ce6da83e0a355fc4ad8699d27)."},
    {FieldId::kContainerHealthcheck, "container.healthcheck", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "The container's health check. Will be the null value (\"N/A\") if no healthcheck configured, \"NONE\" if "
     "configured but explicitly not created, and the healthcheck command line otherwise"},
    {FieldId::kContainerLivenessProbe, "container.liveness_probe", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "The container's liveness probe. Will be the null value (\"N/A\") if no liveness probe configured, the liveness "
     "probe command line otherwise"},
    {FieldId::kContainerReadinessProbe, "container.readiness_probe", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "The container's readiness probe. Will be the null value (\"N/A\") if no readiness probe configured, the "
     "readiness probe command line otherwise"},
};

// fd
constexpr FieldInfo kFdFields[] = {
    {FieldId::kFdNum, "fd.num", ParamType::kInt64, PrintFormat::kId, kFieldNone,
     "the unique number identifying the file descriptor."},
    {FieldId::kFdType, "fd.type", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "type of FD. Can be 'file', 'directory', 'ipv4', 'ipv6', 'unix', 'pipe', 'event', 'signalfd', 'eventpoll', "
     "'inotify' or 'signalfd'."},
    {FieldId::kFdTypechar, "fd.typechar", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "type of FD as a single character. Can be 'f' for file, 4 for IPv4 socket, 6 for IPv6 socket, 'u' for unix "
     "socket, p for pipe, 'e' for eventfd, 's' for signalfd, 'l' for eventpoll, 'i' for inotify, 'o' for unknown."},
    {FieldId::kFdName, "fd.name", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "FD full name. If the fd is a file, this field contains the full path. If the FD is a socket, this field contain "
     "the connection tuple."},
    {FieldId::kFdDirectory, "fd.directory", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "If the fd is a file, the directory that contains it."},
    {FieldId::kFdFilename, "fd.filename", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "If the fd is a file, the filename without the path."},
    {FieldId::kFdIp, "fd.ip", ParamType::kIpAddr, PrintFormat::kNA, kFieldFilterOnly,
     "matches the ip address (client or server) of the fd."},
    {FieldId::kFdCip, "fd.cip", ParamType::kIpAddr, PrintFormat::kNA, kFieldNone, "client IP address."},
    {FieldId::kFdSip, "fd.sip", ParamType::kIpAddr, PrintFormat::kNA, kFieldNone, "server IP address."},
    {FieldId::kFdLip, "fd.lip", ParamType::kIpAddr, PrintFormat::kNA, kFieldNone, "local IP address."},
    {FieldId::kFdRip, "fd.rip", ParamType::kIpAddr, PrintFormat::kNA, kFieldNone, "remote IP address."},
    {FieldId::kFdPort, "fd.port", ParamType::kPort, PrintFormat::kDec, kFieldFilterOnly,
     "matches the port (either client or server) of the fd."},
    {FieldId::kFdCport, "fd.cport", ParamType::kPort, PrintFormat::kDec, kFieldNone,
     "for TCP/UDP FDs, the client port."},
    {FieldId::kFdSport, "fd.sport", ParamType::kPort, PrintFormat::kDec, kFieldNone, "for TCP/UDP FDs, server port."},
    {FieldId::kFdLport, "fd.lport", ParamType::kPort, PrintFormat::kDec, kFieldNone,
     "for TCP/UDP FDs, the local port."},
    {FieldId::kFdRport, "fd.rport", ParamType::kPort, PrintFormat::kDec, kFieldNone,
     "for TCP/UDP FDs, the remote port."},
    {FieldId::kFdL4proto, "fd.l4proto", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "the IP protocol of a socket. Can be 'tcp', 'udp', 'icmp' or 'raw'."},
    {FieldId::kFdSockfamily, "fd.sockfamily", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "the socket family for socket events. Can be 'ip' or 'unix'."},
    {FieldId::kFdIsServer, "fd.is_server", ParamType::kBool, PrintFormat::kNA, kFieldNone,
     "'true' if the process owning this FD is the server endpoint in the connection."},
    {FieldId::kFdUid, "fd.uid", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "a unique identifier for the FD, created by chaining the FD number and the thread ID."},
    {FieldId::kFdContainername, "fd.containername", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "chaining of the container ID and the FD name. Useful when trying to identify which container an FD belongs to."},
    {FieldId::kFdContainerdirectory, "fd.containerdirectory", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "chaining of the container ID and the directory name. Useful when trying to identify which container a directory "
     "belongs to."},
    {FieldId::kFdProto, "fd.proto", ParamType::kPort, PrintFormat::kDec, kFieldFilterOnly,
     "matches the protocol (either client or server) of the fd."},
    {FieldId::kFdCproto, "fd.cproto", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "for TCP/UDP FDs, the client protocol."},
    {FieldId::kFdSproto, "fd.sproto", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "for TCP/UDP FDs, server protocol."},
    {FieldId::kFdLproto, "fd.lproto", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "for TCP/UDP FDs, the local protocol."},
    {FieldId::kFdRproto, "fd.rproto", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "for TCP/UDP FDs, the remote protocol."},
    {FieldId::kFdNet, "fd.net", ParamType::kIpNet, PrintFormat::kNA, kFieldFilterOnly,
     "matches the IP network (client or server) of the fd."},
    {FieldId::kFdCnet, "fd.cnet", ParamType::kIpNet, PrintFormat::kNA, kFieldFilterOnly,
     "matches the client IP network of the fd."},
    {FieldId::kFdSnet, "fd.snet", ParamType::kIpNet, PrintFormat::kNA, kFieldFilterOnly,
     "matches the server IP network of the fd."},
    {FieldId::kFdLnet, "fd.lnet", ParamType::kIpNet, PrintFormat::kNA, kFieldFilterOnly,
     "matches the local IP network of the fd."},
    {FieldId::kFdRnet, "fd.rnet", ParamType::kIpNet, PrintFormat::kNA, kFieldFilterOnly,
     "matches the remote IP network of the fd."},
    {FieldId::kFdConnected, "fd.connected", ParamType::kBool, PrintFormat::kNA, kFieldNone,
     "for TCP/UDP FDs, 'true' if the socket is connected."},
    {FieldId::kFdNameChanged, "fd.name_changed", ParamType::kBool, PrintFormat::kNA, kFieldNone,
     "True when an event changes the name of an fd used by this event. This can occur in some cases such as udp "
     "connections where the connection tuple changes."},
    {FieldId::kFdCipName, "fd.cip.name", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "Domain name associated with the client IP address."},
    {FieldId::kFdSipName, "fd.sip.name", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "Domain name associated with the server IP address."},
    {FieldId::kFdLipName, "fd.lip.name", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "Domain name associated with the local IP address."},
    {FieldId::kFdRipName, "fd.rip.name", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "Domain name associated with the remote IP address."},
    {FieldId::kFdDev, "fd.dev", ParamType::kInt32, PrintFormat::kHex, kFieldNone,
     "device number (major/minor) containing the referenced file"},
    {FieldId::kFdDevMajor, "fd.dev.major", ParamType::kInt32, PrintFormat::kDec, kFieldNone,
     "major device number containing the referenced file"},
    {FieldId::kFdDevMinor, "fd.dev.minor", ParamType::kInt32, PrintFormat::kDec, kFieldNone,
     "minor device number containing the referenced file"},
};

// syslog
constexpr FieldInfo kSyslogFields[] = {
    {FieldId::kSyslogFacilityStr, "syslog.facility.str", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "facility as a string."},
    {FieldId::kSyslogFacility, "syslog.facility", ParamType::kUint32, PrintFormat::kDec, kFieldNone,
     "facility as a number (0-23)."},
    {FieldId::kSyslogSeverityStr, "syslog.severity.str", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "severity as a string. Can have one of these values: emerg, alert, crit, err, warn, notice, info, debug"},
    {FieldId::kSyslogSeverity, "syslog.severity", ParamType::kUint32, PrintFormat::kDec, kFieldNone,
     "severity as a number (0-7)."},
    {FieldId::kSyslogMessage, "syslog.message", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "message sent to syslog."},
};

// fdlist
constexpr FieldInfo kFdlistFields[] = {
    {FieldId::kFdlistNums, "fdlist.nums", ParamType::kCharBuf, PrintFormat::kId, kFieldNone,
     "for poll events, this is a comma-separated list of the FD numbers in the 'fds' argument, returned as a string."},
    {FieldId::kFdlistNames, "fdlist.names", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "for poll events, this is a comma-separated list of the FD names in the 'fds' argument, returned as a string."},
    {FieldId::kFdlistCips, "fdlist.cips", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "for poll events, this is a comma-separated list of the client IP addresses in the 'fds' argument, returned as a "
     "string."},
    {FieldId::kFdlistSips, "fdlist.sips", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "for poll events, this is a comma-separated list of the server IP addresses in the 'fds' argument, returned as a "
     "string."},
    {FieldId::kFdlistCports, "fdlist.cports", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "for TCP/UDP FDs, for poll events, this is a comma-separated list of the client TCP/UDP ports in the 'fds' "
     "argument, returned as a string."},
    {FieldId::kFdlistSports, "fdlist.sports", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "for poll events, this is a comma-separated list of the server TCP/UDP ports in the 'fds' argument, returned as a "
     "string."},
};

// k8s
constexpr FieldInfo kK8sFields[] = {
    {FieldId::kK8sPodName, "k8s.pod.name", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone, "Kubernetes pod name."},
    {FieldId::kK8sPodId, "k8s.pod.id", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone, "Kubernetes pod id."},
    {FieldId::kK8sPodLabel, "k8s.pod.label", ParamType::kCharBuf, PrintFormat::kNA, kFieldRequiresArg,
     "Kubernetes pod label. E.g. 'k8s.pod.label.foo'."},
    {FieldId::kK8sPodLabels, "k8s.pod.labels", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "Kubernetes pod comma-separated key/value labels. E.g. 'foo1:bar1,foo2:bar2'."},
    {FieldId::kK8sRcName, "k8s.rc.name", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "Kubernetes replication controller name."},
    {FieldId::kK8sRcId, "k8s.rc.id", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "Kubernetes replication controller id."},
    {FieldId::kK8sRcLabel, "k8s.rc.label", ParamType::kCharBuf, PrintFormat::kNA, kFieldRequiresArg,
     "Kubernetes replication controller label. E.g. 'k8s.rc.label.foo'."},
    {FieldId::kK8sRcLabels, "k8s.rc.labels", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "Kubernetes replication controller comma-separated key/value labels. E.g. 'foo1:bar1,foo2:bar2'."},
    {FieldId::kK8sSvcName, "k8s.svc.name", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "Kubernetes service name (can return more than one value, concatenated)."},
    {FieldId::kK8sSvcId, "k8s.svc.id", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "Kubernetes service id (can return more than one value, concatenated)."},
    {FieldId::kK8sSvcLabel, "k8s.svc.label", ParamType::kCharBuf, PrintFormat::kNA, kFieldRequiresArg,
     "Kubernetes service label. E.g. 'k8s.svc.label.foo' (can return more than one value, concatenated)."},
    {FieldId::kK8sSvcLabels, "k8s.svc.labels", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "Kubernetes service comma-separated key/value labels. E.g. 'foo1:bar1,foo2:bar2'."},
    {FieldId::kK8sNsName, "k8s.ns.name", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "Kubernetes namespace name."},
    {FieldId::kK8sNsId, "k8s.ns.id", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone, "Kubernetes namespace id."},
    {FieldId::kK8sNsLabel, "k8s.ns.label", ParamType::kCharBuf, PrintFormat::kNA, kFieldRequiresArg,
     "Kubernetes namespace label. E.g. 'k8s.ns.label.foo'."},
    {FieldId::kK8sNsLabels, "k8s.ns.labels", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "Kubernetes namespace comma-separated key/value labels. E.g. 'foo1:bar1,foo2:bar2'."},
    {FieldId::kK8sRsName, "k8s.rs.name", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "Kubernetes replica set name."},
    {FieldId::kK8sRsId, "k8s.rs.id", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone, "Kubernetes replica set id."},
    {FieldId::kK8sRsLabel, "k8s.rs.label", ParamType::kCharBuf, PrintFormat::kNA, kFieldRequiresArg,
     "Kubernetes replica set label. E.g. 'k8s.rs.label.foo'."},
    {FieldId::kK8sRsLabels, "k8s.rs.labels", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "Kubernetes replica set comma-separated key/value labels. E.g. 'foo1:bar1,foo2:bar2'."},
    {FieldId::kK8sDeploymentName, "k8s.deployment.name", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "Kubernetes deployment name."},
    {FieldId::kK8sDeploymentId, "k8s.deployment.id", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "Kubernetes deployment id."},
    {FieldId::kK8sDeploymentLabel, "k8s.deployment.label", ParamType::kCharBuf, PrintFormat::kNA, kFieldRequiresArg,
     "Kubernetes deployment label. E.g. 'k8s.rs.label.foo'."},
    {FieldId::kK8sDeploymentLabels, "k8s.deployment.labels", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "Kubernetes deployment comma-separated key/value labels. E.g. 'foo1:bar1,foo2:bar2'."},
};

// mesos
constexpr FieldInfo kMesosFields[] = {
    {FieldId::kMesosTaskName, "mesos.task.name", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone, "Mesos task name."},
    {FieldId::kMesosTaskId, "mesos.task.id", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone, "Mesos task id."},
    {FieldId::kMesosTaskLabel, "mesos.task.label", ParamType::kCharBuf, PrintFormat::kNA, kFieldRequiresArg,
     "Mesos task label. E.g. 'mesos.task.label.foo'."},
    {FieldId::kMesosTaskLabels, "mesos.task.labels", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "Mesos task comma-separated key/value labels. E.g. 'foo1:bar1,foo2:bar2'."},
    {FieldId::kMesosFrameworkName, "mesos.framework.name", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "Mesos framework name."},
    {FieldId::kMesosFrameworkId, "mesos.framework.id", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "Mesos framework id."},
    {FieldId::kMarathonAppName, "marathon.app.name", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "Marathon app name."},
    {FieldId::kMarathonAppId, "marathon.app.id", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone, "Marathon app id."},
    {FieldId::kMarathonAppLabel, "marathon.app.label", ParamType::kCharBuf, PrintFormat::kNA, kFieldRequiresArg,
     "Marathon app label. E.g. 'marathon.app.label.foo'."},
    {FieldId::kMarathonAppLabels, "marathon.app.labels", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "Marathon app comma-separated key/value labels. E.g. 'foo1:bar1,foo2:bar2'."},
    {FieldId::kMarathonGroupName, "marathon.group.name", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "Marathon group name."},
    {FieldId::kMarathonGroupId, "marathon.group.id", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "Marathon group id."},
};

// span
constexpr FieldInfo kSpanFields[] = {
    {FieldId::kSpanId, "span.id", ParamType::kInt64, PrintFormat::kId, kFieldNone,
     "ID of the span. This is a unique identifier that is used to match the enter and exit tracer events for this "
     "span. It can also be used to match different spans belonging to a trace."},
    {FieldId::kSpanTime, "span.time", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "time of the span's enter tracer as a human readable string that includes the nanosecond part."},
    {FieldId::kSpanNtags, "span.ntags", ParamType::kUint32, PrintFormat::kDec, kFieldNone,
     "number of tags that this span has."},
    {FieldId::kSpanNargs, "span.nargs", ParamType::kUint32, PrintFormat::kDec, kFieldNone,
     "number of arguments that this span has."},
    {FieldId::kSpanTags, "span.tags", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "dot-separated list of all of the span's tags."},
    {FieldId::kSpanTag, "span.tag", ParamType::kCharBuf, PrintFormat::kNA, kFieldRequiresArg,
     "one of the span's tags, specified by 0-based offset, e.g. 'span.tag[1]'. You can use a negative offset to pick "
     "elements from the end of the tag list. For example, 'span.tag[-1]' returns the last tag."},
    {FieldId::kSpanArgs, "span.args", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "comma-separated list of the span's arguments."},
    {FieldId::kSpanArg, "span.arg", ParamType::kCharBuf, PrintFormat::kNA, kFieldRequiresArg,
     "one of the span arguments, specified by name or by 0-based offset. E.g. 'span.arg.xxx' or 'span.arg[1]'. You can "
     "use a negative offset to pick elements from the end of the tag list. For example, 'span.arg[-1]' returns the "
     "last argument."},
    {FieldId::kSpanEnterargs, "span.enterargs", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "comma-separated list of the span's enter tracer event arguments. For enter tracers, this is the same as "
     "evt.args. For exit tracers, this is the evt.args of the corresponding enter tracer."},
    {FieldId::kSpanEnterarg, "span.enterarg", ParamType::kCharBuf, PrintFormat::kNA, kFieldRequiresArg,
     "one of the span's enter arguments, specified by name or by 0-based offset. For enter tracer events, this is the "
     "same as evt.arg. For exit tracer events, this is the evt.arg of the corresponding enter event."},
    {FieldId::kSpanDuration, "span.duration", ParamType::kRelTime, PrintFormat::kDec, kFieldNone,
     "delta between this span's exit tracer event and the enter tracer event."},
    {FieldId::kSpanDurationQuantized, "span.duration.quantized", ParamType::kUint64, PrintFormat::kDec, kFieldTableOnly,
     "10-base log of the delta between an exit tracer event and the correspondent enter event."},
    {FieldId::kSpanDurationHuman, "span.duration.human", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "delta between this span's exit tracer event and the enter event, as a human readable string (e.g. 10.3ms)."},
    {FieldId::kSpanDurationFortag, "span.duration.fortag", ParamType::kRelTime, PrintFormat::kDec,
     kFieldTableOnly | kFieldRequiresArg,
     "duration of the span if the number of tags matches the field argument, otherwise 0."},
    {FieldId::kSpanCount, "span.count", ParamType::kUint64, PrintFormat::kDec, kFieldTableOnly,
     "1 for span exit events."},
    {FieldId::kSpanCountFortag, "span.count.fortag", ParamType::kUint64, PrintFormat::kDec,
     kFieldTableOnly | kFieldRequiresArg,
     "1 if the span's number of tags matches the field argument, and zero for all the other ones."},
    {FieldId::kSpanChildcountFortag, "span.childcount.fortag", ParamType::kUint64, PrintFormat::kDec,
     kFieldTableOnly | kFieldRequiresArg,
     "1 if the span's number of tags is greater than the field argument, and zero for all the other ones."},
    {FieldId::kSpanIdtag, "span.idtag", ParamType::kCharBuf, PrintFormat::kNA, kFieldTableOnly | kFieldRequiresArg,
     "id used by the span list csysdig view."},
    {FieldId::kSpanRawtime, "span.rawtime", ParamType::kCharBuf, PrintFormat::kNA, kFieldTableOnly,
     "id used by the span list csysdig view."},
    {FieldId::kSpanRawparenttime, "span.rawparenttime", ParamType::kCharBuf, PrintFormat::kNA, kFieldTableOnly,
     "id used by the span list csysdig view."},
};

// evtin
constexpr FieldInfo kEvtinFields[] = {
    {FieldId::kEvtinSpanId, "evtin.span.id", ParamType::kInt64, PrintFormat::kId, kFieldNone,
     "accepts all the events that are between the enter and exit tracers of the spans with the given ID and are "
     "generated by the same thread that generated the tracers."},
    {FieldId::kEvtinSpanNtags, "evtin.span.ntags", ParamType::kUint32, PrintFormat::kDec, kFieldNone,
     "accepts all the events that are between the enter and exit tracers of the spans with the given number of tags "
     "and are generated by the same thread that generated the tracers."},
    {FieldId::kEvtinSpanNargs, "evtin.span.nargs", ParamType::kUint32, PrintFormat::kDec, kFieldNone,
     "accepts all the events that are between the enter and exit tracers of the spans with the given number of "
     "arguments and are generated by the same thread that generated the tracers."},
    {FieldId::kEvtinSpanTags, "evtin.span.tags", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "accepts all the events that are between the enter and exit tracers of the spans with the given tags and are "
     "generated by the same thread that generated the tracers."},
    {FieldId::kEvtinSpanTag, "evtin.span.tag", ParamType::kCharBuf, PrintFormat::kNA, kFieldRequiresArg,
     "accepts all the events that are between the enter and exit tracers of the spans with the given tag and are "
     "generated by the same thread that generated the tracers. See the description of span.tag for information about "
     "the syntax accepted by this field."},
    {FieldId::kEvtinSpanArgs, "evtin.span.args", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "accepts all the events that are between the enter and exit tracers of the spans with the given arguments and are "
     "generated by the same thread that generated the tracers."},
    {FieldId::kEvtinSpanArg, "evtin.span.arg", ParamType::kCharBuf, PrintFormat::kNA, kFieldRequiresArg,
     "accepts all the events that are between the enter and exit tracers of the spans with the given argument and are "
     "generated by the same thread that generated the tracers. See the description of span.arg for information about "
     "the syntax accepted by this field."},
    {FieldId::kEvtinSpanPId, "evtin.span.p.id", ParamType::kInt64, PrintFormat::kId, kFieldNone,
     "same as evtin.span.id, but also accepts events generated by other threads in the same process that produced the "
     "span."},
    {FieldId::kEvtinSpanPNtags, "evtin.span.p.ntags", ParamType::kUint32, PrintFormat::kDec, kFieldNone,
     "same as evtin.span.ntags, but also accepts events generated by other threads in the same process that produced "
     "the span."},
    {FieldId::kEvtinSpanPNargs, "evtin.span.p.nargs", ParamType::kUint32, PrintFormat::kDec, kFieldNone,
     "same as evtin.span.nargs, but also accepts events generated by other threads in the same process that produced "
     "the span."},
    {FieldId::kEvtinSpanPTags, "evtin.span.p.tags", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "same as evtin.span.tags, but also accepts events generated by other threads in the same process that produced "
     "the span."},
    {FieldId::kEvtinSpanPTag, "evtin.span.p.tag", ParamType::kCharBuf, PrintFormat::kNA, kFieldRequiresArg,
     "same as evtin.span.tag, but also accepts events generated by other threads in the same process that produced the "
     "span."},
    {FieldId::kEvtinSpanPArgs, "evtin.span.p.args", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "same as evtin.span.args, but also accepts events generated by other threads in the same process that produced "
     "the span."},
    {FieldId::kEvtinSpanPArg, "evtin.span.p.arg", ParamType::kCharBuf, PrintFormat::kNA, kFieldRequiresArg,
     "same as evtin.span.arg, but also accepts events generated by other threads in the same process that produced the "
     "span."},
    {FieldId::kEvtinSpanSId, "evtin.span.s.id", ParamType::kInt64, PrintFormat::kId, kFieldNone,
     "same as evtin.span.id, but also accepts events generated by the script that produced the span, i.e. by the "
     "processes whose parent PID is the same as the one of the process generating the span."},
    {FieldId::kEvtinSpanSNtags, "evtin.span.s.ntags", ParamType::kUint32, PrintFormat::kDec, kFieldNone,
     "same as evtin.span.id, but also accepts events generated by the script that produced the span, i.e. by the "
     "processes whose parent PID is the same as the one of the process generating the span."},
    {FieldId::kEvtinSpanSNargs, "evtin.span.s.nargs", ParamType::kUint32, PrintFormat::kDec, kFieldNone,
     "same as evtin.span.id, but also accepts events generated by the script that produced the span, i.e. by the "
     "processes whose parent PID is the same as the one of the process generating the span."},
    {FieldId::kEvtinSpanSTags, "evtin.span.s.tags", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "same as evtin.span.id, but also accepts events generated by the script that produced the span, i.e. by the "
     "processes whose parent PID is the same as the one of the process generating the span."},
    {FieldId::kEvtinSpanSTag, "evtin.span.s.tag", ParamType::kCharBuf, PrintFormat::kNA, kFieldRequiresArg,
     "same as evtin.span.id, but also accepts events generated by the script that produced the span, i.e. by the "
     "processes whose parent PID is the same as the one of the process generating the span."},
    {FieldId::kEvtinSpanSArgs, "evtin.span.s.args", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "same as evtin.span.id, but also accepts events generated by the script that produced the span, i.e. by the "
     "processes whose parent PID is the same as the one of the process generating the span."},
    {FieldId::kEvtinSpanSArg, "evtin.span.s.arg", ParamType::kCharBuf, PrintFormat::kNA, kFieldRequiresArg,
     "same as evtin.span.id, but also accepts events generated by the script that produced the span, i.e. by the "
     "processes whose parent PID is the same as the one of the process generating the span."},
    {FieldId::kEvtinSpanMId, "evtin.span.m.id", ParamType::kInt64, PrintFormat::kId, kFieldNone,
     "same as evtin.span.id, but accepts all the events generated on the machine during the span, including other "
     "threads and other processes."},
    {FieldId::kEvtinSpanMNtags, "evtin.span.m.ntags", ParamType::kUint32, PrintFormat::kDec, kFieldNone,
     "same as evtin.span.id, but accepts all the events generated on the machine during the span, including other "
     "threads and other processes."},
    {FieldId::kEvtinSpanMNargs, "evtin.span.m.nargs", ParamType::kUint32, PrintFormat::kDec, kFieldNone,
     "same as evtin.span.id, but accepts all the events generated on the machine during the span, including other "
     "threads and other processes."},
    {FieldId::kEvtinSpanMTags, "evtin.span.m.tags", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "same as evtin.span.id, but accepts all the events generated on the machine during the span, including other "
     "threads and other processes."},
    {FieldId::kEvtinSpanMTag, "evtin.span.m.tag", ParamType::kCharBuf, PrintFormat::kNA, kFieldRequiresArg,
     "same as evtin.span.id, but accepts all the events generated on the machine during the span, including other "
     "threads and other processes."},
    {FieldId::kEvtinSpanMArgs, "evtin.span.m.args", ParamType::kCharBuf, PrintFormat::kNA, kFieldNone,
     "same as evtin.span.id, but accepts all the events generated on the machine during the span, including other "
     "threads and other processes."},
    {FieldId::kEvtinSpanMArg, "evtin.span.m.arg", ParamType::kCharBuf, PrintFormat::kNA, kFieldRequiresArg,
     "same as evtin.span.id, but accepts all the events generated on the machine during the span, including other "
     "threads and other processes."},
};

constexpr FieldClass kClasses[] = {
    {"evt", "All event types", "These fields can be used for all event types", kEvtAllEventTypesFields},
    {"evt", "Syscall events only",
     "Event fields applicable to syscall events. Note that for most events you can access the individual "
     "arguments/parameters of each syscall via evt.arg, e.g. evt.arg.filename.",
     kEvtSyscallEventsOnlyFields},
    {"process", "", "Additional information about the process and thread executing the syscall event.", kProcessFields},
    {"user", "", "Information about the user executing the specific event.", kUserFields},
    {"group", "", "Information about the user group.", kGroupFields},
    {"container", "",
     "Container information. If the event is not happening inside a container, both id and name will be set to 'host'.",
     kContainerFields},
    {"fd", "",
     "Every syscall that has a file descriptor in its arguments has these fields set with information related to the "
     "file.",
     kFdFields},
    {"syslog", "", "Content of Syslog messages.", kSyslogFields},
    {"fdlist", "", "Poll event related fields.", kFdlistFields},
    {"k8s", "", "Kubernetes related context. Available when configured to fetch k8s meta-data from API Server.",
     kK8sFields},
    {"mesos", "", "Mesos related context.", kMesosFields},
    {"span", "", "Fields used if information about distributed tracing is available.", kSpanFields},
    {"evtin", "", "Fields used if information about distributed tracing is available.", kEvtinFields},
};

constexpr size_t kFieldCount = [] {
    size_t n = 0;
    for (const auto& c : kClasses)
        n += c.fields.size();
    return n;
}();
static_assert(kFieldCount == size_t(FieldId::kCount), "field_id.h and the tables must list the same fields");

// FieldId -> entry, built once.
const std::array<const FieldInfo*, size_t(FieldId::kCount)>& byId()
{
    static const auto table = [] {
        std::array<const FieldInfo*, size_t(FieldId::kCount)> t{};
        for (const auto& c : kClasses)
            for (const auto& f : c.fields)
                t[size_t(f.id)] = &f;
        return t;
    }();
    return table;
}

bool startsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// sysdig's numeric argument parsers accept what sscanf("%d") accepts and nothing after it.
std::optional<int32_t> parseInt32(std::string_view s)
{
    size_t i = 0;
    while (i < s.size() &&
           (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' || s[i] == '\f' || s[i] == '\v'))
        ++i;
    s.remove_prefix(i);
    if (!s.empty() && s[0] == '+')
        s.remove_prefix(1);
    int64_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size() || s.empty())
        return std::nullopt;
    return int32_t(v);
}

std::optional<uint64_t> parseUint64(std::string_view s)
{
    uint64_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size() || s.empty())
        return std::nullopt;
    return v;
}

Error fieldError(std::string message) { return makeError(ErrorCode::kInvalidArgument, std::move(message), 0); }

// The longest parameter name of any event sysdig 0.29.3 knows that prefixes `s` (evt.arg.NAME).
const format::ParamInfo* longestParam(std::string_view s)
{
    const format::ParamInfo* best = nullptr;
    size_t bestLen = 0;
    for (uint16_t id = 0; id < format::kEventIdCount0293; ++id) {
        const format::EventInfo* e = format::eventInfo(id);
        for (const auto& p : e->params) {
            size_t n = std::strlen(p.name);
            if (n > bestLen && startsWith(s, std::string_view(p.name, n))) {
                best = &p;
                bestLen = n;
            }
        }
    }
    return best;
}

// Generic resolution inside one class: the longest field name that prefixes the text; -1 when none does.
int longestInClass(const FieldClass& c, std::string_view s, const FieldInfo** out)
{
    int best = -1;
    for (const auto& f : c.fields) {
        int n = int(std::strlen(f.name));
        if (n > best && startsWith(s, std::string_view(f.name, size_t(n)))) {
            best = n;
            *out = &f;
        }
    }
    return best;
}

FieldFamily familyOf(std::string_view name)
{
    if (name.starts_with("syscall."))
        return FieldFamily::kEvt;
    switch (name.empty() ? '\0' : name[0]) {
    case 'e': return name.starts_with("evtin.") ? FieldFamily::kNone : FieldFamily::kEvt;
    case 'p':
    case 't': return FieldFamily::kProcess;
    case 'u':
    case 'g': return FieldFamily::kUserGroup;
    case 'c': return FieldFamily::kContainer;
    case 'f': return name.starts_with("fdlist.") ? FieldFamily::kFdList : FieldFamily::kFd;
    // syslog, k8s, mesos, span: no source for them in a syscall capture (see docs/compatibility.md).
    default: return FieldFamily::kNone;
    }
}

void setField(FieldRef& r, FieldId id)
{
    r.info = &FieldCatalog::info(id);
    r.id = id;
    r.family = familyOf(r.info->name);
    r.type = r.info->type;
    r.fmt = r.info->fmt;
}

// Bracketed numeric argument "[N]" right after `base`: the consumed length, or nullopt when malformed.
std::optional<uint32_t> bracketIndex(std::string_view s, size_t base, int32_t& index)
{
    if (s.size() <= base || s[base] != '[')
        return std::nullopt;
    size_t close = s.find(']', base);
    if (close == std::string_view::npos)
        return std::nullopt;
    auto v = parseInt32(s.substr(base + 1, close - base - 1));
    if (!v)
        return std::nullopt;
    index = *v;
    return uint32_t(close + 1);
}

// Per-class special syntaxes; returns the consumed length, -1 when the class does not know the name.
Result<int> parseEvt(std::string_view s, FieldRef& r)
{
    auto argSyntax = [&](std::string_view base, bool raw) -> Result<int> {
        if (s.size() > base.size() && s[base.size()] == '[') {
            if (raw)
                return fieldError("evt.arg fields must be expressed explicitly");
            size_t close = s.find(']');
            std::string_view num = close == std::string_view::npos ? s.substr(base.size() + 1)
                                                                   : s.substr(base.size() + 1, close - base.size() - 1);
            auto v = parseInt32(num);
            if (!v)
                return fieldError(std::string(num) + " is not a valid number");
            if (close == std::string_view::npos)
                return 0;
            r.argIndex = *v;
            return int(close + 1);
        }
        if (s.size() > base.size() && s[base.size()] == '.') {
            const format::ParamInfo* p = longestParam(s.substr(base.size() + 1));
            if (!p)
                return fieldError("unknown event argument " + std::string(s.substr(base.size() + 1)));
            r.argName = p->name;
            r.rawType = p->type;
            return int(base.size() + 1 + r.argName.size());
        }
        return fieldError("filter syntax error: " + std::string(s));
    };
    if (startsWith(s, "evt.arg") && !startsWith(s, "evt.args")) {
        setField(r, FieldId::kEvtArg);
        return argSyntax("evt.arg", false);
    }
    if (startsWith(s, "evt.rawarg")) {
        setField(r, FieldId::kEvtRawarg);
        auto n = argSyntax("evt.rawarg", true);
        if (n && *n > 0)
            r.type = r.rawType;
        return n;
    }
    if (startsWith(s, "evt.around")) {
        setField(r, FieldId::kEvtAround);
        if (s.size() > 10 && s[10] == '[') {
            size_t close = s.find(']');
            std::string_view num = close == std::string_view::npos ? s.substr(11) : s.substr(11, close - 11);
            auto v = parseUint64(num);
            if (!v)
                return fieldError(std::string(num) + " is not a valid number");
            r.aroundTs = *v;
            return close == std::string_view::npos ? 0 : int(close + 1);
        }
        if (s.size() > 10 && s[10] == '.')
            return fieldError("wrong syntax for evt.around");
        return fieldError("filter syntax error: " + std::string(s));
    }
    if (startsWith(s, "evt.abspath")) {
        setField(r, FieldId::kEvtAbspath);
        if (startsWith(s, "evt.abspath.src")) {
            r.argIndex = 1;
            return 15;
        }
        if (startsWith(s, "evt.abspath.dst")) {
            r.argIndex = 2;
            return 15;
        }
        r.argIndex = 0;
        return 11;
    }
    if (startsWith(s, "evt.type.is")) {
        setField(r, FieldId::kEvtTypeIs);
        if (s.size() <= 11 || s[11] != '.')
            return fieldError("filter syntax error: " + std::string(s));
        // The whole rest of the text is the type: a number, or a name compared exactly.
        std::string_view t = s.substr(12);
        if (auto v = parseUint64(t); v && *v <= UINT32_MAX) {
            r.evtType = uint16_t(*v);
            r.evtType1 = format::kEventIdCount0293;
            return int(s.size());
        }
        for (uint16_t id = 0; id < format::kEventIdCount0293; ++id)
            if (t == format::eventInfo(id)->name) {
                r.evtType = id;
                r.evtType1 = uint16_t(id + 1);
                return int(s.size());
            }
        return 0;
    }
    return -1;
}

Result<int> parseProcess(std::string_view s, FieldRef& r)
{
    if (startsWith(s, "arg"))
        return fieldError("filter error: proc.arg filter not implemented yet");
    for (auto [name, id] : {std::pair{std::string_view("proc.apid"), FieldId::kProcApid},
                            std::pair{std::string_view("proc.aname"), FieldId::kProcAname}}) {
        if (!startsWith(s, name))
            continue;
        setField(r, id);
        if (auto n = bracketIndex(s, name.size(), r.argIndex))
            return int(*n);
        if (s == name) {
            r.anyAncestor = true;
            return int(s.size());
        }
        return 0;
    }
    if (startsWith(s, "thread.cgroup") && !startsWith(s, "thread.cgroups")) {
        setField(r, FieldId::kThreadCgroup);
        if (s.size() <= 13 || s[13] != '.')
            return fieldError("filter syntax error: " + std::string(s));
        size_t end = 14;
        while (end < s.size() && (std::isalpha(static_cast<unsigned char>(s[end])) || s[end] == '_'))
            ++end;
        r.argName = std::string(s.substr(14, end - 14));
        return int(end);
    }
    return -1;
}

Result<int> parseContainer(std::string_view s, FieldRef& r)
{
    auto mountArg = [&](size_t base) -> Result<int> {
        size_t open = s.find('[', base);
        if (open == std::string_view::npos)
            return fieldError("filter syntax error: " + std::string(s));
        size_t close = s.find(']', open);
        if (close == std::string_view::npos)
            return fieldError("filter syntax error: " + std::string(s));
        std::string_view arg = s.substr(open + 1, close - open - 1);
        if (auto v = parseInt32(arg))
            r.argIndex = *v;
        else
            r.argName = std::string(arg);
        return int(close + 1);
    };
    if (startsWith(s, "container.mount.")) {
        std::string_view rest = s.substr(16);
        FieldId id;
        if (startsWith(rest, "source"))
            id = FieldId::kContainerMountSource;
        else if (startsWith(rest, "dest"))
            id = FieldId::kContainerMountDest;
        else if (startsWith(rest, "mode"))
            id = FieldId::kContainerMountMode;
        else if (startsWith(rest, "rdwr"))
            id = FieldId::kContainerMountRdwr;
        else if (startsWith(rest, "propagation"))
            id = FieldId::kContainerMountPropagation;
        else
            return fieldError("filter syntax error: " + std::string(s));
        setField(r, id);
        return mountArg(16);
    }
    if (startsWith(s, "container.mount") && (s.size() <= 15 || s[15] != 's')) {
        setField(r, FieldId::kContainerMount);
        return mountArg(15);
    }
    return -1;
}

// "<base>.NAME" for the k8s/mesos label fields: NAME is alphanumerics and / _ - .
Result<int> parseLabel(std::string_view s, FieldRef& r, std::span<const std::pair<std::string_view, FieldId>> labels)
{
    for (const auto& [name, id] : labels) {
        if (!startsWith(s, name) || (s.size() > name.size() && s[name.size()] == 's'))
            continue;
        setField(r, id);
        if (s.size() <= name.size() || s[name.size()] != '.')
            return fieldError("filter syntax error: " + std::string(s));
        size_t end = name.size() + 1;
        while (end < s.size()) {
            char c = s[end];
            if (!std::isalnum(static_cast<unsigned char>(c)) && c != '/' && c != '_' && c != '-' && c != '.')
                break;
            ++end;
        }
        r.argName = std::string(s.substr(name.size() + 1, end - name.size() - 1));
        return int(end);
    }
    return -1;
}

// span.tag[N], span.arg.NAME / span.arg[N] and the evtin equivalents.
Result<int> parseSpanArg(std::string_view s, FieldRef& r, std::span<const std::pair<std::string_view, FieldId>> args)
{
    for (const auto& [name, id] : args) {
        if (!startsWith(s, name) || (s.size() > name.size() && s[name.size()] == 's'))
            continue;
        setField(r, id);
        if (s.size() > name.size() && s[name.size()] == '[') {
            size_t close = s.find(']');
            std::string_view num = close == std::string_view::npos ? s.substr(name.size() + 1)
                                                                   : s.substr(name.size() + 1, close - name.size() - 1);
            auto v = parseInt32(num);
            if (!v)
                return fieldError(std::string(num) + " is not a valid number");
            r.argIndex = *v;
            return close == std::string_view::npos ? 0 : int(close + 1);
        }
        if (s.size() > name.size() && s[name.size()] == '.') {
            if (name.ends_with(".tag"))
                return fieldError("invalid syntax for " + std::string(name));
            r.argName = std::string(s.substr(name.size() + 1));
            return int(s.size());
        }
        return fieldError("filter syntax error: " + std::string(s));
    }
    return -1;
}

constexpr std::pair<std::string_view, FieldId> kK8sLabels[] = {
    {"k8s.pod.label", FieldId::kK8sPodLabel}, {"k8s.rc.label", FieldId::kK8sRcLabel},
    {"k8s.rs.label", FieldId::kK8sRsLabel},   {"k8s.svc.label", FieldId::kK8sSvcLabel},
    {"k8s.ns.label", FieldId::kK8sNsLabel},   {"k8s.deployment.label", FieldId::kK8sDeploymentLabel}};
constexpr std::pair<std::string_view, FieldId> kMesosLabels[] = {{"mesos.task.label", FieldId::kMesosTaskLabel},
                                                                 {"marathon.app.label", FieldId::kMarathonAppLabel}};
constexpr std::pair<std::string_view, FieldId> kSpanArgs[] = {
    {"span.tag", FieldId::kSpanTag}, {"span.arg", FieldId::kSpanArg}, {"span.enterarg", FieldId::kSpanEnterarg}};
constexpr std::pair<std::string_view, FieldId> kEvtinArgs[] = {
    {"evtin.span.tag", FieldId::kEvtinSpanTag},    {"evtin.span.arg", FieldId::kEvtinSpanArg},
    {"evtin.span.p.tag", FieldId::kEvtinSpanPTag}, {"evtin.span.p.arg", FieldId::kEvtinSpanPArg},
    {"evtin.span.s.tag", FieldId::kEvtinSpanSTag}, {"evtin.span.s.arg", FieldId::kEvtinSpanSArg},
    {"evtin.span.m.tag", FieldId::kEvtinSpanMTag}, {"evtin.span.m.arg", FieldId::kEvtinSpanMArg}};

Result<int> parseInClass(size_t classIndex, std::string_view s, FieldRef& r)
{
    const FieldClass& c = kClasses[classIndex];
    Result<int> special = -1;
    std::string_view name = c.name;
    if (name == "evt" && classIndex == 1)
        special = parseEvt(s, r);
    else if (name == "process")
        special = parseProcess(s, r);
    else if (name == "container")
        special = parseContainer(s, r);
    else if (name == "k8s")
        special = parseLabel(s, r, kK8sLabels);
    else if (name == "mesos")
        special = parseLabel(s, r, kMesosLabels);
    else if (name == "span")
        special = parseSpanArg(s, r, kSpanArgs);
    else if (name == "evtin")
        special = parseSpanArg(s, r, kEvtinArgs);
    if (!special || *special != -1)
        return special;
    const FieldInfo* f = nullptr;
    int n = longestInClass(c, s, &f);
    if (n >= 0)
        setField(r, f->id);
    return n;
}

// sysdig's word wrapping of -l descriptions: 120 columns, the text column starting at 30.
void appendWrapped(std::string& out, std::string_view text)
{
    constexpr size_t kStart = 30, kWidth = 120;
    size_t len = 0;
    size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i])))
            ++i;
        if (i >= text.size())
            break;
        size_t j = i;
        while (j < text.size() && !std::isspace(static_cast<unsigned char>(text[j])))
            ++j;
        size_t wordLen = j - i + 1;
        if (len + wordLen <= kWidth - kStart)
            len += wordLen;
        else {
            out += '\n';
            out.append(kStart, ' ');
            len = wordLen;
        }
        out.append(text.substr(i, j - i));
        out += ' ';
        i = j;
    }
}

void appendPadded(std::string& out, std::string_view s, size_t width)
{
    out += s;
    if (s.size() < width)
        out.append(width - s.size(), ' ');
}

} // namespace

std::span<const FieldClass> FieldCatalog::classes() { return kClasses; }

const FieldInfo& FieldCatalog::info(FieldId id) { return *byId()[size_t(id)]; }

const FieldInfo* FieldCatalog::find(std::string_view name)
{
    for (const auto& c : kClasses)
        for (const auto& f : c.fields)
            if (name == f.name)
                return &f;
    return nullptr;
}

Result<FieldRef> FieldCatalog::parse(std::string_view text, Match match)
{
    for (size_t ci = 0; ci < std::size(kClasses); ++ci) {
        FieldRef r;
        auto n = parseInClass(ci, text, r);
        if (!n)
            return n.error();
        if (*n == -1)
            continue;
        // The first class that recognises the name decides, even when it took less than the whole text.
        // In an output format a field whose argument could not be read still becomes a token that consumed
        // nothing (sysdig then prints the text after it literally).
        if (*n < 0 || (match == Match::kExact && (*n == 0 || size_t(*n) != text.size())))
            return FieldRef{};
        r.consumed = uint32_t(*n);
        r.text = std::string(text.substr(0, r.consumed));
        return r;
    }
    return FieldRef{};
}

std::string FieldCatalog::listing(bool verbose)
{
    constexpr size_t kStart = 30;
    std::string out;
    for (const auto& c : kClasses) {
        out += "-------------------------------\n";
        appendPadded(out, "Field Class:", kStart);
        out += c.name;
        if (*c.shortDesc) {
            out += " (";
            out += c.shortDesc;
            out += ')';
        }
        out += '\n';
        if (*c.description) {
            appendPadded(out, "Description:", kStart);
            appendWrapped(out, c.description);
            out += '\n';
        }
        out += '\n';
        for (const auto& f : c.fields) {
            if (f.flags & (kFieldTableOnly | kFieldPrintOnly))
                continue;
            std::string_view name = f.name;
            if (name.size() > kStart) {
                out += name;
                out += '\n';
                out.append(kStart, ' ');
            } else
                appendPadded(out, name, kStart);
            std::string desc;
            if (verbose) {
                desc += "(Type: ";
                desc += format::paramTypeName(f.type);
                desc += ") ";
            }
            if (f.flags & kFieldFilterOnly)
                desc += "(FILTER ONLY) ";
            desc += f.description;
            appendWrapped(out, desc);
            out += '\n';
        }
        out += '\n';
    }
    return out;
}

} // namespace syscope::fields
