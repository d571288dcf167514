// Tests for engine/config/json_reader and engine/config/suggest. Every expected message below is derived
// by hand from the rules in json_reader.hpp, never copied from the program's output.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

#include "engine/config/json_reader.hpp"
#include "engine/config/suggest.hpp"

namespace leverage::config {
namespace {

using nlohmann::json;

// Runs `action` and returns the ConfigError it throws; fails the test if it throws nothing.
template <typename Action>
ConfigError config_error_from(Action&& action) {
  try {
    action();
  } catch (const ConfigError& error) {
    return error;
  }
  FAIL("expected a ConfigError, but nothing was thrown");
  return ConfigError("", "", "", "");
}

json parse(const std::string& text) { return parse_json_text(text, "scenario.json"); }

// A scratch directory for file tests, unique per process, removed at the end of each test.
struct ScratchDirectory {
  ScratchDirectory()
      : path(std::filesystem::temp_directory_path() /
             ("leverage_test_json_reader_" + std::to_string(::getpid()))) {
    std::filesystem::create_directories(path);
  }
  ~ScratchDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
  std::filesystem::path write(const std::string& name, const std::string& contents) const {
    const std::filesystem::path file = path / name;
    std::ofstream(file, std::ios::binary) << contents;
    return file;
  }
  std::filesystem::path path;
};

TEST_CASE("edit_distance is the Levenshtein distance", "[config][suggest]") {
  CHECK(edit_distance("", "") == 0);
  CHECK(edit_distance("", "abc") == 3);  // three insertions
  CHECK(edit_distance("abc", "") == 3);  // three deletions
  CHECK(edit_distance("demand", "demand") == 0);
  CHECK(edit_distance("kitten", "sitting") == 3);  // k->s, e->i, insert g (Levenshtein's textbook example)
  CHECK(edit_distance("demnad", "demand") == 2);   // a swap of "na" -> "an" is two substitutions
  CHECK(edit_distance("flaw", "lawn") == 2);       // delete f, insert n
}

TEST_CASE("closest_match accepts distances up to max(2, size / 3)", "[config][suggest]") {
  const std::vector<std::string> keys = {"supply", "demand", "horizon_weeks"};
  CHECK(closest_match("demnad", keys) == std::optional<std::string>("demand"));  // distance 2 <= max(2, 2)
  CHECK(closest_match("xyz", keys) == std::nullopt);                             // nearest is 6 edits away
  CHECK(closest_match("demand", {}) == std::nullopt);
  // A 9-letter word may be 3 edits away (9 / 3 = 3) but not 4.
  CHECK(closest_match("abcdefghi", {"abcdefxyz"}) == std::optional<std::string>("abcdefxyz"));
  CHECK(closest_match("abcdefghi", {"abcdewxyz"}) == std::nullopt);
  // "bat" and "cap" are both one substitution from "cat": the first listed wins.
  CHECK(closest_match("cat", {"bat", "cap"}) == std::optional<std::string>("bat"));
}

TEST_CASE("ConfigError formats FILE:POINTER: expected ..., found ...", "[config]") {
  const ConfigError error("s.json", "/a/b", "a number", "a string \"x\"");
  CHECK(std::string(error.what()) == "s.json:/a/b: expected a number, found a string \"x\"");
  CHECK(error.file == "s.json");
  CHECK(error.pointer == "/a/b");
  CHECK(error.expected == "a number");
  CHECK(error.found == "a string \"x\"");

  const ConfigError at_root("s.json", "", "valid JSON", "an empty file");
  CHECK(at_root.pointer == "/");
  CHECK(std::string(at_root.what()) == "s.json:/: expected valid JSON, found an empty file");
}

TEST_CASE("escape_pointer_token follows RFC 6901", "[config]") {
  CHECK(escape_pointer_token("plain") == "plain");
  CHECK(escape_pointer_token("teu/week") == "teu~1week");
  CHECK(escape_pointer_token("a~b/c") == "a~0b~1c");
  CHECK(escape_pointer_token("~1") == "~01");  // '~' first, so the '1' stays a literal 1
}

TEST_CASE("malformed JSON reports the line and column of the error", "[config][parse]") {
  SECTION("a doubled comma inside an array") {
    // Line 3 is `  "demand": [1, 2,, 3]`. Columns: spaces 1-2, '"' 3, d 4, e 5, m 6, a 7, n 8, d 9,
    // '"' 10, ':' 11, space 12, '[' 13, '1' 14, ',' 15, space 16, '2' 17, ',' 18, ',' 19. The second
    // comma, at column 19, is where a value should be.
    const std::string text = "{\n  \"horizon_weeks\": 52,\n  \"demand\": [1, 2,, 3]\n}\n";
    const ConfigError error = config_error_from([&] { parse(text); });
    CHECK(error.file == "scenario.json");
    CHECK(error.pointer == "/");
    CHECK(error.expected == "valid JSON");
    CHECK_THAT(error.found, Catch::StartsWith("syntax error at line 3, column 19: "));
    CHECK_THAT(error.found, Catch::Contains("unexpected ','"));
  }
  SECTION("a missing comma between two members") {
    // Line 3 is `  "b": 2`: spaces 1-2, '"' 3, b 4, '"' 5. nlohmann stops after reading the whole
    // unexpected string token, so the reported character is its closing quote, column 5.
    const std::string text = "{\n  \"a\": 1\n  \"b\": 2\n}";
    const ConfigError error = config_error_from([&] { parse(text); });
    CHECK_THAT(error.found, Catch::StartsWith("syntax error at line 3, column 5: "));
  }
  SECTION("columns count characters, not bytes") {
    // `{"név": tru}`: { 1, " 2, n 3, é 4 (two bytes), v 5, " 6, : 7, space 8, t 9, r 10, u 11, } 12.
    // The literal "tru" is found invalid on reading '}', column 12 (its byte offset would say 13).
    const ConfigError error = config_error_from([] { parse("{\"n\xC3\xA9v\": tru}"); });
    CHECK_THAT(error.found, Catch::StartsWith("syntax error at line 1, column 12: "));
    CHECK_THAT(error.found, Catch::Contains("invalid literal"));
  }
  SECTION("an unexpected end of input") {
    // "[1,\n 2": line 2 is " 2" (columns 1-2), so the end of input is at line 2, column 3.
    const ConfigError error = config_error_from([] { parse("[1,\n 2"); });
    CHECK_THAT(error.found, Catch::StartsWith("syntax error at line 2, column 3: "));
    CHECK_THAT(error.found, Catch::Contains("unexpected end of input"));
  }
  SECTION("a number too large for a double") {
    // nlohmann throws out_of_range (no byte offset) for 1e999; the position comes from a second pass.
    // "[1, 2e999]": '[' 1, '1' 2, ',' 3, space 4, then 2e999 in columns 5-9; it is rejected at its end.
    const ConfigError error = config_error_from([] { parse("[1, 2e999]"); });
    CHECK(error.expected == "valid JSON");
    CHECK_THAT(error.found, Catch::StartsWith("an invalid value at line 1, column 9: "));
    CHECK_THAT(error.found, Catch::Contains("2e999"));
  }
  SECTION("trailing text after the document") {
    const ConfigError error = config_error_from([] { parse("{} x"); });
    CHECK_THAT(error.found, Catch::StartsWith("syntax error at line 1, column 4: "));  // 'x' is column 4
  }
}

TEST_CASE("empty and whitespace-only texts are errors", "[config][parse]") {
  const ConfigError empty = config_error_from([] { parse(""); });
  CHECK(std::string(empty.what()) == "scenario.json:/: expected valid JSON, found an empty file");
  const ConfigError blank = config_error_from([] { parse(" \n\t\n"); });
  CHECK(std::string(blank.what()) == "scenario.json:/: expected valid JSON, found only whitespace");
}

TEST_CASE("a key repeated in one object is reported at its pointer", "[config][parse]") {
  SECTION("inside an array element") {
    // actors[1] has "name" twice; nlohmann alone would keep "c" silently.
    const std::string text = R"({"actors": [{"name": "a"}, {"name": "b", "name": "c"}]})";
    const ConfigError error = config_error_from([&] { parse(text); });
    CHECK(std::string(error.what()) ==
          "scenario.json:/actors/1/name: expected each key once, found duplicate key \"name\"");
  }
  SECTION("after a nested array, so indexes must count whole containers") {
    // a[0] is the array [1, 2]; a[1] is the object with "k" twice.
    const ConfigError error = config_error_from([] { parse(R"({"a": [[1, 2], {"k": 1, "k": 2}]})"); });
    CHECK(error.pointer == "/a/1/k");
  }
  SECTION("keys needing escapes") {
    const ConfigError error = config_error_from([] { parse(R"({"teu/week": {"~": 1, "~": 2}})"); });
    CHECK(error.pointer == "/teu~1week/~0");
    CHECK(error.found == "duplicate key \"~\"");
  }
  SECTION("the same key in different objects is fine") {
    const json document = parse(R"({"a": {"x": 1}, "b": {"x": 2}, "c": [{"x": 3}, {"x": 4}]})");
    CHECK(document["c"][1]["x"] == 4);
  }
}

TEST_CASE("parse_json_file reports missing and empty files", "[config][parse]") {
  const ScratchDirectory scratch;
  SECTION("a missing file") {
    const std::filesystem::path missing = scratch.path / "does_not_exist.json";
    const ConfigError error = config_error_from([&] { parse_json_file(missing); });
    CHECK(std::string(error.what()) ==
          missing.string() + ":/: expected a readable JSON file, found no such file");
  }
  SECTION("a directory") {
    const ConfigError error = config_error_from([&] { parse_json_file(scratch.path); });
    CHECK(error.expected == "a readable JSON file");
    CHECK(error.found != "no such file");  // the system's text, e.g. "Is a directory"
    CHECK_FALSE(error.found.empty());
  }
  SECTION("an empty file") {
    const std::filesystem::path empty = scratch.write("empty.json", "");
    const ConfigError error = config_error_from([&] { parse_json_file(empty); });
    CHECK(std::string(error.what()) == empty.string() + ":/: expected valid JSON, found an empty file");
  }
  SECTION("a malformed file carries the file's name") {
    const std::filesystem::path broken = scratch.write("broken.json", "{\n\"a\": }");
    const ConfigError error = config_error_from([&] { parse_json_file(broken); });
    CHECK(error.file == broken.string());
    // Line 2 is `"a": }`: '"' 1, a 2, '"' 3, ':' 4, space 5, '}' 6.
    CHECK_THAT(error.found, Catch::StartsWith("syntax error at line 2, column 6: "));
  }
  SECTION("a good file") {
    const std::filesystem::path good = scratch.write("good.json", R"({"horizon_weeks": 52})");
    CHECK(parse_json_file(good)["horizon_weeks"] == 52);
  }
}

TEST_CASE("describe words a value for the found field", "[config][node]") {
  const json document = parse(R"({"s": "abc", "x": 2.7, "i": -1, "a": [1, 2, 3], "one": [true], "none": [],
      "o": {"k": 1}, "eo": {}, "n": null, "t": true, "f": false})");
  auto describe = [&](const char* key) { return Node(document[key], "f.json").describe(); };
  CHECK(describe("s") == "a string \"abc\"");
  CHECK(describe("x") == "the number 2.7");
  CHECK(describe("i") == "the number -1");
  CHECK(describe("a") == "an array of 3 elements");
  CHECK(describe("one") == "an array of 1 element");
  CHECK(describe("none") == "an empty array");
  CHECK(describe("o") == "an object");
  CHECK(describe("eo") == "an empty object");
  CHECK(describe("n") == "null");
  CHECK(describe("t") == "true");
  CHECK(describe("f") == "false");

