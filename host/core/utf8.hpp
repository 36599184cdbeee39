// The one UTF-8 check of the host: shortest forms only, no surrogates, nothing
// past U+10FFFF (RFC 3629).
#pragma once

#include <string_view>

namespace trellis {

bool is_valid_utf8(std::string_view bytes);

}  // namespace trellis
