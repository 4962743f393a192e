// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The chisel FieldSource over the project's field engine (core/fields): field names resolve through
// FieldCatalog, values come from FieldExtractor and reach Lua typed as sysdig's chisel API types them (numbers
// of every width as Lua numbers, text as strings, booleans, IP addresses as text); filters compile with
// filter::FilterCompiler and output formats with fields::OutputFormat.
// Bound to one StateTracker; one per chisel run (not thread-safe, like FieldExtractor).
#include "chisel/field_source.h"
#include "decode/event_renderer.h"
#include "fields/field_extractor.h"

#include <memory>

namespace syscope::chisel {

class CoreFieldSource final : public FieldSource {
public:
    CoreFieldSource(const state::StateTracker& tracker, decode::Compat compat);
    ~CoreFieldSource() override;
    void setCaptureBytes(std::span<const uint8_t> bytes) { m_extractor.setCaptureBytes(bytes); }

    void observe(const ChiselEvent& ev) override;
    void noteFiltered(const ChiselEvent& ev, bool accepted) override;
    void setBufferFormat(decode::BufferFormat format) override;
    Result<std::unique_ptr<Extractor>> field(std::string_view name) override;
    Result<std::unique_ptr<Predicate>> filter(std::string_view text, Stage stage) override;
    Result<std::unique_ptr<Formatter>> formatter(std::string_view format) override;

    // Makes `ev` the event the extractor reads (cheap when it already is).
    fields::FieldExtractor& select(const ChiselEvent& ev);

private:
    decode::EventRenderer m_renderer;
    fields::FieldExtractor m_extractor;
    bool m_sawFirst = false;
    struct Key {
        uint64_t ordinal = UINT64_MAX, offset = 0, tid = 0;
        int64_t fd = 0;
        uint32_t threadVersion = 0;
        uint16_t type = 0;
        const void* raw = nullptr;
        const void* ctx = nullptr;
        bool operator==(const Key&) const = default;
    } m_selected;
};

} // namespace syscope::chisel
