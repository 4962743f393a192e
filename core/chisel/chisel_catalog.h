// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Where chisels are found and what they say about themselves: the search path (first directory holding a
// name wins), the listing `-cl` prints and the description `-i NAME` prints, both laid out as sysdig 0.29.3
// lays them out. The stock chisels are found where sysdig installed them; nothing is copied. Immutable after
// construction; thread-safe.
#include "base/result.h"
#include "chisel/chisel_info.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace syscope::chisel {

class ChiselCatalog {
public:
    // Directories in search order; a trailing '/' is added where missing. Missing directories are skipped.
    explicit ChiselCatalog(std::vector<std::string> dirs);
    // ./chisels, the installed chisels dirs, ~/.config/syscope/chisels, each of $SYSDIG_CHISEL_DIR (';'-separated),
    // /usr/share/sysdig/chisels.
    static std::vector<std::string> defaultSearchPath(const std::vector<std::string>& installedDirs);

    const std::vector<std::string>& dirs() const { return m_dirs; }
    // The script for `name`: NAME.lua in the first directory that has it, else NAME as a file name there.
    std::optional<std::string> find(std::string_view name) const;
    // Every chisel and view in the search path that loads, has its globals and is not hidden; the first
    // directory holding a name wins. Sorted by category, then name.
    std::vector<ChiselInfo> list() const;
    // The description of one listed chisel (or view); an error when there is none by that name.
    Result<ChiselInfo> info(std::string_view name) const;

    // `sysdig -cl`: chisels grouped by category; views are left out.
    static std::string formatList(const std::vector<ChiselInfo>& chisels, bool verbose = true);
    // `sysdig -i NAME`.
    static std::string formatInfo(const ChiselInfo& info);

private:
    std::vector<std::string> m_dirs;
};

} // namespace syscope::chisel
