#pragma once

// Output files are never half-written: a crash, a full disk or an exception leaves either the previous file
// or the complete new one, never a truncated mix that a reader (the viewer, pandas) would take for a result.
// The recipe is the usual POSIX one: write a temporary file in the same directory (rename is only atomic
// within one file system), fsync it, rename it over the final name, then fsync the directory so the rename
// itself survives a power loss.
//
// The new file is created with mode 0666 filtered by the umask, like any newly created file; the
// permissions of a file it replaces are not carried over.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

namespace leverage {

// An operating-system I/O failure. The message names the path and the OS's explanation, e.g.
// "cannot create temporary file '/out/.runs.csv.tmp-41-0' for '/out/runs.csv': No such file or directory".
struct IoError : std::runtime_error {
  // `error_number` is an errno value; its std::strerror text ends the message.
  IoError(std::string_view what_failed, const std::filesystem::path& path, int error_number);

  std::filesystem::path path;
  int error_number;
};

// Replaces (or creates) `path` with exactly `contents`. Throws IoError, leaving no temporary file and the
// previous `path` untouched, when any step fails.
void write_file_atomic(const std::filesystem::path& path, std::string_view contents);

// Like write_file_atomic for outputs too large to build in memory: chunks are buffered and written as they
// come, and the file appears under its final name only at commit(). Destroying an uncommitted writer (e.g.
// while an exception unwinds) deletes the temporary file, so an aborted run leaves nothing behind.
//
//   AtomicWriter writer(output_directory / "replicates.csv");
//   for (...) writer.write(row);
//   writer.commit();
class AtomicWriter {
 public:
  // Creates the temporary file next to `final_path`. Throws IoError, e.g. when the directory is missing.
  explicit AtomicWriter(std::filesystem::path final_path);
  ~AtomicWriter();

  AtomicWriter(const AtomicWriter&) = delete;
  AtomicWriter& operator=(const AtomicWriter&) = delete;
  // A moved-from writer owns nothing: its destructor neither deletes nor commits.
  AtomicWriter(AtomicWriter&& other) noexcept;
  AtomicWriter& operator=(AtomicWriter&& other) noexcept;

  // Appends `chunk`. Throws IoError on a write failure, after which the writer is abandoned (temporary file
  // deleted) and further calls throw std::logic_error.
  void write(std::string_view chunk);

  // Flushes, fsyncs, closes and renames the file into place, then fsyncs the directory. Throws IoError on
  // failure, with the temporary file deleted; only when the last step (the directory fsync) fails is the
  // complete new file already in place. Calling write() or commit() after commit() is a std::logic_error.
  void commit();

  const std::filesystem::path& final_path() const { return final_path_; }

 private:
  // Writes the buffer with write(2) and empties it.
  void flush_buffer();
  // Closes and deletes the temporary file; used by the destructor and on failure, so it never throws.
  void abandon() noexcept;
  void require_open(std::string_view operation) const;

  // Large enough that write(2) calls are few, small enough not to matter next to a replicate batch.
  static constexpr std::size_t buffer_capacity_bytes = std::size_t{1} << 20;

  std::filesystem::path final_path_;
  std::filesystem::path temporary_path_;
  int file_descriptor_ = -1;
  std::string buffer_;
};

// A file that grows over a long run and is durable up to its last sync(): the outcome rows and spilled
// columns of a streaming ensemble (engine/ensemble/ensemble_stream.hpp). A run records the sizes sync()
// returns in its checkpoint; a resumed run reopens the file cut back to that size, so bytes written after
// the checkpoint (by a run killed before its next one) are dropped rather than repeated. publish() moves
// the finished file to its final name the way AtomicWriter::commit() does.
class AppendFile {
 public:
  // Opens (or creates) `path` and cuts it to `keep_bytes`, which must not exceed its size. Throws IoError.
  AppendFile(std::filesystem::path path, std::uint64_t keep_bytes, std::size_t buffer_bytes = std::size_t{1} << 16);
  ~AppendFile();
  AppendFile(const AppendFile&) = delete;
  AppendFile& operator=(const AppendFile&) = delete;

  // Appends `data` (buffered). Throws IoError.
  void write(std::string_view data);
  // Bytes written so far, buffered ones included.
  std::uint64_t size() const { return size_; }
  // Writes the buffer and fsyncs; returns size(). Throws IoError.
  std::uint64_t sync();
  // Syncs, closes and renames the file to `final_path`, then fsyncs the directory. Throws IoError; after
  // it, write() and sync() are std::logic_error.
  void publish(const std::filesystem::path& final_path);
  const std::filesystem::path& path() const { return path_; }

 private:
  void flush_buffer();
  std::filesystem::path path_;
  int file_descriptor_ = -1;
  std::size_t buffer_capacity_;
  std::string buffer_;
  std::uint64_t size_ = 0;
};

// The whole of a file's bytes. Throws IoError.
std::string read_file(const std::filesystem::path& path);

// Creates `directory` and any missing parents (nothing to do when it exists). Throws IoError naming the
// path when it cannot, e.g. when a component is a regular file or permission is denied.
void ensure_directory(const std::filesystem::path& directory);

}  // namespace leverage
