#include "engine/config/json_reader.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <functional>
#include <limits>
#include <set>
#include <system_error>
#include <utility>

#include "engine/config/suggest.hpp"

namespace leverage::config {
namespace {

using Json = nlohmann::json;

constexpr std::string_view kExpectedValidJson = "valid JSON";
constexpr std::string_view kExpectedEachKeyOnce = "each key once";
constexpr std::string_view kExpectedExistingValue = "a JSON pointer to an existing value";
constexpr std::size_t kMaxListedNames = 12;
constexpr std::size_t kMaxDescribedStringBytes = 60;

// RFC 6901 has no pointer for "the whole document" other than "", which reads badly after "FILE:".
std::string display_pointer(std::string pointer) { return pointer.empty() ? "/" : pointer; }

// A JSON string literal for `text`, escaped the way the user would write it. Invalid UTF-8 (never
// produced by the parser, but possible in a hand-built document) is replaced rather than thrown on.
std::string quote(std::string_view text) {
  return Json(std::string(text)).dump(-1, ' ', false, Json::error_handler_t::replace);
}

bool is_utf8_continuation(char byte) { return (static_cast<unsigned char>(byte) & 0xC0) == 0x80; }

std::string did_you_mean(const std::optional<std::string>& suggestion) {
  return suggestion ? " (did you mean " + quote(*suggestion) + "?)" : "";
}

// `"a", "b", "c"`, or the first kMaxListedNames followed by ", and N more".
std::string quoted_list(const std::vector<std::string>& names) {
  std::string list;
  for (std::size_t i = 0; i < names.size() && i < kMaxListedNames; ++i) {
    if (i > 0) list += ", ";
    list += quote(names[i]);
  }
  if (names.size() > kMaxListedNames)
    list += ", and " + std::to_string(names.size() - kMaxListedNames) + " more";
  return list;
}

std::string describe_json(const Json& value) {
  switch (value.type()) {
    case Json::value_t::null:
      return "null";
    case Json::value_t::boolean:
      return value.get<bool>() ? "true" : "false";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
      return "the number " + value.dump();
    case Json::value_t::number_float:
      // dump() writes NaN and infinities as null; only a hand-built document can hold them.
      return std::isfinite(value.get<double>()) ? "the number " + value.dump()
                                                : "a number that is not finite";
    case Json::value_t::string: {
      const auto& text = value.get_ref<const std::string&>();
      if (text.size() <= kMaxDescribedStringBytes) return "a string " + quote(text);
      std::size_t cut = kMaxDescribedStringBytes;
      while (cut > 0 && is_utf8_continuation(text[cut])) --cut;  // keep whole UTF-8 characters
      return "a string " + quote(std::string_view(text).substr(0, cut)) + "...";
    }
    case Json::value_t::array:
      if (value.empty()) return "an empty array";
      return "an array of " + std::to_string(value.size()) + (value.size() == 1 ? " element" : " elements");
    case Json::value_t::object:
      return value.empty() ? "an empty object" : "an object";
    case Json::value_t::binary:
      return "binary data";
    case Json::value_t::discarded:
      break;
  }
  return "nothing";
}

// The kind of value an override must keep, worded for "expected".
std::string kind_of(const Json& value) {
  if (value.is_number()) return "a number";
  if (value.is_string()) return "a string";
  if (value.is_boolean()) return "a boolean";
  if (value.is_array()) return "an array";
  if (value.is_object()) return "an object";
  if (value.is_null()) return "null";
  return "a value";
}

// Integral bounds print without a decimal point ("[0, 1]", not "[0.0, 1.0]"); others shortest round-trip.
std::string format_bound(double bound) {
  if (bound == std::floor(bound) && std::fabs(bound) < 1e15) {
    return std::to_string(static_cast<long long>(bound));
  }
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, bound);
  return std::string(buffer, result.ptr);
}

// "a number in [0, 1]", "a number >= 0", "a number <= 1" or "a number", as the bounds are finite or not.
std::string range_text(const std::string& what, bool has_min, const std::string& min, bool has_max,
                       const std::string& max) {
  if (has_min && has_max) return what + " in [" + min + ", " + max + "]";
  if (has_min) return what + " >= " + min;
  if (has_max) return what + " <= " + max;
  return what;
}

std::string double_range_text(double min, double max) {
  const bool has_min = std::isfinite(min) && min != std::numeric_limits<double>::lowest();
  const bool has_max = std::isfinite(max) && max != std::numeric_limits<double>::max();
  return range_text("a number", has_min, format_bound(min), has_max, format_bound(max));
}

std::string integer_range_text(std::int64_t min, std::int64_t max) {
  return range_text("an integer", min != std::numeric_limits<std::int64_t>::min(), std::to_string(min),
                    max != std::numeric_limits<std::int64_t>::max(), std::to_string(max));
}

// ---- Parsing ----------------------------------------------------------------------------------------

struct TextPosition {
  std::size_t line;
  std::size_t column;
};

// Line and column (1-based) of the byte at `offset` (0-based; text.size() means "at the end"). Columns
// count UTF-8 characters, as an editor does, and a UTF-8 byte order mark is not a column.
TextPosition locate(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  const std::string_view before = text.substr(0, offset);
  const std::size_t line = 1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
  const std::size_t last_newline = before.rfind('\n');
  std::size_t line_start = last_newline == std::string_view::npos ? 0 : last_newline + 1;
  if (line_start == 0 && before.substr(0, 3) == "\xEF\xBB\xBF") line_start = 3;
  std::size_t column = 1;
  for (std::size_t i = line_start; i < offset; ++i) {
    if (!is_utf8_continuation(text[i])) ++column;
  }
  return {line, column};
}

// nlohmann's messages read "[json.exception.parse_error.101] parse error at line 3, column 5: syntax error
// while parsing object - unexpected string literal; expected '}'". Keep what follows the position (and
// drop a leading "syntax error ", which the caller writes itself).
std::string short_reason(const std::string& message) {
  std::string reason = message;
  const std::size_t bracket = reason.find("] ");
  if (bracket != std::string::npos) reason = reason.substr(bracket + 2);
  if (reason.rfind("parse error", 0) == 0) {
    const std::size_t colon = reason.find(": ");
    if (colon != std::string::npos) reason = reason.substr(colon + 2);
  }
  constexpr std::string_view kSyntaxError = "syntax error ";
  if (reason.rfind(kSyntaxError, 0) == 0) reason = reason.substr(kSyntaxError.size());
  return reason;
}

// A SAX handler that only records where parsing failed. nlohmann reports some errors (a number too large
// for a double, out_of_range.406) as exceptions without a byte offset; a second, SAX pass finds it.
struct ErrorLocator {
  std::size_t position = 0;

