#include "knowledge/connector_driver.hpp"
#include "core/utf8.hpp"
#include "core/hex.hpp"

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

#include "core/log.hpp"
#include "plugins/abi_strings.hpp"

namespace trellis::knowledge {
namespace {

using plugins::to_str;
using Clock = std::chrono::steady_clock;

constexpr size_t kLoggedRefusalsPerCall = 10;

std::atomic<size_t> running_calls{0};

std::mutex syncing_mutex;
std::set<std::string> syncing;  // plugins with a sync in flight, abandoned ones included

// Everything one call touches lives here, shared by the caller and the call's
// thread: the caller may give up and return while the plugin still writes.
struct Call {
  std::string plugin_id;
  size_t max_items = 0;
  bool overflow_is_failure = false;  // sync: a capped sync would skip items for good

  std::mutex mutex;
  std::condition_variable finished_cv;
  bool finished = false;
  bool abandoned = false;
  std::atomic<bool> cancel{false};
  trellis_cancel token{this, [](void* ctx) -> int32_t { return static_cast<Call*>(ctx)->cancel.load() ? 1 : 0; }};
  trellis_item_sink sink{sizeof(trellis_item_sink), this, &Call::add};

  std::vector<plugins::ItemCopy> items;
  size_t refused = 0;
  bool overflowed = false;
  plugins::CollectingSink error{1u << 16};
  plugins::CollectingSink next_cursor{1u << 20};
  trellis_status status = TRELLIS_OK;
  std::string thrown;

  // Inputs, kept alive for as long as the call may read them.
  ConnectorQuery query;
  trellis_search_query raw_query{};
  std::string text_arg;
  ThreadDraft draft;
  trellis_thread_draft raw_draft{};

