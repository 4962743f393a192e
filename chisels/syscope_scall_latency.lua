-- SPDX-License-Identifier: GPL-3.0-or-later
-- syscope's own chisel: how long system calls take, as a histogram with one bucket per power of two of
-- nanoseconds, for all calls or one system call. Written for syscope; runs under sysdig too.

description = "Shows the distribution of system call latencies as a histogram with one row per power of two " ..
	"(1us, 2us, 4us, ...). Restrict it to one system call with the argument, or to anything with a filter. " ..
	"Context switches are left out."
short_description = "Syscall latency histogram"
category = "Performance"

args =
{
	{
		name = "syscall",
		description = "only this system call (e.g. read); all of them when left out",
		argtype = "string",
		optional = true
	},
}

local only_syscall = nil
local flatency, ftype
-- buckets[k] counts calls whose latency lies in [2^k, 2^(k+1)) ns; bucket 0 also holds 0 ns.
local buckets = {}
local total = 0
local total_ns = 0
local slowest = 0

function on_set_arg(name, val)
	if name == "syscall" then
		only_syscall = val
		return true
	end
	return false
end

function on_init()
	flatency = chisel.request_field("evt.latency")
	ftype = chisel.request_field("evt.type")
	-- Latency lives on exit events; a context switch is no system call.
	local f = "evt.dir=< and evt.type!=switch"
	if only_syscall ~= nil and only_syscall ~= "" then
		f = f .. " and evt.type=" .. only_syscall
	end
	chisel.set_filter(f)
	return true
end

local function bucket_of(ns)
	local k = 0
	while ns >= 2 do
		ns = ns / 2
		k = k + 1
	end
	return k
end

function on_event()
	local lat = evt.field(flatency)
	if lat == nil then
		return true
	end
	local k = bucket_of(lat)
	buckets[k] = (buckets[k] or 0) + 1
	total = total + 1
	total_ns = total_ns + lat
	if lat > slowest then
		slowest = lat
	end
	return true
end

-- 1536 -> "1.5us": the bucket bounds printed the way people read durations.
local function human(ns)
	if ns < 1000 then
		return string.format("%dns", ns)
	elseif ns < 1000000 then
		return string.format("%.3gus", ns / 1000)
	elseif ns < 1000000000 then
		return string.format("%.3gms", ns / 1000000)
	end
	return string.format("%.3gs", ns / 1000000000)
end

function on_capture_end()
	local what = only_syscall or "all system calls"
	if total == 0 then
		print("no " .. what .. " with a latency in the capture")
		return true
	end
	local first, last = nil, 0
	local peak = 0
	for k, n in pairs(buckets) do
		if first == nil or k < first then first = k end
		if k > last then last = k end
		if n > peak then peak = n end
	end
	print(string.format("Latency of %s: %d calls, mean %s, slowest %s", what, total,
		human(math.floor(total_ns / total)), human(slowest)))
	print(string.format("%-22s %10s %7s  %s", "Latency", "Calls", "%", "Distribution"))
	print(string.rep("-", 80))
	local width = 36
	for k = first, last do
		local n = buckets[k] or 0
		local lo = k == 0 and 0 or 2 ^ k
		local range = string.format("%s - %s", human(lo), human(2 ^ (k + 1)))
		local bar = string.rep("#", math.floor(n * width / peak + 0.5))
		print(string.format("%-22s %10d %6.2f%%  %s", range, n, 100 * n / total, bar))
	end
	return true
end
