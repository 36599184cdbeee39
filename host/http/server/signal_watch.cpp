#include <pthread.h>
#include <signal.h>

#include <thread>

#include "http/server/server.hpp"

namespace trellis::http {

struct SignalWatch::State {
  sigset_t set{};
  std::thread thread;
};

SignalWatch::SignalWatch(std::function<void(int)> on_signal) : state_(std::make_unique<State>()) {
  sigemptyset(&state_->set);
  sigaddset(&state_->set, SIGINT);
  sigaddset(&state_->set, SIGTERM);
  sigaddset(&state_->set, SIGUSR1);  // used by the destructor to wake the waiter
  pthread_sigmask(SIG_BLOCK, &state_->set, nullptr);
  state_->thread = std::thread([set = state_->set, on_signal = std::move(on_signal)] {
    while (true) {
      int sig = 0;
      if (sigwait(&set, &sig) != 0) continue;
      if (sig == SIGUSR1) return;
      on_signal(sig);
    }
  });
}

SignalWatch::~SignalWatch() {
  pthread_kill(state_->thread.native_handle(), SIGUSR1);
  state_->thread.join();
}

}  // namespace trellis::http