  bool null() { return true; }
  bool boolean(bool) { return true; }
  bool number_integer(Json::number_integer_t) { return true; }
  bool number_unsigned(Json::number_unsigned_t) { return true; }
  bool number_float(Json::number_float_t, const Json::string_t&) { return true; }
  bool string(Json::string_t&) { return true; }
  bool binary(Json::binary_t&) { return true; }
  bool start_object(std::size_t) { return true; }
  bool key(Json::string_t&) { return true; }
  bool end_object() { return true; }
  bool start_array(std::size_t) { return true; }
  bool end_array() { return true; }
  bool parse_error(std::size_t error_position, const std::string&, const Json::exception&) {
    position = error_position;
    return false;
  }
};

// Tracks where the parser is, to report a duplicated key at its pointer. nlohmann's DOM parser keeps the
// last of two equal keys without a word; its callback sees each key as it is read.
class DuplicateKeyDetector {
 public:
  explicit DuplicateKeyDetector(const std::string& file_label) : file_label_(file_label) {}

  bool operator()(int /*depth*/, Json::parse_event_t event, Json& parsed) {
    switch (event) {
      case Json::parse_event_t::object_start:
        frames_.push_back(Frame{true, {}, {}, 0});
        break;
      case Json::parse_event_t::array_start:
        frames_.push_back(Frame{false, {}, {}, 0});
        break;
      case Json::parse_event_t::key: {
        Frame& frame = frames_.back();
        const auto& key = parsed.get_ref<const std::string&>();
        if (!frame.keys.insert(key).second) {
          throw ConfigError(file_label_, parent_pointer() + "/" + escape_pointer_token(key),
                            std::string(kExpectedEachKeyOnce), "duplicate key " + quote(key));
        }
        frame.current_key = key;
        break;
      }
      case Json::parse_event_t::object_end:
      case Json::parse_event_t::array_end:
        frames_.pop_back();
        finish_value();
        break;
      case Json::parse_event_t::value:
        finish_value();
        break;
    }
    return true;  // keep everything
  }

