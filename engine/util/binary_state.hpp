#pragma once
#include <cstdint>
#include <cstring>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

#include "engine/config/json_reader.hpp"
#include "engine/util/atomic_file.hpp"

// The state of a run's accumulators as bytes, for a checkpoint a resumed run continues from (a
// streaming ensemble's Welford sums, counts and quantile sketches). Doubles keep their exact bits, so
// a resumed run continues exactly where the interrupted one stood. The bytes are native-endian: a
// checkpoint is resumed on the machine (or the kind of machine) that wrote it, never archived. Both
// sides stream: a checkpoint of a million-replicate ensemble (tens of MB of sketches) is never held
// in memory beside the state it copies.
namespace leverage {

class StateWriter {
 public:
  // Into `sink` through a small buffer (flush() at the end), or, without a sink, into bytes().
  explicit StateWriter(AtomicWriter* sink = nullptr) : sink_(sink) {}
  void u64(std::uint64_t value) { append(&value, sizeof value); }
  void f64(double value) { append(&value, sizeof value); }
  void doubles(const std::vector<double>& values) {
    u64(values.size());
    append(values.data(), values.size() * sizeof(double));
  }
  void text(std::string_view value) {
    u64(value.size());
    append(value.data(), value.size());
  }
  void flush() {
    if (sink_) sink_->write(bytes_);
    if (sink_) bytes_.clear();
  }
  const std::string& bytes() const { return bytes_; }

 private:
  void append(const void* data, std::size_t size) {
    bytes_.append(static_cast<const char*>(data), size);
    if (sink_ && bytes_.size() >= (std::size_t{1} << 16)) flush();
  }
  AtomicWriter* sink_;
  std::string bytes_;
};

// Reads what a StateWriter wrote, from `in` holding `size` bytes. Every read is bounds-checked; a
// short or inconsistent checkpoint throws config::ConfigError naming `file`, never reads past the end
// or reserves a huge vector.
class StateReader {
 public:
  StateReader(std::istream& in, std::uint64_t size, std::string file) : in_(in), left_(size), file_(std::move(file)) {}
  std::uint64_t u64() {
    std::uint64_t value;
    take(&value, sizeof value);
    return value;
  }
  double f64() {
    double value;
    take(&value, sizeof value);
    return value;
  }
  // A vector of at most `limit` values.
  std::vector<double> doubles(std::uint64_t limit) {
    const std::uint64_t count = u64();
    if (count > limit || count > left_ / sizeof(double)) fail("at most " + std::to_string(limit) + " values");
    std::vector<double> values(static_cast<std::size_t>(count));
    take(values.data(), values.size() * sizeof(double));
    return values;
  }
  std::string text() {
    const std::uint64_t size = u64();
    if (size > left_ || size > 4096) fail("a short string");
    std::string value(static_cast<std::size_t>(size), '\0');
    take(value.data(), value.size());
    return value;
  }
  // Throws unless `found` is what the run expects (a count of columns, a capacity).
  void expect(std::uint64_t found, std::uint64_t expected, const std::string& what) {
    if (found != expected) fail(what + " " + std::to_string(expected) + " (found " + std::to_string(found) + ")");
  }
  bool at_end() const { return left_ == 0; }
  [[noreturn]] void fail(const std::string& expected) const {
    throw config::ConfigError(file_, std::to_string(left_) + " bytes before the end", expected,
                              "a truncated or inconsistent checkpoint; run without --resume to start over");
  }

 private:
  void take(void* out, std::size_t size) {
    if (size > left_) fail(std::to_string(size) + " more bytes");
    in_.read(static_cast<char*>(out), static_cast<std::streamsize>(size));
    if (static_cast<std::size_t>(in_.gcount()) != size) fail(std::to_string(size) + " more bytes");
    left_ -= size;
  }
  std::istream& in_;
  std::uint64_t left_;
  std::string file_;
};

}  // namespace leverage