  const json long_string = std::string(70, 'a');  // shortened to its first 60 characters
  // Built with append rather than operator+ on a literal: GCC 12's -Warray-bounds misreads the
  // latter's inlined memcpy (a false positive) when the test is compiled with the precompiled header.
  std::string expected = "a string \"";
  expected.append(60, 'a').append("\"...");
  CHECK(Node(long_string, "f.json").describe() == expected);
}

TEST_CASE("unknown keys are reported with a did-you-mean", "[config][object]") {
  const json document = parse(R"({"horizon_weeks": 52, "demnad": 10, "_source": "UNCTAD 2023"})");
  ObjectReader scenario(Node(document, "scenario.json"));
  CHECK(scenario.integer("horizon_weeks", 1, 520) == 52);
  CHECK(scenario.number("demand", 0, 100, 1.5) == 1.5);  // absent: the default, but now a known key
  const ConfigError error = config_error_from([&] { scenario.finish(); });
  CHECK(std::string(error.what()) ==
        "scenario.json:/demnad: expected one of the keys \"horizon_weeks\", \"demand\", "
        "found unknown key \"demnad\" (did you mean \"demand\"?)");
}

TEST_CASE("finish lists at most 12 keys and needs no suggestion", "[config][object]") {
  const json document = parse(R"({"q": 1})");
  ObjectReader reader(Node(document, "s.json"));
  for (int i = 1; i <= 14; ++i) {
    reader.optional((i < 10 ? "k0" : "k") + std::to_string(i));
  }
  const ConfigError error = config_error_from([&] { reader.finish(); });
  CHECK(error.pointer == "/q");
  CHECK(error.expected ==
        "one of the keys \"k01\", \"k02\", \"k03\", \"k04\", \"k05\", \"k06\", \"k07\", \"k08\", \"k09\", "
        "\"k10\", \"k11\", \"k12\", and 2 more");
  CHECK(error.found == "unknown key \"q\"");  // "q" is 3 edits from every "kNN": no suggestion
}

TEST_CASE("finish reports the alphabetically first unknown key; underscore keys are allowed",
          "[config][object]") {
  const json document = parse(R"({"zeta": 1, "alpha": 2, "_comment": "c", "_note": "n"})");
  const ObjectReader reader(Node(document, "s.json"));
  const ConfigError error = config_error_from([&] { reader.finish(); });
  CHECK(error.pointer == "/alpha");
  CHECK(error.expected == "no keys here");

  const json documented = parse(R"({"x": 1, "_source": "s", "_assumption": "a"})");
  ObjectReader documented_reader(Node(documented, "s.json"));
  CHECK(documented_reader.integer("x", 0, 1) == 1);
  CHECK_NOTHROW(documented_reader.finish());
}

TEST_CASE("wrong types are rejected, never converted", "[config][node]") {
  const json document = parse(R"({"demand": "abc", "strict": 1, "name": 7, "share": true})");
  ObjectReader reader(Node(document, "scenario.json"));
  const ConfigError number = config_error_from([&] { reader.number("demand", 0, 100); });
  CHECK(std::string(number.what()) ==
        "scenario.json:/demand: expected a number in [0, 100], found a string \"abc\"");
  const ConfigError boolean = config_error_from([&] { reader.boolean("strict"); });
  CHECK(boolean.expected == "a boolean (true or false)");
  CHECK(boolean.found == "the number 1");
  const ConfigError string = config_error_from([&] { reader.string("name"); });
  CHECK(string.expected == "a string");
  CHECK(string.found == "the number 7");
  const ConfigError share = config_error_from([&] { reader.number("share", 0, 1); });
  CHECK(share.found == "true");
  const ConfigError not_object = config_error_from([&] { ObjectReader(*reader.optional("demand")); });
  CHECK(not_object.pointer == "/demand");
  CHECK(not_object.expected == "an object");
}

TEST_CASE("integers reject floats and out-of-range values", "[config][node]") {
  const json document = parse(R"({"replicates": 2.7, "whole": 3.0, "count": -1, "big": 18446744073709551615,
      "weeks": 11, "ok": 10})");
  ObjectReader reader(Node(document, "scenario.json"));
  const ConfigError fractional = config_error_from([&] { reader.integer("replicates", 1, 1000); });
  CHECK(std::string(fractional.what()) ==
        "scenario.json:/replicates: expected an integer in [1, 1000], found the number 2.7");
  const ConfigError whole_float = config_error_from([&] { reader.integer("whole", 0, 10); });
  CHECK(whole_float.found == "the number 3.0");  // floats are rejected even when whole
  const ConfigError negative = config_error_from([&] { reader.integer("count", 0, 10); });
  CHECK(std::string(negative.what()) ==
        "scenario.json:/count: expected an integer in [0, 10], found the number -1");
  const ConfigError above = config_error_from([&] { reader.integer("weeks", 0, 10); });
  CHECK(above.found == "the number 11");
  // 2^64 - 1 parses as an unsigned integer; it must not wrap to -1.
  const ConfigError huge =
      config_error_from([&] { reader.integer("big", 0, std::numeric_limits<std::int64_t>::max()); });
  CHECK(huge.expected == "an integer >= 0");
  CHECK(huge.found == "the number 18446744073709551615");
  CHECK(reader.integer("ok", 0, 10) == 10);  // bounds are inclusive
}

