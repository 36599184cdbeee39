// Random ids for rows the host creates ("crs_", "mod_", "thr_", "pst_" ...).
#pragma once

#include <string>

namespace trellis {

// 64 random bits in hex after `prefix`: unique, not secret.
std::string new_id(const char* prefix);

}  // namespace trellis
