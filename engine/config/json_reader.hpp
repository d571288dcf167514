// Strict reading of JSON configuration files.
//
// nlohmann/json converts silently: 2.7 read as int gives 2, -1 read as unsigned wraps, and a duplicated
// key keeps its last value. Everything here checks JSON types itself, and every bad input becomes one
// ConfigError whose message is `FILE:/json/pointer: expected ..., found ...`, so the command line can
// print it and exit non-zero. No other exception escapes these functions for bad input.
//
// Typical use:
//   const nlohmann::json document = parse_json_file(path);
//   ObjectReader scenario(Node(document, path.string()));
//   const double weeks = scenario.number("horizon_weeks", 1, 520);
//   ObjectReader demand(scenario.required("demand"));
//   ...
//   demand.finish();    // reports keys never asked for, e.g. a misspelled "demnad"
//   scenario.finish();
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace leverage::config {

// One bad input. `pointer` is an RFC 6901 JSON pointer into the file, except that the whole document is
// written "/" instead of "" so the message never has an empty field (a key "" directly under the root,
// which RFC 6901 also writes "/", is the one ambiguity this leaves).
struct ConfigError : std::runtime_error {
  ConfigError(std::string file, std::string pointer, std::string expected, std::string found);

  std::string file;
  std::string pointer;  // "/" for the whole document
  std::string expected;
  std::string found;
};

// Escapes one reference token for a JSON pointer (RFC 6901 section 3): '~' -> "~0", '/' -> "~1".
std::string escape_pointer_token(std::string_view token);

// Parses `text`, rejecting what nlohmann/json would accept silently. Throws ConfigError (file
// `file_label`) with expected "valid JSON" for an empty text and for a syntax error, whose line and
// column (both 1-based; the column counts UTF-8 characters) are computed from nlohmann's byte offset, and
// with expected "each key once" at the duplicated key's pointer when one object repeats a key.
nlohmann::json parse_json_text(std::string_view text, const std::string& file_label);

// Reads and parses a file; the file label in errors is path.string(). A missing or unreadable file
// throws ConfigError(path, "/", "a readable JSON file", "no such file" or the strerror text).
nlohmann::json parse_json_file(const std::filesystem::path& path);

// A read-only view of one value inside a parsed document, with the file label and the JSON pointer that
// error messages need. It does not own the document: keep the nlohmann::json alive while Nodes exist.
class Node {
 public:
  // The whole document, labelled `file_label` in errors.
  Node(const nlohmann::json& document, std::string file_label);
  Node(const nlohmann::json&& document, std::string file_label) = delete;  // would dangle
  // A value inside a document: `pointer` is its RFC 6901 pointer ("" for the root).
  Node(const nlohmann::json& value, std::shared_ptr<const std::string> file, std::string pointer);
  Node(const nlohmann::json&& value, std::shared_ptr<const std::string> file, std::string pointer) = delete;

  const nlohmann::json& json() const { return *value_; }
  const std::string& pointer() const { return pointer_; }  // RFC 6901: "" for the root
  const std::string& file() const { return *file_; }
  const std::shared_ptr<const std::string>& shared_file() const { return file_; }

  // Throws ConfigError(file(), pointer(), expected, found).
  [[noreturn]] void fail(std::string expected, std::string found) const;

  // What is here, worded for a "found" field: `a string "abc"`, `the number 2.7`, `an array of 3
  // elements`, `an empty array`, `an object`, `null`, `true`. Long strings are shortened.
  std::string describe() const;

  // Strict typed getters. Each throws ConfigError at this node when the type or the range is wrong.
  // A number: integer or float, finite, min <= x <= max. Expected reads "a number in [min, max]"
  // ("a number >= min" or "a number <= max" when the other bound is infinite or the type's limit).
  double as_double(double min, double max) const;
  // An integer written without a decimal point or exponent: 3.0 and 2.7 are both rejected (a float in
  // JSON is a float; accepting 3.0 but not 2.7 would make the rule depend on the value). Expected reads
  // "an integer in [min, max]", with the same one-sided forms as as_double.
  std::int64_t as_int(std::int64_t min, std::int64_t max) const;
  bool as_bool() const;
  std::string as_string() const;
  // A string equal to one of `allowed`; a near miss is reported as
  // found `"suspnd_transit" (did you mean "suspend_transit"?)`.
  std::string as_enum(const std::vector<std::string>& allowed) const;

  bool is_object() const { return value_->is_object(); }
  bool is_array() const { return value_->is_array(); }
  bool is_string() const { return value_->is_string(); }
  bool is_number() const { return value_->is_number(); }
  bool is_null() const { return value_->is_null(); }

  void require_object() const;        // throws "expected an object" unless this is one
  void require_array() const;         // throws "expected an array" unless this is one
  std::size_t size() const;           // number of elements of an array (throws unless this is an array)
  Node element(std::size_t i) const;  // element i of an array; its pointer is pointer() + "/i"

 private:
  const nlohmann::json* value_;
  std::shared_ptr<const std::string> file_;
  std::string pointer_;
};

// Reads one JSON object and reports the keys nobody asked for. The valid keys are exactly those the
// reading code asked for (required/optional or a convenience getter, present or not), so there is no
// second list of valid keys to drift out of date. Call finish() after the last key has been asked for.
// Keys starting with '_' (_source, _assumption, _comment, _note, ...) are documentation, always allowed.
class ObjectReader {
 public:
  // Throws ConfigError "expected an object" unless `object` is one.
  explicit ObjectReader(Node object);

  const Node& node() const { return object_; }

  // A missing required key is reported at the object's pointer (the key itself has no location):
  // expected `a key "demand"`, found `no such key`, or `no such key (is "demnad" a misspelling?)` when a
  // key present but not asked for is a near miss.
  Node required(std::string_view key);
  std::optional<Node> optional(std::string_view key);

  // Convenience getters; without a default the key is required, with one an absent key gives it.
  double number(std::string_view key, double min, double max);
  double number(std::string_view key, double min, double max, double fallback);
  std::int64_t integer(std::string_view key, std::int64_t min, std::int64_t max);
  std::int64_t integer(std::string_view key, std::int64_t min, std::int64_t max, std::int64_t fallback);
  bool boolean(std::string_view key);
  bool boolean(std::string_view key, bool fallback);
  std::string string(std::string_view key);
  std::string string(std::string_view key, std::string fallback);

  // Throws at the first key never asked for, with expected `one of the keys "a", "b", ...` (at most 12
  // listed, in the order asked) and found `unknown key "demnad" (did you mean "demand"?)`. "First" is in
  // nlohmann::json's key order, which is alphabetical: nlohmann::json keeps objects in a std::map, so the
  // order of the file is gone by the time the object is read.
  void finish() const;

 private:
  void note_asked(std::string_view key);

  Node object_;
  std::vector<std::string> asked_keys_;  // in the order first asked, without repeats
};

// Applies a command-line override `--set /json/pointer=VALUE` to `document`. The assignment is split at
// the first '='; the pointer must start with '/' and name an existing value, otherwise ConfigError
// (file_label, pointer, "a JSON pointer to an existing value", ...) says which step is missing, with a
// did-you-mean against the keys of the object that lacks it. VALUE is parsed as JSON and, if that fails,
// taken as a string. The new value must be of the same kind as the old one (number for number, string,
// boolean, array, object), otherwise expected "a <kind> (the type of the value it replaces)". A null
// may be replaced by any value: null marks "not set" and the typed getters check what replaces it.
void apply_override(nlohmann::json& document, const std::string& file_label, std::string_view assignment);

}  // namespace leverage::config