TEST_CASE("numbers accept integers and floats within the range", "[config][node]") {
  const json document = parse(R"({"share": 1.5, "rate": -0.5, "weeks": 3, "edge": 1})");
  ObjectReader reader(Node(document, "s.json"));
  const ConfigError share = config_error_from([&] { reader.number("share", 0, 1); });
  CHECK(share.expected == "a number in [0, 1]");
  CHECK(share.found == "the number 1.5");
  const ConfigError rate =
      config_error_from([&] { reader.number("rate", 0, std::numeric_limits<double>::infinity()); });
  CHECK(rate.expected == "a number >= 0");
  const ConfigError fraction_bound = config_error_from([&] { reader.number("share", 0, 0.25); });
  CHECK(fraction_bound.expected == "a number in [0, 0.25]");
  CHECK(reader.number("weeks", 0, 10) == 3.0);
  CHECK(reader.number("edge", 0, 1) == 1.0);
  CHECK(reader.number("absent", 0, 1, 0.5) == 0.5);
  CHECK(reader.integer("absent_too", 0, 9, 4) == 4);
  CHECK(reader.boolean("absent_flag", true));
  CHECK(reader.string("absent_name", "baseline") == "baseline");
}

TEST_CASE("a missing required key is reported at its object", "[config][object]") {
  const json document = parse(R"({"market": {"demnad": 5}, "other": {}})");
  ObjectReader root(Node(document, "scenario.json"));
  ObjectReader market(root.required("market"));
  const ConfigError near_miss = config_error_from([&] { market.number("demand", 0, 10); });
  CHECK(std::string(near_miss.what()) ==
        "scenario.json:/market: expected a key \"demand\", found no such key (is \"demnad\" a misspelling?)");
  ObjectReader other(root.required("other"));
  const ConfigError plain = config_error_from([&] { other.required("demand"); });
  CHECK(plain.pointer == "/other");
  CHECK(plain.found == "no such key");
  const ConfigError at_root = config_error_from([&] { root.required("horizon_weeks"); });
  CHECK(at_root.pointer == "/");
}

