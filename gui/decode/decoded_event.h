// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Everything the decode pane shows for one event: its tree and a copy of its block's bytes. A value; handed
// from EventDecoder to the tree model and the bytes view.
#include "decode/decode_node.h"

#include <QByteArray>

#include <cstdint>
#include <memory>

namespace syscope::gui {

struct DecodedEvent {
    uint64_t ordinal = 0;
    uint64_t blockOffset = 0; // file offset of the block; DecodeNode ranges are relative to it
    QByteArray bytes;         // the whole block: framing, header, lengths, parameters, trailer
    std::shared_ptr<DecodeNode> root;
};

} // namespace syscope::gui
