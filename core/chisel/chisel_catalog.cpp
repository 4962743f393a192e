// SPDX-License-Identifier: GPL-3.0-or-later
#include "chisel/chisel_catalog.h"

#include "chisel/chisel.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>

namespace syscope::chisel {

namespace {

// sysdig's console layout: descriptions start at column 16 and wrap at 79.
constexpr size_t kTextStart = 16;
constexpr size_t kLineLen = 79;

bool isFile(const std::string& path)
{
    std::error_code ec;
    return std::filesystem::is_regular_file(path, ec);
}

} // namespace

ChiselCatalog::ChiselCatalog(std::vector<std::string> dirs)
{
    for (auto& d : dirs) {
        if (d.empty())
            continue;
        if (d.back() != '/')
            d.push_back('/');
        if (std::find(m_dirs.begin(), m_dirs.end(), d) == m_dirs.end())
            m_dirs.push_back(std::move(d));
    }
}

std::vector<std::string> ChiselCatalog::defaultSearchPath(const std::vector<std::string>& installedDirs)
{
    std::vector<std::string> dirs{"./chisels"};
    for (const auto& d : installedDirs)
        if (!d.empty())
            dirs.push_back(d);
    if (const char* home = std::getenv("HOME"); home && *home)
        dirs.push_back(std::string(home) + "/.config/syscope/chisels");
    if (const char* env = std::getenv("SYSDIG_CHISEL_DIR"); env && *env) {
        std::string_view s(env);
        while (!s.empty()) {
            size_t semi = s.find(';');
            std::string_view part = s.substr(0, semi);
            if (!part.empty())
                dirs.emplace_back(part);
            if (semi == std::string_view::npos)
                break;
            s.remove_prefix(semi + 1);
        }
    }
    dirs.emplace_back("/usr/share/sysdig/chisels");
    return dirs;
}

std::optional<std::string> ChiselCatalog::find(std::string_view name) const
{
    // sysdig tries NAME.lua in every directory before NAME itself.
    for (const auto& d : m_dirs)
        if (std::string p = d + std::string(name) + ".lua"; isFile(p))
            return p;
    for (const auto& d : m_dirs)
        if (std::string p = d + std::string(name); isFile(p))
            return p;
    return std::nullopt;
}

std::vector<ChiselInfo> ChiselCatalog::list() const
{
    std::vector<ChiselInfo> out;
    std::set<std::string> seen;
    for (const auto& d : m_dirs) {
        std::error_code ec;
        std::vector<std::filesystem::path> files;
        for (const auto& e : std::filesystem::directory_iterator(d, ec))
            if (e.path().extension() == ".lua")
                files.push_back(e.path());
        std::sort(files.begin(), files.end());
        for (const auto& f : files) {
            std::string name = f.stem().string();
            if (!seen.insert(name).second)
                continue;
            auto info = Chisel::describe(f.string(), *this);
            if (!info)
                continue;
            info->name = name;
            out.push_back(std::move(*info));
        }
    }
    std::sort(out.begin(), out.end(), [](const ChiselInfo& a, const ChiselInfo& b) {
        return a.category != b.category ? a.category < b.category : a.name < b.name;
    });
    return out;
}

Result<ChiselInfo> ChiselCatalog::info(std::string_view name) const
{
    for (auto& c : list())
        if (c.name == name)
            return std::move(c);
    return makeError(ErrorCode::kInvalidArgument, "chisel " + std::string(name) + " not found - use -cl to list them.");
}

std::string ChiselCatalog::formatList(const std::vector<ChiselInfo>& chisels, bool verbose)
{
    std::string out;
    // Like sysdig, an empty category gets no heading of its own.
    std::string lastCategory;
    for (const auto& c : chisels) {
        if (c.isView)
            continue;
        if (c.category != lastCategory) {
            std::string head = "Category: " + c.category;
            out += "\n" + head + "\n" + std::string(head.size(), '-') + "\n";
            lastCategory = c.category;
        }
        out += c.name;
        size_t used = c.name.size();
        if (used >= kTextStart) {
            out.push_back('\n');
            used = 0;
        }
        out.append(kTextStart - used, ' ');
        for (size_t i = 0; i < c.shortDescription.size(); ++i) {
            if (i != 0 && i % (kLineLen - kTextStart) == 0)
                out += "\n" + std::string(kTextStart, ' ');
            out.push_back(c.shortDescription[i]);
        }
        out.push_back('\n');
    }
    if (verbose)
        out += "\nUse the -i flag to get detailed information about a specific chisel\n";
    return out;
}

std::string ChiselCatalog::formatInfo(const ChiselInfo& info)
{
    std::string out = formatList({info}, false);
    out.push_back('\n');
    for (size_t i = 0; i < info.description.size(); ++i) {
        if (i != 0 && i % kLineLen == 0)
            out.push_back('\n');
        out.push_back(info.description[i]);
    }
    out.push_back('\n');

    std::string args = "Args:\n";
    if (info.args.empty())
        args += "(None)";
    for (const auto& a : info.args)
        args += "[" + a.argtype + "] " + a.name + " - " + a.description + "\n";
    // Argument lines wrap every 63 characters onto a line indented to the description column.
    long column = 0;
    for (size_t i = 0; i < args.size(); ++i, ++column) {
        if (args[i] == '\n')
            column = -1;
        else if (column != 0 && column % long(kLineLen - kTextStart) == 0)
            out += "\n" + std::string(kTextStart, ' ');
        out.push_back(args[i]);
    }
    out.push_back('\n');
    return out;
}

} // namespace syscope::chisel