TEST_CASE("nested values carry their full pointer", "[config][node]") {
  const json document = parse(R"({"actors": [
      {"name": "a", "rule": {"kind": "fixed", "params": {}}},
      {"name": "b", "rule": {"kind": "fixed", "params": {}}},
      {"name": "c", "rule": {"kind": "quantal", "params": {"rationality": "high"}}}]})");
  ObjectReader root(Node(document, "scenario.json"));
  const Node actors = root.required("actors");
  REQUIRE(actors.size() == 3);
  ObjectReader actor(actors.element(2));
  ObjectReader rule(actor.required("rule"));
  ObjectReader params(rule.required("params"));
  const ConfigError error = config_error_from([&] { params.number("rationality", 0, 100); });
  CHECK(std::string(error.what()) ==
        "scenario.json:/actors/2/rule/params/rationality: expected a number in [0, 100], "
        "found a string \"high\"");

  const ConfigError past_end = config_error_from([&] { actors.element(3); });
  CHECK(past_end.pointer == "/actors");
  CHECK(past_end.expected == "an array of at least 4 elements");
  CHECK(past_end.found == "an array of 3 elements");
  const ConfigError not_array = config_error_from([&] { root.node().size(); });
  CHECK(not_array.expected == "an array");
  CHECK(not_array.found == "an object");
}

