#pragma once
// Bounded reading and writing of the fields of a replay archive (Boost.Serialization text archive).
//
// Boost's own loaders trust the file: a std::string or std::vector reads its count and resizes to it,
// so a corrupted count of 99999999999 asks for gigabytes, and a double written as `nan` cannot be read
// back (Boost 1.74). Every field of a replay therefore goes through these functions instead:
//   - counts are read, checked against a cap, and only then used to reserve;
//   - text is a byte count (capped) followed by the bytes packed eight to a 64-bit word;
//   - doubles must be finite on both sides;
//   - an optional value is a presence flag (0 or 1) followed by the value when present.
// A violation throws ArchiveFieldError; the replay reader turns it into a ReplayError naming the file.
#include <cmath>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace leverage::replay {

struct ArchiveFieldError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Reads an element count and checks it against `cap` before anyone allocates for it.
template <class Archive>
std::size_t load_count(Archive& ar, std::size_t cap, const char* what) {
  std::uint64_t count = 0;
  ar >> count;
  if (count > cap)
    throw ArchiveFieldError(std::string(what) + ": count " + std::to_string(count) + " exceeds the limit of " +
                            std::to_string(cap));
  return static_cast<std::size_t>(count);
}

template <class Archive>
void save_count(Archive& ar, std::size_t count, std::size_t cap, const char* what) {
  if (count > cap)
    throw ArchiveFieldError(std::string(what) + ": " + std::to_string(count) + " elements exceed the limit of " +
                            std::to_string(cap));
  const std::uint64_t stored = count;
  ar << stored;
}

// A sequence: its count (capped), then each element with `ar << element` / `ar >> element`.
// The vector's allocator is a parameter so tests can watch what the loader reserves.
template <class Archive, class T, class Allocator>
void save_sequence(Archive& ar, const std::vector<T, Allocator>& values, std::size_t cap, const char* what) {
  save_count(ar, values.size(), cap, what);
  for (const T& value : values) ar << value;
}

template <class Archive, class T, class Allocator>
void load_sequence(Archive& ar, std::vector<T, Allocator>& values, std::size_t cap, const char* what) {
  const std::size_t count = load_count(ar, cap, what);
  values.clear();
  values.reserve(count);
  for (std::size_t k = 0; k < count; ++k) {
    T value{};
    ar >> value;
    values.push_back(std::move(value));
  }
}

// Text: the byte count, then ceil(count / 8) words, byte k of the text in bits 8*(k%8) of word k/8.
// Packing keeps a 25 KB scenario to about 3,200 numbers in the text archive; the unused high bytes of
// the last word must be zero, so a text has exactly one encoding.
template <class Archive>
void save_text(Archive& ar, const std::string& text, std::size_t cap, const char* what) {
  save_count(ar, text.size(), cap, what);
  for (std::size_t start = 0; start < text.size(); start += 8) {
    std::uint64_t word = 0;
    for (std::size_t k = 0; k < 8 && start + k < text.size(); ++k)
      word |= static_cast<std::uint64_t>(static_cast<unsigned char>(text[start + k])) << (8 * k);
    ar << word;
  }
}

template <class Archive>
void load_text(Archive& ar, std::string& text, std::size_t cap, const char* what) {
  const std::size_t size = load_count(ar, cap, what);
  text.clear();
  text.reserve(size);
  for (std::size_t start = 0; start < size; start += 8) {
    std::uint64_t word = 0;
    ar >> word;
    const std::size_t used = size - start < 8 ? size - start : 8;
    for (std::size_t k = 0; k < used; ++k) text.push_back(static_cast<char>((word >> (8 * k)) & 0xffu));
    if (used < 8 && (word >> (8 * used)) != 0)
      throw ArchiveFieldError(std::string(what) + ": padding bytes of the last word are not zero");
  }
}

template <class Archive>
void save_finite(Archive& ar, double value, const char* what) {
  if (!std::isfinite(value)) throw ArchiveFieldError(std::string(what) + ": cannot record a non-finite number");
  ar << value;
}

template <class Archive>
double load_finite(Archive& ar, const char* what) {
  double value = 0;
  ar >> value;
  if (!std::isfinite(value)) throw ArchiveFieldError(std::string(what) + ": not a finite number");
  return value;
}

// An integer in [min, max], stored as a signed 64-bit number.
template <class Archive>
std::int64_t load_integer(Archive& ar, std::int64_t min, std::int64_t max, const char* what) {
  std::int64_t value = 0;
  ar >> value;
  if (value < min || value > max)
    throw ArchiveFieldError(std::string(what) + ": " + std::to_string(value) + " is outside [" + std::to_string(min) +
                            ", " + std::to_string(max) + "]");
  return value;
}

template <class Archive>
void save_optional_integer(Archive& ar, const std::optional<std::int64_t>& value) {
  const std::uint32_t present = value ? 1 : 0;
  ar << present;
  if (value) {
    const std::int64_t stored = *value;
    ar << stored;
  }
}

template <class Archive>
std::optional<std::int64_t> load_optional_integer(Archive& ar, std::int64_t min, std::int64_t max, const char* what) {
  std::uint32_t present = 0;
  ar >> present;
  if (present > 1) throw ArchiveFieldError(std::string(what) + ": presence flag " + std::to_string(present) + " is not 0 or 1");
  if (present == 0) return std::nullopt;
  return load_integer(ar, min, max, what);
}

}  // namespace leverage::replay
