// A URL query value written as JavaScript's encodeURIComponent writes it:
// ASCII letters, digits and -_.!~*'() as they are, every other byte %XX.
// Launch URLs and the LRS's `more` links both carry values other software
// decodes, so they must agree with what browsers do.
#pragma once

#include <string>
#include <string_view>

namespace trellis {

std::string encode_uri_component(std::string_view value);

}  // namespace trellis