  static trellis_status add(void* ctx, const trellis_knowledge_item* item) {
    auto* self = static_cast<Call*>(ctx);
    try {
      auto problems = plugins::item_problems(item);
      std::lock_guard lock(self->mutex);
      if (self->abandoned) return TRELLIS_ERR_LIMIT;  // too late: nobody is listening
      if (!problems.empty()) {
        if (self->refused++ < kLoggedRefusalsPerCall) {
          std::string ref = item != nullptr ? printable(plugins::to_view(item->ref)) : std::string("?");
          log::warn("connector", "plugin '" + self->plugin_id + "': item '" + ref + "' refused: " + problems.front());
        }
        return TRELLIS_ERR_INVALID_INPUT;
      }
      if (self->items.size() >= self->max_items) {
        self->overflowed = true;
        return TRELLIS_ERR_LIMIT;
      }
      self->items.push_back(plugins::copy_item(*item));
      return TRELLIS_OK;
    } catch (...) {
      return TRELLIS_ERR_INTERNAL;
    }
  }
};

std::string status_name(trellis_status s) {
  switch (s) {
    case TRELLIS_ERR_INVALID_ARGUMENT: return "INVALID_ARGUMENT";
    case TRELLIS_ERR_INVALID_INPUT: return "INVALID_INPUT";
    case TRELLIS_ERR_NOT_FOUND: return "NOT_FOUND";
    case TRELLIS_ERR_UNSUPPORTED: return "UNSUPPORTED";
    case TRELLIS_ERR_IO: return "IO";
    case TRELLIS_ERR_CANCELLED: return "CANCELLED";
    case TRELLIS_ERR_INTERNAL: return "INTERNAL";
    case TRELLIS_ERR_LIMIT: return "LIMIT";
    case TRELLIS_ERR_REMOTE: return "REMOTE";
    default: return "status " + std::to_string(s);
  }
}

using Body = std::function<trellis_status(Call&)>;

std::shared_ptr<Call> start(std::shared_ptr<Call> call, Body body, std::function<void()> after = {}) {
  ++running_calls;
  std::thread([call, body = std::move(body), after = std::move(after)] {
    trellis_status st = TRELLIS_OK;
    std::string thrown;
    try {
      st = body(*call);
    } catch (...) {
      st = TRELLIS_ERR_INTERNAL;
      thrown = "an exception crossed the ABI boundary";
    }
    {
      std::lock_guard lock(call->mutex);
      call->status = st;
      call->thrown = std::move(thrown);
      call->finished = true;
    }
    call->finished_cv.notify_all();
    if (after) after();
    --running_calls;
  }).detach();
  return call;
}

CallOutcome finish(Call& call, Clock::time_point started, Clock::time_point deadline, const DriverOptions& options) {
  CallOutcome out;
  out.plugin_id = call.plugin_id;
  std::unique_lock lock(call.mutex);
  bool stopping = false;
  while (!call.finished) {
    stopping = options.stop != nullptr && options.stop->load();
    if (stopping) break;  // shutting down waits for nobody
    auto now = Clock::now();
    if (now >= deadline) break;
    call.finished_cv.wait_for(lock, std::min<Clock::duration>(deadline - now, std::chrono::milliseconds(50)));
  }
  out.elapsed_ms = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
  if (!call.finished) {
    call.abandoned = true;
    call.cancel = true;
    out.status = stopping ? CallStatus::cancelled : CallStatus::timed_out;
    out.error = stopping ? "plugin '" + call.plugin_id + "': the call was cancelled because the host is stopping"
                         : "plugin '" + call.plugin_id + "' did not answer within " + std::to_string(options.deadline.count()) +
                " ms (connector.timeout_ms or, for a sync, connector.sync_timeout_ms); the call was cancelled and anything it sends later is discarded";
    log::warn("connector", out.error);
    return out;
  }
  out.refused = call.refused;
  std::string why = printable(call.error.str(), 500);
  if (!call.thrown.empty()) why = call.thrown;
  if (call.status == TRELLIS_OK && call.overflowed && call.overflow_is_failure) {
    out.status = CallStatus::failed;
    out.error = "plugin '" + call.plugin_id + "' sent more than " + std::to_string(call.max_items) +
                " items in one sync (connector.max_sync_items); nothing was applied";
  } else if (call.status == TRELLIS_OK || (call.status == TRELLIS_ERR_LIMIT && call.overflowed && !call.overflow_is_failure)) {
    out.status = CallStatus::ok;
    out.items = std::move(call.items);
    out.next_cursor = call.next_cursor.take();
  } else if (call.status == TRELLIS_ERR_CANCELLED) {
    out.status = CallStatus::cancelled;
    out.error = "plugin '" + call.plugin_id + "': the call was cancelled";
  } else if (call.status == TRELLIS_ERR_UNSUPPORTED) {
    out.status = CallStatus::unsupported;
    out.error = "plugin '" + call.plugin_id + "' does not support this call" + (why.empty() ? "" : ": " + why);
  } else {
    out.status = CallStatus::failed;
    out.error = "plugin '" + call.plugin_id + "' failed (" + status_name(call.status) + ")" +
                (why.empty() ? "" : ": " + why);
  }
  if (out.status != CallStatus::ok) log::warn("connector", out.error);
  return out;
}

std::shared_ptr<Call> new_call(const ConnectorRef& c, size_t max_items) {
  auto call = std::make_shared<Call>();
  call->plugin_id = c.plugin->id;
  call->max_items = max_items;
  return call;
}

CallOutcome not_offered(const ConnectorRef& c, const char* what) {
  CallOutcome out;
  out.plugin_id = c.plugin->id;
  out.status = CallStatus::unsupported;
  out.error = "plugin '" + c.plugin->id + "' does not offer " + what;
  return out;
}

bool has_1_1(const ConnectorRef& c) { return TRELLIS_HAS_FIELD(c.table, trellis_connector_v1, post); }

}  // namespace

const ConnectorRef* find_connector(const std::vector<ConnectorRef>& connectors, std::string_view plugin_id) {
  for (const auto& c : connectors)
    if (c.plugin->id == plugin_id) return &c;
  return nullptr;
}

DriverOptions driver_options(const KnowledgeSettings& s, const std::atomic<bool>* stop) {
  return DriverOptions{s.connector_timeout, s.sync_timeout, s.max_sync_items, stop};
}

std::string_view to_string(CallStatus s) {
  switch (s) {
    case CallStatus::ok: return "ok";
    case CallStatus::failed: return "failed";
    case CallStatus::timed_out: return "timed out";
    case CallStatus::cancelled: return "cancelled";
    case CallStatus::unsupported: return "unsupported";
    case CallStatus::busy: return "busy";
  }
  return "failed";
}

std::string printable(std::string_view s, size_t max) {
  std::string out;
  size_t i = 0;
  while (i < s.size() && out.size() < max) {
    auto c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (len > 1 && i + len <= s.size() && is_valid_utf8(s.substr(i, len))) {
      out.append(s.substr(i, len));
      i += len;
      continue;
    }
    if (c >= 0x20 && c < 0x7f) {
      out.push_back(static_cast<char>(c));
    } else {
      out += hex_escape(static_cast<unsigned char>(c));
    }
    ++i;
  }
  if (i < s.size()) out += "…";
  return out;
}

std::vector<CallOutcome> ConnectorDriver::search_all(const std::vector<ConnectorRef>& connectors,
                                                     const ConnectorQuery& query) const {
  auto started = Clock::now();
  auto deadline = started + options_.deadline;
  std::vector<std::shared_ptr<Call>> calls;
  for (const auto& c : connectors) {
    auto call = new_call(c, query.max_results);
    call->query = query;
    auto& q = call->raw_query;
    q.struct_size = sizeof q;
    q.course_id = to_str(call->query.course_id);
    q.module_id = to_str(call->query.module_id);
    q.title = to_str(call->query.title);
    q.description = to_str(call->query.description);
    q.keywords = to_str(call->query.keywords);
    q.language = to_str(call->query.language);
    q.max_results = query.max_results;
    q.text = to_str(call->query.text);
    q.objectives = to_str(call->query.objectives);
    q.kinds = query.kinds;
    auto table = c.table;
    auto state = c.state;
    calls.push_back(start(call, [table, state](Call& k) {
      return table->search(state, &k.raw_query, &k.sink, &k.token, k.error.get());
    }));
  }
  std::vector<CallOutcome> out;
  for (auto& call : calls) out.push_back(finish(*call, started, deadline, options_));
  return out;
}

CallOutcome ConnectorDriver::fetch(const ConnectorRef& c, std::string_view ref) const {
  if (!has_1_1(c) || c.table->fetch == nullptr) return not_offered(c, "fetch");
  auto started = Clock::now();
  auto call = new_call(c, 1);
  call->text_arg = std::string(ref);
  auto table = c.table;
  auto state = c.state;
  start(call, [table, state](Call& k) {
    return table->fetch(state, to_str(k.text_arg), &k.sink, &k.token, k.error.get());
  });
  return finish(*call, started, started + options_.deadline, options_);
}

CallOutcome ConnectorDriver::post(const ConnectorRef& c, const ThreadDraft& draft) const {
  if (!has_1_1(c) || c.table->post == nullptr) return not_offered(c, "post (its source is read-only)");
  auto started = Clock::now();
  auto call = new_call(c, 1);
  call->draft = draft;
  auto& d = call->raw_draft;
  d.struct_size = sizeof d;
  d.course_id = to_str(call->draft.course_id);
  d.module_id = to_str(call->draft.module_id);
  d.title = to_str(call->draft.title);
  d.body = to_str(call->draft.body);
  d.author = to_str(call->draft.author);
  d.tags = to_str(call->draft.tags);
  auto table = c.table;
  auto state = c.state;
  start(call, [table, state](Call& k) {
    return table->post(state, &k.raw_draft, &k.sink, &k.token, k.error.get());
  });
  return finish(*call, started, started + options_.deadline, options_);
}

CallOutcome ConnectorDriver::sync(const ConnectorRef& c, std::string_view cursor) const {
  if (!has_1_1(c) || c.table->sync == nullptr) return not_offered(c, "sync");
  {
    std::lock_guard lock(syncing_mutex);
    if (!syncing.insert(c.plugin->id).second) {
      CallOutcome out;
      out.plugin_id = c.plugin->id;
      out.status = CallStatus::busy;
      out.error = "plugin '" + c.plugin->id + "' is still busy with an earlier sync (abandoned after its deadline)";
      return out;
    }
  }
  auto started = Clock::now();
  auto call = new_call(c, options_.max_sync_items);
  call->overflow_is_failure = true;
  call->text_arg = std::string(cursor);
  auto table = c.table;
  auto state = c.state;
  std::string id = c.plugin->id;
  start(
      call,
      [table, state](Call& k) {
        return table->sync(state, to_str(k.text_arg), &k.sink, k.next_cursor.get(), &k.token, k.error.get());
      },
      [id] {
        std::lock_guard lock(syncing_mutex);
        syncing.erase(id);
      });
  DriverOptions for_sync = options_;
  for_sync.deadline = options_.sync_deadline;
  auto out = finish(*call, started, started + for_sync.deadline, for_sync);
  if (out.status == CallStatus::ok && !is_valid_utf8(out.next_cursor)) {
    out.status = CallStatus::failed;
    out.error = "plugin '" + out.plugin_id + "' wrote a next cursor that is not valid UTF-8; nothing was applied";
    out.items.clear();
    log::warn("connector", out.error);
  }
  return out;
}

size_t ConnectorDriver::wait_for_abandoned(std::chrono::milliseconds grace) {
  auto until = Clock::now() + grace;
  while (running_calls.load() > 0 && Clock::now() < until) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  return running_calls.load();
}

}  // namespace trellis::knowledge
