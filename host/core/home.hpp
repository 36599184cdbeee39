// The Trellis home: one folder holding the database, installed plugins, course
// files and temporary work. Everything Trellis stores lives here.
#pragma once

#include <filesystem>

#include "core/result.hpp"

namespace trellis {

class Home {
 public:
  // Creates the folder (0700) and its sub-folders when missing.
  static Result<Home> open(const std::filesystem::path& root);

  const std::filesystem::path& root() const { return root_; }
  std::filesystem::path database() const { return root_ / "trellis.db"; }
  std::filesystem::path plugins() const { return root_ / "plugins"; }
  std::filesystem::path courses() const { return root_ / "courses"; }
  // Same file system as the rest of the home, so finished work is renamed into place.
  std::filesystem::path tmp() const { return root_ / "tmp"; }
  std::filesystem::path logs() const { return root_ / "logs"; }

 private:
  explicit Home(std::filesystem::path root) : root_(std::move(root)) {}
  std::filesystem::path root_;
};

}  // namespace trellis
