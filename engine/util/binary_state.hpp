#pragma once
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "engine/config/json_reader.hpp"

// The state of a run's accumulators as bytes, for a checkpoint a resumed run continues from (a
// streaming ensemble's Welford sums, counts and quantile sketches). Doubles keep their exact bits, so
// a resumed run continues exactly where the interrupted one stood. The bytes are native-endian: a
// checkpoint is resumed on the machine (or the kind of machine) that wrote it, never archived.
namespace leverage {

class StateWriter {
 public:
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
  const std::string& bytes() const { return bytes_; }

 private:
  void append(const void* data, std::size_t size) { bytes_.append(static_cast<const char*>(data), size); }
  std::string bytes_;
};

// Reads what a StateWriter wrote. Every read is bounds-checked; a short or inconsistent checkpoint
// throws config::ConfigError naming `file`, never reads past the end or reserves a huge vector.
class StateReader {
 public:
  StateReader(std::string_view bytes, std::string file) : bytes_(bytes), file_(std::move(file)) {}
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
    if (count > limit || count > (bytes_.size() - offset_) / sizeof(double)) fail("at most " + std::to_string(limit) + " values");
    std::vector<double> values(static_cast<std::size_t>(count));
    take(values.data(), values.size() * sizeof(double));
    return values;
  }
  std::string text() {
    const std::uint64_t size = u64();
    if (size > bytes_.size() - offset_) fail("a string within the file");
    std::string value(bytes_.substr(offset_, static_cast<std::size_t>(size)));
    offset_ += static_cast<std::size_t>(size);
    return value;
  }
  // Throws unless `value` is what the run expects (a count of columns, a capacity).
  void expect(std::uint64_t found, std::uint64_t expected, const std::string& what) {
    if (found != expected) fail(what + " " + std::to_string(expected) + " (found " + std::to_string(found) + ")");
  }
  bool at_end() const { return offset_ == bytes_.size(); }
  [[noreturn]] void fail(const std::string& expected) const {
    throw config::ConfigError(file_, "byte " + std::to_string(offset_), expected,
                              "a truncated or inconsistent checkpoint; run without --resume to start over");
  }

 private:
  void take(void* out, std::size_t size) {
    if (size > bytes_.size() - offset_) fail(std::to_string(size) + " more bytes");
    std::memcpy(out, bytes_.data() + offset_, size);
    offset_ += size;
  }
  std::string_view bytes_;
  std::string file_;
  std::size_t offset_ = 0;
};

}  // namespace leverage