 private:
  struct Frame {
    bool is_object;
    std::set<std::string> keys;  // keys seen so far in this object
    std::string current_key;     // object: the key whose value is being read
    std::size_t index;           // array: the index of the element being read
  };

  // A value just ended; in an array the next one has the next index.
  void finish_value() {
    if (!frames_.empty() && !frames_.back().is_object) ++frames_.back().index;
  }

  // Pointer of the object on top of the stack.
  std::string parent_pointer() const {
    std::string pointer;
    for (std::size_t i = 0; i + 1 < frames_.size(); ++i) {
      const Frame& frame = frames_[i];
      pointer +=
          "/" + (frame.is_object ? escape_pointer_token(frame.current_key) : std::to_string(frame.index));
    }
    return pointer;
  }

  const std::string& file_label_;
  std::vector<Frame> frames_;
};

bool is_json_whitespace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

ConfigError::ConfigError(std::string file_in, std::string pointer_in, std::string expected_in,
                         std::string found_in)
    : std::runtime_error(file_in + ":" + display_pointer(pointer_in) + ": expected " + expected_in +
                         ", found " + found_in),
      file(std::move(file_in)),
      pointer(display_pointer(std::move(pointer_in))),
      expected(std::move(expected_in)),
      found(std::move(found_in)) {}

std::string escape_pointer_token(std::string_view token) {
  std::string escaped;
  escaped.reserve(token.size());
  for (const char c : token) {
    if (c == '~') {
      escaped += "~0";
    } else if (c == '/') {
      escaped += "~1";
    } else {
      escaped += c;
    }
  }
  return escaped;
}

Json parse_json_text(std::string_view text, const std::string& file_label) {
  if (text.empty()) throw ConfigError(file_label, "/", std::string(kExpectedValidJson), "an empty file");
  if (std::all_of(text.begin(), text.end(), is_json_whitespace)) {
    throw ConfigError(file_label, "/", std::string(kExpectedValidJson), "only whitespace");
  }
  DuplicateKeyDetector detector(file_label);
  try {
    return Json::parse(text.begin(), text.end(), std::ref(detector), /*allow_exceptions=*/true,
                       /*ignore_comments=*/false);
  } catch (const Json::parse_error& error) {
    // error.byte counts the bytes read including the one that failed (text.size() + 1 at the end).
    const TextPosition at = locate(text, error.byte == 0 ? 0 : error.byte - 1);
    throw ConfigError(file_label, "/", std::string(kExpectedValidJson),
                      "syntax error at line " + std::to_string(at.line) + ", column " +
                          std::to_string(at.column) + ": " + short_reason(error.what()));
  } catch (const Json::exception& error) {
    ErrorLocator locator;
    Json::sax_parse(text.begin(), text.end(), &locator);
    const TextPosition at = locate(text, locator.position == 0 ? 0 : locator.position - 1);
    throw ConfigError(file_label, "/", std::string(kExpectedValidJson),
                      "an invalid value at line " + std::to_string(at.line) + ", column " +
                          std::to_string(at.column) + ": " + short_reason(error.what()));
  }
}

Json parse_json_file(const std::filesystem::path& path) {
  const std::string label = path.string();
  auto fail = [&label](int error_number) {
    throw ConfigError(
        label, "/", "a readable JSON file",
        error_number == ENOENT ? "no such file" : std::generic_category().message(error_number));
  };
  errno = 0;
  const std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) fail(errno);
  std::string text;
  char buffer[1 << 16];
  std::size_t count = 0;
  while ((count = std::fread(buffer, 1, sizeof buffer, file.get())) > 0) text.append(buffer, count);
  if (std::ferror(file.get())) fail(errno);  // e.g. EISDIR: fopen succeeds on a directory, fread fails
  return parse_json_text(text, label);
}

// ---- Node ----------------------------------------------------------------------------------------------

Node::Node(const Json& document, std::string file_label)
    : value_(&document), file_(std::make_shared<const std::string>(std::move(file_label))) {}

Node::Node(const Json& value, std::shared_ptr<const std::string> file, std::string pointer)
    : value_(&value), file_(std::move(file)), pointer_(std::move(pointer)) {}

void Node::fail(std::string expected, std::string found) const {
  throw ConfigError(*file_, pointer_, std::move(expected), std::move(found));
}

std::string Node::describe() const { return describe_json(*value_); }

double Node::as_double(double min, double max) const {
  if (!value_->is_number()) fail(double_range_text(min, max), describe());
  const double number = value_->get<double>();
  if (!std::isfinite(number) || number < min || number > max) fail(double_range_text(min, max), describe());
  return number;
}

