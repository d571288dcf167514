#pragma once
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

// Progress of long work on stderr: a bar with rate and ETA on a terminal, a plain line every 10
// seconds otherwise (logs, CI), nothing when quiet.
namespace leverage {

class Progress {
 public:
  Progress(std::string label, std::uint64_t total, bool quiet);
  void update(std::uint64_t done);  // call from one thread
  void finish();

 private:
  std::string label_;
  std::uint64_t total_;
  bool quiet_, terminal_, finished_ = false;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace leverage
