#include <stdlib.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "engine/util/atomic_file.hpp"

namespace leverage {
namespace {

namespace fs = std::filesystem;

// A fresh, empty directory for one test, removed with everything in it afterwards.
struct ScratchDirectory {
  ScratchDirectory() {
    std::string pattern = (fs::temp_directory_path() / "leverage-atomic-file-XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    path = pattern;
  }
  ~ScratchDirectory() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
  ScratchDirectory(const ScratchDirectory&) = delete;
  ScratchDirectory& operator=(const ScratchDirectory&) = delete;

  std::vector<std::string> entry_names() const {
    std::vector<std::string> names;
    for (const fs::directory_entry& entry : fs::directory_iterator(path)) {
      names.push_back(entry.path().filename().string());
    }
    return names;
  }

  fs::path path;
};

std::string read_whole_file(const fs::path& path) {
  std::ifstream stream(path, std::ios::binary);
  REQUIRE(stream.good());
  return std::string(std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>());
}

TEST_CASE("write_file_atomic creates and replaces a file, leaving no temporary file", "[atomic_file]") {
  ScratchDirectory scratch;
  const fs::path target = scratch.path / "summary.csv";

  write_file_atomic(target, "a,b\n1,2\n");
  CHECK(read_whole_file(target) == "a,b\n1,2\n");

  write_file_atomic(target, "replaced\n");
  CHECK(read_whole_file(target) == "replaced\n");

  write_file_atomic(scratch.path / "empty.txt", "");
  CHECK(read_whole_file(scratch.path / "empty.txt").empty());

  std::vector<std::string> names = scratch.entry_names();
  std::sort(names.begin(), names.end());
  CHECK(names == std::vector<std::string>{"empty.txt", "summary.csv"});
}

TEST_CASE("AtomicWriter's file appears only after commit", "[atomic_file]") {
  ScratchDirectory scratch;
  const fs::path target = scratch.path / "replicates.csv";

  AtomicWriter writer(target);
  writer.write("index,welfare\n");
  writer.write("0,1.5\n");
  CHECK_FALSE(fs::exists(target));

  writer.commit();
  CHECK(read_whole_file(target) == "index,welfare\n0,1.5\n");
  CHECK(scratch.entry_names() == std::vector<std::string>{"replicates.csv"});
}

TEST_CASE("AtomicWriter streams outputs larger than its buffer intact", "[atomic_file]") {
  ScratchDirectory scratch;
  const fs::path target = scratch.path / "large.bin";

  // About 3.5 MiB in chunks of varied sizes, including one bigger than the 1 MiB buffer, so that the
  // buffered path, the flush path and the direct-write path are all taken.
  std::string expected;
  AtomicWriter writer(target);
  for (std::size_t chunk_index = 0; chunk_index < 40; ++chunk_index) {
    const std::size_t chunk_size = chunk_index == 17 ? (std::size_t{3} << 19) : 7919 * (chunk_index + 1);
    const std::string chunk(chunk_size, static_cast<char>('a' + chunk_index % 26));
    writer.write(chunk);
    expected += chunk;
  }
  writer.commit();
  CHECK(read_whole_file(target) == expected);
}

TEST_CASE("an uncommitted AtomicWriter leaves neither the file nor a temporary file", "[atomic_file]") {
  ScratchDirectory scratch;
  const fs::path target = scratch.path / "aborted.csv";
  {
    AtomicWriter writer(target);
    writer.write(std::string(3 << 20, 'z'));     // large enough that bytes already reached the disk
    CHECK_FALSE(scratch.entry_names().empty());  // the temporary file exists while writing
  }
  CHECK_FALSE(fs::exists(target));
  CHECK(scratch.entry_names().empty());
}

TEST_CASE("a moved AtomicWriter hands over its file", "[atomic_file]") {
  ScratchDirectory scratch;
  const fs::path target = scratch.path / "moved.txt";

  AtomicWriter original(target);
  original.write("hello ");
  AtomicWriter moved(std::move(original));
  moved.write("world");
  CHECK_THROWS_AS(original.write("x"), std::logic_error);  // NOLINT(bugprone-use-after-move): on purpose
  moved.commit();
  CHECK(read_whole_file(target) == "hello world");
  CHECK_THROWS_AS(moved.commit(), std::logic_error);
  CHECK(scratch.entry_names() == std::vector<std::string>{"moved.txt"});
}

TEST_CASE("writing into a missing directory throws IoError naming the path", "[atomic_file]") {
  ScratchDirectory scratch;
  const fs::path target = scratch.path / "no-such-directory" / "out.csv";

  SECTION("write_file_atomic") {
    try {
      write_file_atomic(target, "data");
      FAIL("expected IoError");
    } catch (const IoError& error) {
      CHECK_THAT(error.what(), Catch::Contains(target.string()));
      CHECK_THAT(error.what(), Catch::Contains("No such file or directory"));
      CHECK(error.path == target);
      CHECK(error.error_number == ENOENT);
    }
  }
  SECTION("AtomicWriter") {
    try {
      AtomicWriter writer(target);
      FAIL("expected IoError");
    } catch (const IoError& error) {
      CHECK_THAT(error.what(), Catch::Contains(target.string()));
    }
  }
  CHECK(scratch.entry_names().empty());
}

TEST_CASE("a failed rename removes the temporary file", "[atomic_file]") {
  ScratchDirectory scratch;
  // The final name is taken by a non-empty directory, so rename(2) must fail.
  const fs::path target = scratch.path / "occupied";
  fs::create_directory(target);
  write_file_atomic(target / "inside.txt", "x");

  CHECK_THROWS_AS(write_file_atomic(target, "data"), IoError);
  CHECK(scratch.entry_names() == std::vector<std::string>{"occupied"});
}

TEST_CASE("ensure_directory creates missing parents and reports what it cannot create", "[atomic_file]") {
  ScratchDirectory scratch;
  const fs::path nested = scratch.path / "runs" / "sweep-01" / "point-3";
  ensure_directory(nested);
  CHECK(fs::is_directory(nested));
  ensure_directory(nested);  // already there: nothing to do, no error

  // A regular file where a directory must go.
  write_file_atomic(scratch.path / "blocker", "");
  const fs::path blocked = scratch.path / "blocker" / "child";
  try {
    ensure_directory(blocked);
    FAIL("expected IoError");
  } catch (const IoError& error) {
    CHECK_THAT(error.what(), Catch::Contains(blocked.string()));
  }
}

}  // namespace
}  // namespace leverage
