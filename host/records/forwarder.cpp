#include "records/forwarder.hpp"

#include <algorithm>

#include "xapi/timestamp.hpp"
#include "records/export_store.hpp"
#include "records/outbox_store.hpp"
#include "plugins/abi_strings.hpp"

namespace trellis::records {
namespace {

using Exporter = plugins::Capability<trellis_exporter_v1>;

constexpr int64_t kSecond = 1000000;

// What a plugin may say about a failure: a message, never a document.
constexpr size_t kMessageCap = 64 * 1024;

struct Outcome {
  trellis_status status = TRELLIS_ERR_REMOTE;  // unreported records are retried
  std::string reason = "the exporter reported no outcome";
};



Result<Exporter> find_forwarder(plugins::PluginManager& plugins) {
  for (const auto& e : plugins.exporters())
    if (std::string_view(e.table->format) == "lrs-forward") return e;
  return make_error(ErrorKind::environment, "the lrs-forward exporter plugin is not loaded");
}

// One open session of the plugin for one destination.
class Session {
 public:
  static Result<std::unique_ptr<Session>> open(const Exporter& exporter, const std::string& destination) {
    auto s = std::unique_ptr<Session>(new Session(exporter));
    trellis_export_options options{};
    options.struct_size = sizeof options;
    options.destination = to_str(destination);
    plugins::CollectingSink sink(kMessageCap);
    if (exporter.table->open(exporter.state, &options, &s->session_, sink.get()) != TRELLIS_OK) {
      s->session_ = nullptr;
      return make_error(ErrorKind::invalid_input, "destination '" + destination + "': " + sink.str());
    }
    return s;
  }
  ~Session() {
    if (!session_) return;
    plugins::CollectingSink sink(kMessageCap);
    exporter_.table->close(session_, sink.get());
  }

  // Every record's outcome; a failed call leaves them all "retry".
  std::vector<Outcome> send(const std::vector<StoredStatement>& statements) {
    std::vector<trellis_record> batch;
    for (const auto& s : statements)
      batch.push_back({sizeof(trellis_record), to_str(s.id), to_str(s.statement), to_str(s.stored)});
    std::vector<Outcome> outcomes(statements.size());
    trellis_record_outcome_sink sink{sizeof(trellis_record_outcome_sink), &outcomes,
                                     [](void* ctx, size_t i, trellis_status st, trellis_str reason) {
                                       auto& all = *static_cast<std::vector<Outcome>*>(ctx);
                                       if (i < all.size()) all[i] = {st, std::string(reason.data, reason.size)};
                                     }};
    plugins::CollectingSink error_sink(kMessageCap);
    trellis_cancel cancel{nullptr, [](void*) -> int32_t { return 0; }};
    if (exporter_.table->write_batch(session_, batch.data(), batch.size(), &sink, &cancel, error_sink.get()) != TRELLIS_OK)
      for (auto& o : outcomes) o = {TRELLIS_ERR_REMOTE, error_sink.str().empty() ? "the exporter failed" : error_sink.str()};
    return outcomes;
  }

