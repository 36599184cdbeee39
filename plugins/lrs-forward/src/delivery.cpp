#include "delivery.hpp"

#include <algorithm>
#include <cctype>

namespace trellis::forward {
namespace {

bool mentions_already_exists(const std::string& body) {
  std::string lower(body.size(), ' ');
  std::transform(body.begin(), body.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  return lower.find("already exist") != std::string::npos;
}

// Refusals that belong to one or more statements of the batch, not to the remote.
bool blames_content(int status) { return status == 400 || status == 409 || status == 413; }

void deliver_range(const std::vector<std::string>& statements, size_t begin, size_t end, const Post& post,
                   const Report& report) {
  std::string body = "[";
  for (size_t i = begin; i < end; ++i) {
    if (i > begin) body.push_back(',');
    body += statements[i];
  }
  body.push_back(']');
  PostReply reply = post(body);
  auto all = [&](Fate fate, const std::string& reason) {
    for (size_t i = begin; i < end; ++i) report(i, fate, reason);
  };
  if (reply.status >= 200 && reply.status < 300) return all(Fate::delivered, {});
  if (!blames_content(reply.status)) return all(Fate::retry, reason_of(reply));
  if (end - begin > 1) {
    size_t middle = begin + (end - begin) / 2;
    deliver_range(statements, begin, middle, post, report);
    deliver_range(statements, middle, end, post, report);
    return;
  }
  // One statement: its id is taken (a re-send, or a clash the remote keeps), or it is refused.
  if (reply.status == 409 || mentions_already_exists(reply.body)) return all(Fate::delivered, "already stored");
  all(Fate::refused, reason_of(reply));
}

}  // namespace

void deliver(const std::vector<std::string>& statements, const Post& post, const Report& report) {
  if (!statements.empty()) deliver_range(statements, 0, statements.size(), post, report);
}

std::string reason_of(const PostReply& reply) {
  std::string text = reply.status == 0 ? "no answer: " + reply.body
                                       : "HTTP " + std::to_string(reply.status) + (reply.body.empty() ? "" : ": " + reply.body);
  for (char& c : text)
    if (c == '\n' || c == '\r') c = ' ';
  if (text.size() > 500) text = text.substr(0, 497) + "...";
  return text;
}

}  // namespace trellis::forward