TEST_CASE("keys containing '/' or '~' are escaped in pointers", "[config][object]") {
  const json document = parse(R"({"rates": {"teu/week": "fast", "a~b": 1}})");
  ObjectReader root(Node(document, "s.json"));
  ObjectReader rates(root.required("rates"));
  const ConfigError slash = config_error_from([&] { rates.number("teu/week", 0, 10); });
  CHECK(slash.pointer == "/rates/teu~1week");
  const ConfigError tilde = config_error_from([&] { rates.finish(); });  // "a~b" was never asked for
  CHECK(tilde.pointer == "/rates/a~0b");
}

TEST_CASE("enums suggest the nearest allowed value", "[config][node]") {
  const json document = parse(R"({"policy": "suspnd_transit", "other": "zzz", "number": 3})");
  ObjectReader reader(Node(document, "scenario.json"));
  const std::vector<std::string> policies = {"none", "suspend_transit", "reroute"};
  const ConfigError near_miss = config_error_from([&] { reader.required("policy").as_enum(policies); });
  CHECK(std::string(near_miss.what()) ==
        "scenario.json:/policy: expected one of \"none\", \"suspend_transit\", \"reroute\", "
        "found \"suspnd_transit\" (did you mean \"suspend_transit\"?)");
  const ConfigError far = config_error_from([&] { reader.required("other").as_enum(policies); });
  CHECK(far.found == "\"zzz\"");
  const ConfigError not_string = config_error_from([&] { reader.required("number").as_enum(policies); });
  CHECK(not_string.found == "the number 3");

  const json good = parse(R"({"policy": "reroute"})");
  CHECK(ObjectReader(Node(good, "s.json")).required("policy").as_enum(policies) == "reroute");
}

