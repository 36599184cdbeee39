// For the route tests: a fresh home's Runtime and every route its server registers.
#pragma once

#include <catch2/catch.hpp>

#include <memory>

#include "app/runtime.hpp"
#include "http/routes.hpp"
#include "support.hpp"

namespace trellis::testing {

struct RegisteredRoutes {
  TempDir dir;
  std::unique_ptr<Runtime> runtime;
  http::Router router;
  RegisteredRoutes() {
    auto opened = Runtime::open(dir / "home");
    REQUIRE(opened);
    runtime = std::move(opened.value());
    register_all_routes(router, *runtime, nullptr);
  }
};

}  // namespace trellis::testing