std::int64_t Node::as_int(std::int64_t min, std::int64_t max) const {
  // is_number_integer() is true for signed and unsigned integers, false for floats such as 2.7 or 3.0.
  if (!value_->is_number_integer()) fail(integer_range_text(min, max), describe());
  if (value_->is_number_unsigned()) {
    const auto number = value_->get<std::uint64_t>();
    if (number > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      fail(integer_range_text(min, max), describe());
    }
  }
  const auto number = value_->get<std::int64_t>();
  if (number < min || number > max) fail(integer_range_text(min, max), describe());
  return number;
}

bool Node::as_bool() const {
  if (!value_->is_boolean()) fail("a boolean (true or false)", describe());
  return value_->get<bool>();
}

std::string Node::as_string() const {
  if (!value_->is_string()) fail("a string", describe());
  return value_->get<std::string>();
}

std::string Node::as_enum(const std::vector<std::string>& allowed) const {
  const std::string expected = "one of " + quoted_list(allowed);
  if (!value_->is_string()) fail(expected, describe());
  const auto& text = value_->get_ref<const std::string&>();
  if (std::find(allowed.begin(), allowed.end(), text) == allowed.end()) {
    fail(expected, quote(text) + did_you_mean(closest_match(text, allowed)));
  }
  return text;
}

void Node::require_object() const {
  if (!value_->is_object()) fail("an object", describe());
}

void Node::require_array() const {
  if (!value_->is_array()) fail("an array", describe());
}

std::size_t Node::size() const {
  require_array();
  return value_->size();
}

Node Node::element(std::size_t i) const {
  require_array();
  if (i >= value_->size()) {
    fail("an array of at least " + std::to_string(i + 1) + (i == 0 ? " element" : " elements"), describe());
  }
  return Node((*value_)[i], file_, pointer_ + "/" + std::to_string(i));
}

// ---- ObjectReader --------------------------------------------------------------------------------------

ObjectReader::ObjectReader(Node object) : object_(std::move(object)) { object_.require_object(); }

void ObjectReader::note_asked(std::string_view key) {
  if (std::find(asked_keys_.begin(), asked_keys_.end(), key) == asked_keys_.end()) {
    asked_keys_.emplace_back(key);
  }
}

std::optional<Node> ObjectReader::optional(std::string_view key) {
  note_asked(key);
  const Json& object = object_.json();
  const auto found = object.find(std::string(key));
  if (found == object.end()) return std::nullopt;
  return Node(*found, object_.shared_file(), object_.pointer() + "/" + escape_pointer_token(key));
}

Node ObjectReader::required(std::string_view key) {
  if (std::optional<Node> value = optional(key)) return *value;
  // A present key nobody asked for that is close to the missing one is probably the same key misspelled.
  std::vector<std::string> unclaimed;
  for (auto it = object_.json().begin(); it != object_.json().end(); ++it) {
    const std::string& present = it.key();
    if (present.rfind('_', 0) == 0) continue;
    if (std::find(asked_keys_.begin(), asked_keys_.end(), present) != asked_keys_.end()) continue;
    unclaimed.push_back(present);
  }
  const std::optional<std::string> near_miss = closest_match(key, unclaimed);
  object_.fail("a key " + quote(key),
               near_miss ? "no such key (is " + quote(*near_miss) + " a misspelling?)" : "no such key");
}

double ObjectReader::number(std::string_view key, double min, double max) {
  return required(key).as_double(min, max);
}

double ObjectReader::number(std::string_view key, double min, double max, double fallback) {
  const std::optional<Node> value = optional(key);
  return value ? value->as_double(min, max) : fallback;
}

std::int64_t ObjectReader::integer(std::string_view key, std::int64_t min, std::int64_t max) {
  return required(key).as_int(min, max);
}

std::int64_t ObjectReader::integer(std::string_view key, std::int64_t min, std::int64_t max,
                                   std::int64_t fallback) {
  const std::optional<Node> value = optional(key);
  return value ? value->as_int(min, max) : fallback;
}

bool ObjectReader::boolean(std::string_view key) { return required(key).as_bool(); }

bool ObjectReader::boolean(std::string_view key, bool fallback) {
  const std::optional<Node> value = optional(key);
  return value ? value->as_bool() : fallback;
}

std::string ObjectReader::string(std::string_view key) { return required(key).as_string(); }