TEST_CASE("apply_override sets existing values of the same kind", "[config][override]") {
  json document = parse(R"({"horizon_weeks": 52, "demand": {"base_teu": 1000.5, "label": "x"},
      "actors": [{"name": "a"}], "flags": {"strict": true}, "maybe": null, "a/b": 1})");
  apply_override(document, "--set", "/demand/base_teu=1200");
  CHECK(document["demand"]["base_teu"] == 1200);
  apply_override(document, "--set", "/demand/label=baseline");  // not JSON, so taken as a string
  CHECK(document["demand"]["label"] == "baseline");
  apply_override(document, "--set", "/demand/label=a=b");  // split at the first '='
  CHECK(document["demand"]["label"] == "a=b");
  apply_override(document, "--set", "/demand/label=\"quoted\"");
  CHECK(document["demand"]["label"] == "quoted");
  apply_override(document, "--set", "/actors/0/name=b");
  CHECK(document["actors"][0]["name"] == "b");
  apply_override(document, "--set", "/flags/strict=false");
  CHECK(document["flags"]["strict"] == false);
  apply_override(document, "--set", "/maybe=3");  // null may become anything
  CHECK(document["maybe"] == 3);
  apply_override(document, "--set", "/a~1b=2");
  CHECK(document["a/b"] == 2);
  apply_override(document, "--set", "/actors=[{\"name\": \"c\"}, {\"name\": \"d\"}]");
  CHECK(document["actors"].size() == 2);
}

