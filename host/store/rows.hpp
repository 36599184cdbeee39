// Reading a prepared query's rows into values, the same way in every domain's
// data-access layer: `read` turns the current row into a T.
#pragma once

#include <optional>
#include <vector>

#include "core/result.hpp"
#include "store/database.hpp"

namespace trellis::store {

template <typename T>
Result<std::vector<T>> all_rows(Statement& st, T (*read)(const Statement&)) {
  std::vector<T> out;
  for (;;) {
    auto row = st.step();
    if (!row) return row.error();
    if (!row.value()) return out;
    out.push_back(read(st));
  }
}

// The first row only; nullopt when the query has none.
template <typename T>
Result<std::optional<T>> first_row(Statement& st, T (*read)(const Statement&)) {
  auto row = st.step();
  if (!row) return row.error();
  if (!row.value()) return std::optional<T>{};
  return std::optional<T>{read(st)};
}

}  // namespace trellis::store
