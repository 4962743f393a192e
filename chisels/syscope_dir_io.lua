-- SPDX-License-Identifier: GPL-3.0-or-later
-- syscope's own chisel: file I/O bytes per directory, per time interval and in total. Written for syscope;
-- runs under sysdig too. Intervals follow the capture's timestamps when reading a file.

description = "Sums the bytes read from and written to files, per directory, for every interval of the " ..
	"capture (1 second unless given) and over the whole capture. Each interval lists its busiest " ..
	"directories; the totals at the end list the busiest ones overall."
short_description = "File I/O by directory over time"
category = "I/O"

args =
{
	{
		name = "interval_s",
		description = "length of an interval in seconds (default 1)",
		argtype = "int",
		optional = true
	},
	{
		name = "top",
		description = "how many directories each table lists (default 10)",
		argtype = "int",
		optional = true
	},
}

local interval = 1
local top = 10
local fdir, fres, fread
local current = {}
local totals = {}
local intervals = 0

function on_set_arg(name, val)
	local n = tonumber(val)
	if n == nil or n <= 0 then
		print(name .. " must be a positive number, not " .. val)
		return false
	end
	if name == "interval_s" then
		interval = n
	elseif name == "top" then
		top = n
	else
		return false
	end
	return true
end

function on_init()
	fdir = chisel.request_field("fd.directory")
	fres = chisel.request_field("evt.rawarg.res")
	fread = chisel.request_field("evt.is_io_read")
	chisel.set_filter("fd.type=file and evt.is_io=true and evt.dir=< and evt.failed=false")
	chisel.set_interval_s(interval)
	return true
end

local function add(t, dir, bytes, is_read)
	local e = t[dir]
	if e == nil then
		e = {r = 0, w = 0}
		t[dir] = e
	end
	if is_read then
		e.r = e.r + bytes
	else
		e.w = e.w + bytes
	end
end

function on_event()
	local dir = evt.field(fdir)
	local res = evt.field(fres)
	if dir == nil or res == nil or res <= 0 then
		return true
	end
	local is_read = evt.field(fread) == true
	add(current, dir, res, is_read)
	add(totals, dir, res, is_read)
	return true
end

local function bytes(n)
	local units = {"B", "KB", "MB", "GB", "TB"}
	local u = 1
	while n >= 1024 and u < #units do
		n = n / 1024
		u = u + 1
	end
	if u == 1 then
		return string.format("%d%s", n, units[u])
	end
	return string.format("%.2f%s", n, units[u])
end

local function print_table(title, t)
	local rows = {}
	for dir, e in pairs(t) do
		rows[#rows + 1] = {dir = dir, r = e.r, w = e.w, sum = e.r + e.w}
	end
	-- Busiest first; equal totals by name, so the output does not depend on table order.
	table.sort(rows, function(a, b)
		if a.sum ~= b.sum then return a.sum > b.sum end
		return a.dir < b.dir
	end)
	print(title)
	print(string.format("%-12s %-12s %-12s %s", "Total", "Read", "Write", "Directory"))
	print(string.rep("-", 80))
	for i = 1, math.min(top, #rows) do
		local e = rows[i]
		print(string.format("%-12s %-12s %-12s %s", bytes(e.sum), bytes(e.r), bytes(e.w), e.dir))
	end
	if #rows == 0 then
		print("(no file I/O)")
	end
	print("")
end

function on_interval(ts_s, ts_ns, delta)
	intervals = intervals + 1
	print_table(os.date("!%Y-%m-%d %H:%M:%S", ts_s) .. " UTC, last " .. interval .. "s", current)
	current = {}
	return true
end

function on_capture_end(ts_s, ts_ns, delta)
	if next(current) ~= nil then
		print_table(os.date("!%Y-%m-%d %H:%M:%S", ts_s) .. " UTC, end of capture", current)
	end
	print_table("Whole capture (" .. string.format("%.3f", delta / 1e9) .. "s)", totals)
	return true
end
