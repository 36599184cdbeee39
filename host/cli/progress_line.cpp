#include "cli/progress_line.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdio>

#include "core/log_hook.hpp"

namespace trellis::cli {
namespace {

constexpr std::chrono::milliseconds kRedrawEvery{100};

void put(const std::string& bytes) {
  std::fwrite(bytes.data(), 1, bytes.size(), stderr);
  std::fflush(stderr);
}

}  // namespace

ProgressLine::ProgressLine(bool wanted) : drawing_(wanted && ::isatty(STDERR_FILENO) == 1) {
  if (!drawing_) return;
  winsize size{};
  if (::ioctl(STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 1) width_ = size.ws_col;
  log::set_before_line([this] {
    std::lock_guard lock(mutex_);
    erase();
  });
}

ProgressLine::~ProgressLine() {
  if (!drawing_) return;
  log::set_before_line({});
  clear();
}

void ProgressLine::show(std::string_view step, uint64_t done, uint64_t total) {
  if (!drawing_) return;
  std::lock_guard lock(mutex_);
  auto now = std::chrono::steady_clock::now();
  bool news = step != last_step_ || (total > 0 && done >= total) || now - last_draw_ >= kRedrawEvery;
  if (!news) return;
  last_step_ = std::string(step);
  last_draw_ = now;
  std::string text(step);
  if (total > 0)
    text += " " + std::to_string(done) + "/" + std::to_string(total);
  else if (done > 0)
    text += " " + std::to_string(done);
  draw(text);
}

void ProgressLine::draw(const std::string& text) {
  // One column short of the width: writing the last column makes some terminals wrap.
  std::string line = text.substr(0, width_ - 1);
  std::string out = "\r" + line;
  if (line.size() < shown_) out += std::string(shown_ - line.size(), ' ') + "\r" + line;
  shown_ = line.size();
  put(out);
}

void ProgressLine::erase() {
  if (shown_ == 0) return;
  put("\r" + std::string(shown_, ' ') + "\r");
  shown_ = 0;
}

void ProgressLine::clear() {
  if (!drawing_) return;
  std::lock_guard lock(mutex_);
  erase();
  last_step_.clear();
}

ProgressFn ProgressLine::callback() {
  if (!drawing_) return {};
  return [this](std::string_view step, uint64_t done, uint64_t total) { show(step, done, total); };
}

}  // namespace trellis::cli
