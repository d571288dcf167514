#include "engine/util/progress.hpp"

#include <unistd.h>

#include <cmath>

namespace leverage {

namespace {
std::string clock_text(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) return "--:--";
  const long s = static_cast<long>(seconds + 0.5);
  char text[32];
  if (s >= 3600)
    std::snprintf(text, sizeof text, "%ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
  else
    std::snprintf(text, sizeof text, "%02ld:%02ld", s / 60, s % 60);
  return text;
}
}  // namespace

Progress::Progress(std::string label, std::uint64_t total, bool quiet)
    : label_(std::move(label)),
      total_(total),
      quiet_(quiet),
      terminal_(isatty(STDERR_FILENO) == 1),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

void Progress::update(std::uint64_t done) {
  if (quiet_ || finished_) return;
  const auto now = std::chrono::steady_clock::now();
  const double since_last = std::chrono::duration<double>(now - last_).count();
  if (terminal_ ? since_last < 0.1 && done < total_ : since_last < 10.0) return;
  last_ = now;
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  const double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0.0;
  const double eta = rate > 0 ? static_cast<double>(total_ - done) / rate : NAN;
  const double share = total_ ? static_cast<double>(done) / static_cast<double>(total_) : 1.0;
  if (terminal_) {
    constexpr int width = 30;
    const int filled = static_cast<int>(share * width);
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.append(static_cast<std::size_t>(width - filled), '.');
    std::fprintf(stderr, "\r%s [%s] %3.0f%% %llu/%llu  %.0f/s  ETA %s ", label_.c_str(), bar.c_str(), share * 100,
                 static_cast<unsigned long long>(done), static_cast<unsigned long long>(total_), rate,
                 clock_text(eta).c_str());
  } else {
    std::fprintf(stderr, "%s: %llu/%llu (%.0f%%), %.0f/s, ETA %s\n", label_.c_str(), static_cast<unsigned long long>(done),
                 static_cast<unsigned long long>(total_), share * 100, rate, clock_text(eta).c_str());
  }
  std::fflush(stderr);
}

void Progress::finish() {
  if (quiet_ || finished_) return;
  finished_ = true;
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  if (terminal_) std::fprintf(stderr, "\r\033[K");
  std::fprintf(stderr, "%s: %llu done in %s\n", label_.c_str(), static_cast<unsigned long long>(total_),
               clock_text(elapsed).c_str());
}

}  // namespace leverage