std::string ObjectReader::string(std::string_view key, std::string fallback) {
  const std::optional<Node> value = optional(key);
  return value ? value->as_string() : fallback;
}

void ObjectReader::finish() const {
  for (auto it = object_.json().begin(); it != object_.json().end(); ++it) {
    const std::string& key = it.key();
    if (key.rfind('_', 0) == 0) continue;  // documentation: _source, _assumption, _comment, _note
    if (std::find(asked_keys_.begin(), asked_keys_.end(), key) != asked_keys_.end()) continue;
    throw ConfigError(object_.file(), object_.pointer() + "/" + escape_pointer_token(key),
                      asked_keys_.empty() ? "no keys here" : "one of the keys " + quoted_list(asked_keys_),
                      "unknown key " + quote(key) + did_you_mean(closest_match(key, asked_keys_)));
  }
}

// ---- Overrides ----------------------------------------------------------------------------------------

void apply_override(Json& document, const std::string& file_label, std::string_view assignment) {
  const std::size_t equals = assignment.find('=');
  if (equals == std::string_view::npos) {
    throw ConfigError(file_label, "/", "an override of the form /json/pointer=VALUE",
                      quote(assignment) + ", which has no '='");
  }
  const std::string pointer(assignment.substr(0, equals));
  const std::string_view value_text = assignment.substr(equals + 1);
  auto fail_pointer = [&](std::string found) {
    throw ConfigError(file_label, pointer, std::string(kExpectedExistingValue), std::move(found));
  };
  if (pointer.empty()) fail_pointer("an empty pointer (the whole document cannot be replaced)");
  if (pointer.front() != '/') fail_pointer(quote(pointer) + ", which does not start with '/'");

  Json* target = &document;
  std::string walked;  // pointer of *target
  std::size_t token_start = 1;
  while (true) {
    const std::size_t token_end = std::min(pointer.find('/', token_start), pointer.size());
    const std::string_view raw_token = std::string_view(pointer).substr(token_start, token_end - token_start);
    std::string token;
    for (std::size_t i = 0; i < raw_token.size(); ++i) {
      if (raw_token[i] != '~') {
        token += raw_token[i];
      } else if (i + 1 < raw_token.size() && (raw_token[i + 1] == '0' || raw_token[i + 1] == '1')) {
        token += raw_token[++i] == '0' ? '~' : '/';
      } else {
        fail_pointer("the invalid escape in " + quote(raw_token) + " (write '~' as ~0 and '/' as ~1)");
      }
    }
    if (target->is_object()) {
      const auto found = target->find(token);
      if (found == target->end()) {
        std::vector<std::string> keys;
        for (auto it = target->begin(); it != target->end(); ++it) keys.push_back(it.key());
        fail_pointer("no key " + quote(token) + " in the object at " + display_pointer(walked) +
                     did_you_mean(closest_match(token, keys)));
      }
      target = &*found;
    } else if (target->is_array()) {
      // RFC 6901 section 4: an index is "0" or digits without a leading zero; "-" (past the end) names
      // no existing value.
      const bool well_formed =
          !token.empty() && token.size() < 19 &&
          std::all_of(token.begin(), token.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
          (token.size() == 1 || token.front() != '0');
      const std::size_t index = well_formed ? std::stoull(token) : 0;
      if (!well_formed || index >= target->size()) {
        fail_pointer("no element " + quote(token) + " in " + describe_json(*target) + " at " +
                     display_pointer(walked));
      }
      target = &(*target)[index];
    } else {
      fail_pointer("nothing inside " + describe_json(*target) + " at " + display_pointer(walked));
    }
    walked += "/" + escape_pointer_token(token);
    if (token_end == pointer.size()) break;
    token_start = token_end + 1;
  }

  Json replacement;
  try {
    replacement = parse_json_text(value_text, file_label);
  } catch (const ConfigError& error) {
    // A repeated key inside VALUE is an error, reported inside the target; anything else that does not
    // parse is a plain string (so --set /name=baseline needs no quotes).
    if (error.expected == kExpectedEachKeyOnce) {
      throw ConfigError(file_label, walked + error.pointer, error.expected, error.found);
    }
    replacement = std::string(value_text);
  }
  if (!target->is_null() && kind_of(*target) != kind_of(replacement)) {
    throw ConfigError(file_label, walked, kind_of(*target) + " (the type of the value it replaces)",
                      describe_json(replacement));
  }
  *target = std::move(replacement);
}

}  // namespace leverage::config