 private:
  explicit Session(Exporter exporter) : exporter_(exporter) {}
  Exporter exporter_;
  void* session_ = nullptr;
};

bool all_retry(const std::vector<Outcome>& outcomes) {
  return !outcomes.empty() && std::all_of(outcomes.begin(), outcomes.end(), [](const Outcome& o) {
           return o.status != TRELLIS_OK && o.status != TRELLIS_ERR_INVALID_INPUT;
         });
}

// Records a silent destination: nothing moved, try again later.
Status back_off(store::Database& db, DestinationState& state, const std::string& reason, int64_t now) {
  state.failures += 1;
  state.next_attempt = now + destination_backoff(state.failures);
  state.last_error = reason;
  return save_destination_state(db, state);
}

// Applies one batch's outcomes to the outbox; `previous` holds the items the
// statements came from (empty for new statements).
Status settle(store::Database& db, const std::string& destination, const std::vector<StoredStatement>& statements,
              const std::vector<Outcome>& outcomes, const std::vector<OutboxItem>& previous, int64_t now,
              ForwardSummary& summary) {
  for (size_t i = 0; i < statements.size(); ++i) {
    const auto& s = statements[i];
    const Outcome& o = outcomes[i];
    if (o.status == TRELLIS_OK) {
      ++summary.delivered;
      if (!previous.empty()) TRELLIS_TRY(remove_item(db, destination, s.seq));
      continue;
    }
    OutboxItem item{destination, s.seq, s.id, "pending", previous.empty() ? 0 : previous[i].attempts, 0, o.reason, {}};
    item.attempts += 1;
    if (o.status == TRELLIS_ERR_INVALID_INPUT) {
      item.state = "parked";
      ++summary.parked;
    } else {
      item.next_attempt = now + item_backoff(item.attempts);
      ++summary.pending;
    }
    TRELLIS_TRY(put_item(db, item));
  }
  return {};
}

// Re-sends due outbox items. Returns false when the destination is silent.
Result<bool> retry_due(store::Database& db, Session& session, DestinationState& state, const ForwardOptions& options,
                       ForwardSummary& summary) {
  while (!(options.stop && options.stop())) {
    int64_t now = xapi::now_micros();
    auto due = due_items(db, state.name, now, options.batch_size);
    if (!due) return due.error();
    if (due->empty()) return true;
    std::vector<StoredStatement> statements;
    std::vector<OutboxItem> items;
    for (const auto& item : *due) {
      auto s = find_statement_by_seq(db, item.seq);
      if (!s) return s.error();
      if (!*s) {
        TRELLIS_TRY(remove_item(db, state.name, item.seq));  // erased since (learner forget)
        continue;
      }
      statements.push_back(std::move(**s));
      items.push_back(item);
    }
    if (statements.empty()) continue;
    auto outcomes = session.send(statements);
    if (all_retry(outcomes)) {
      TRELLIS_TRY(back_off(db, state, outcomes.front().reason, now));
      return false;
    }
    auto tx = store::Transaction::begin(db);
    if (!tx) return tx.error();
    TRELLIS_TRY(settle(db, state.name, statements, outcomes, items, now, summary));
    TRELLIS_TRY(tx->commit());
  }
  return true;
}

}  // namespace

int64_t destination_backoff(int64_t failures) {
  int64_t delay = 5 * kSecond;
  for (int64_t i = 1; i < failures && delay < 3600 * kSecond; ++i) delay *= 2;
  return std::min(delay, 3600 * kSecond);
}

int64_t item_backoff(int64_t attempts) {
  int64_t delay = 30 * kSecond;
  for (int64_t i = 1; i < attempts && delay < 6 * 3600 * kSecond; ++i) delay *= 2;
  return std::min(delay, 6 * 3600 * kSecond);
}

Result<ForwardSummary> forward_destination(store::Database& db, plugins::PluginManager& plugins,
                                           const std::string& name, const ForwardOptions& options) {
  auto found = find_destination_state(db, name);
  if (!found) return found.error();
  if (!*found) return make_error(ErrorKind::not_found, "no destination named '" + name + "'");
  DestinationState state = **found;
  ForwardSummary summary{name, 0, 0, 0, state.cursor_seq, false, {}};
  if (!options.ignore_backoff && state.next_attempt > xapi::now_micros()) {
    summary.backing_off = true;
    summary.error = state.last_error;
    return summary;
  }
  auto exporter = find_forwarder(plugins);
  if (!exporter) return exporter.error();
  auto session = Session::open(*exporter, name);
  if (!session) {
    state.last_error = session.error().message;
    TRELLIS_TRY(save_destination_state(db, state));
    return session.error();
  }

  auto answered = retry_due(db, **session, state, options, summary);
  if (!answered) return answered.error();
  auto up_to = last_statement_seq(db);
  if (!up_to) return up_to.error();
  // Every statement stored up to now, in stored order, voided ones included.
  StatementFilter window;
  window.through_seq = *up_to;
  while (*answered && !(options.stop && options.stop())) {
    window.after_seq = state.cursor_seq;
    auto page = export_page(db, window, options.batch_size);
    if (!page) return page.error();
    if (page->empty()) break;
    int64_t now = xapi::now_micros();
    auto outcomes = (*session)->send(*page);
    if (all_retry(outcomes)) {
      TRELLIS_TRY(back_off(db, state, outcomes.front().reason, now));
      *answered = false;
      break;
    }
    auto tx = store::Transaction::begin(db);
    if (!tx) return tx.error();
    TRELLIS_TRY(settle(db, name, *page, outcomes, {}, now, summary));
    state.cursor_seq = page->back().seq;
    state.failures = 0;
    state.next_attempt = 0;
    state.last_error.clear();
    TRELLIS_TRY(save_destination_state(db, state));
    TRELLIS_TRY(tx->commit());
  }
  if (*answered) {
    state.failures = 0;
    state.next_attempt = 0;
    state.last_error.clear();
    TRELLIS_TRY(save_destination_state(db, state));
  }
  summary.backing_off = !*answered;
  summary.error = state.last_error;
  summary.cursor = state.cursor_seq;
  return summary;
}

Result<std::vector<ForwardSummary>> forward_all(store::Database& db, plugins::PluginManager& plugins,
                                                const ForwardOptions& options) {
  auto destinations = list_destination_states(db);
  if (!destinations) return destinations.error();
  std::vector<ForwardSummary> out;
  for (const auto& d : *destinations) {
    if (options.stop && options.stop()) break;
    auto s = forward_destination(db, plugins, d.name, options);
    if (!s) {
      // One misconfigured destination must not hold up the others.
      out.push_back({d.name, 0, 0, 0, d.cursor_seq, false, s.error().message});
      continue;
    }
    out.push_back(std::move(*s));
  }
  return out;
}

}  // namespace trellis::records
