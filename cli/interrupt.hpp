#pragma once
#include <signal.h>

#include <csignal>

// SIGINT for long commands (`leverage sweep`, `leverage ensemble`): while a StopOnInterrupt lives,
// Ctrl-C sets a flag the run checks between units of work (blocks, chunks) instead of killing the
// process, so the run stops after saving what is complete and exits 130; --resume continues it.
namespace leverage::cli {

class StopOnInterrupt {
 public:
  StopOnInterrupt() {
    requested() = 0;
    struct sigaction action = {};
    action.sa_handler = &StopOnInterrupt::handle;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &previous_);
  }
  ~StopOnInterrupt() { sigaction(SIGINT, &previous_, nullptr); }
  StopOnInterrupt(const StopOnInterrupt&) = delete;
  StopOnInterrupt& operator=(const StopOnInterrupt&) = delete;
  const volatile std::sig_atomic_t* flag() const { return &requested(); }

 private:
  static volatile std::sig_atomic_t& requested() {
    static volatile std::sig_atomic_t flag = 0;
    return flag;
  }
  static void handle(int) { requested() = 1; }
  struct sigaction previous_ = {};
};

}  // namespace leverage::cli