TEST_CASE("apply_override rejects missing pointers and type changes", "[config][override]") {
  json document = parse(R"({"horizon_weeks": 52, "demand": {"base_teu": 1000.5}, "actors": [{"name": "a"}],
      "flags": {"strict": true}})");
  const json before = document;
  auto override_error = [&](const std::string& assignment) {
    return config_error_from([&] { apply_override(document, "--set", assignment); });
  };

  const ConfigError misspelled = override_error("/demand/base_tue=5");
  CHECK(std::string(misspelled.what()) ==
        "--set:/demand/base_tue: expected a JSON pointer to an existing value, "
        "found no key \"base_tue\" in the object at /demand (did you mean \"base_teu\"?)");
  const ConfigError at_root = override_error("/horizon=5");
  CHECK(at_root.found == "no key \"horizon\" in the object at /");  // 6 insertions from "horizon_weeks"
  const ConfigError past_end = override_error("/actors/3/name=b");
  CHECK(past_end.found == "no element \"3\" in an array of 1 element at /actors");
  const ConfigError leading_zero = override_error("/actors/00/name=b");
  CHECK(leading_zero.found == "no element \"00\" in an array of 1 element at /actors");
  const ConfigError inside_number = override_error("/horizon_weeks/x=3");
  CHECK(inside_number.found == "nothing inside the number 52 at /horizon_weeks");
  const ConfigError relative = override_error("horizon_weeks=3");
  CHECK(relative.found == "\"horizon_weeks\", which does not start with '/'");
  const ConfigError no_equals = override_error("/horizon_weeks");
  CHECK(std::string(no_equals.what()) ==
        "--set:/: expected an override of the form /json/pointer=VALUE, found \"/horizon_weeks\", which has "
        "no '='");

  const ConfigError to_string = override_error("/horizon_weeks=long");
  CHECK(
      std::string(to_string.what()) ==
      "--set:/horizon_weeks: expected a number (the type of the value it replaces), found a string \"long\"");
  const ConfigError to_number = override_error("/flags/strict=1");
  CHECK(to_number.expected == "a boolean (the type of the value it replaces)");
  CHECK(to_number.found == "the number 1");
  const ConfigError to_array = override_error("/demand=[1]");
  CHECK(to_array.expected == "an object (the type of the value it replaces)");
  const ConfigError duplicate = override_error("/demand={\"a\": 1, \"a\": 2}");
  CHECK(duplicate.pointer == "/demand/a");
  CHECK(duplicate.expected == "each key once");

  CHECK(document == before);  // a rejected override changes nothing
}

// The requirement is "never a crash or an uncaught exception": every prefix of a document and every
// single-byte corruption of it must either parse or throw ConfigError, nothing else.
TEST_CASE("damaged texts only ever throw ConfigError", "[config][parse]") {
  const std::string text =
      "{\"actors\": [{\"name\": \"a\\u00e9\", \"share\": 0.5e1}, [true, null, -3]], \"x\": {\"y\": \"z\"}}";
  auto parses_or_reports = [](const std::string& candidate) {
    try {
      parse_json_text(candidate, "fuzz.json");
    } catch (const ConfigError&) {
    }
  };
  for (std::size_t length = 0; length <= text.size(); ++length) {
    CHECK_NOTHROW(parses_or_reports(text.substr(0, length)));
  }
  const std::string replacements = std::string("{}[],:\"0-\\x~") + '\0' + "\xFF\xC3";
  for (std::size_t at = 0; at < text.size(); ++at) {
    for (const char replacement : replacements) {
      std::string damaged = text;
      damaged[at] = replacement;
      CHECK_NOTHROW(parses_or_reports(damaged));
    }
  }
}

}  // namespace
}  // namespace leverage::config
