-- SPDX-License-Identifier: GPL-3.0-or-later
-- syscope's own chisel: which processes see which system calls fail, and with which error. Written for
-- syscope; runs under sysdig too.

description = "Counts failed system calls by process, system call and error code (ENOENT, EAGAIN...), " ..
	"busiest first. Combine it with a filter to look at one process or one kind of call."
short_description = "Failed syscalls by process and errno"
category = "Errors"

args =
{
	{
		name = "top",
		description = "how many rows to list (default 30)",
		argtype = "int",
		optional = true
	},
}

local top = 30
local fname, fpid, ftype, ferr
local counts = {}
local total = 0

function on_set_arg(name, val)
	if name == "top" then
		top = tonumber(val)
		return top ~= nil and top > 0
	end
	return false
end

function on_init()
	fname = chisel.request_field("proc.name")
	fpid = chisel.request_field("proc.pid")
	ftype = chisel.request_field("evt.type")
	ferr = chisel.request_field("evt.res")
	chisel.set_filter("evt.dir=< and evt.failed=true")
	return true
end

function on_event()
	local name = evt.field(fname) or "<NA>"
	local pid = evt.field(fpid) or -1
	local scall = evt.field(ftype) or "<NA>"
	local err = evt.field(ferr) or "<NA>"
	-- The key keeps the four parts apart; \1 appears in none of them.
	local key = name .. "\1" .. pid .. "\1" .. scall .. "\1" .. err
	counts[key] = (counts[key] or 0) + 1
	total = total + 1
	return true
end

function on_capture_end()
	local rows = {}
	for key, n in pairs(counts) do
		local name, pid, scall, err = key:match("^(.-)\1(.-)\1(.-)\1(.*)$")
		rows[#rows + 1] = {n = n, name = name, pid = tonumber(pid), scall = scall, err = err}
	end
	-- Most failures first; ties in a stable order so the output is the same every run.
	table.sort(rows, function(a, b)
		if a.n ~= b.n then return a.n > b.n end
		if a.name ~= b.name then return a.name < b.name end
		if a.pid ~= b.pid then return a.pid < b.pid end
		if a.scall ~= b.scall then return a.scall < b.scall end
		return a.err < b.err
	end)
	print(string.format("%-8s %-16s %-8s %-16s %s", "Count", "Process", "PID", "Syscall", "Error"))
	print(string.rep("-", 80))
	for i = 1, math.min(top, #rows) do
		local r = rows[i]
		print(string.format("%-8d %-16s %-8d %-16s %s", r.n, r.name, r.pid, r.scall, r.err))
	end
	print(string.rep("-", 80))
	print(string.format("%d failed calls, %d kinds", total, #rows))
	return true
end
