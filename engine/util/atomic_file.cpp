#include "engine/util/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <system_error>
#include <utility>

namespace leverage {
namespace {

std::string describe_io_error(std::string_view what_failed, const std::filesystem::path& path,
                              int error_number) {
  std::string message(what_failed);
  message += " '";
  message += path.string();
  message += "': ";
  message += std::strerror(error_number);
  return message;
}

// The temporary file's name starts with a dot so directory listings and globs like "*.csv" skip it, and
// carries the process id and a per-process counter so concurrent writers (threads or processes) of the
// same final path never share a temporary file.
std::filesystem::path temporary_path_for(const std::filesystem::path& final_path) {
  static std::atomic<std::uint64_t> next_temporary_index{0};
  const std::uint64_t index = next_temporary_index.fetch_add(1, std::memory_order_relaxed);
  std::string name = ".";
  name += final_path.filename().string();
  name += ".tmp-";
  name += std::to_string(::getpid());
  name += '-';
  name += std::to_string(index);
  return final_path.parent_path() / name;
}

std::filesystem::path directory_of(const std::filesystem::path& path) {
  std::filesystem::path parent = path.parent_path();
  return parent.empty() ? std::filesystem::path(".") : parent;
}

// Writes all of `data`, retrying short writes and EINTR. Returns 0 or the errno of the failure.
int write_all(int file_descriptor, const char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t written = ::write(file_descriptor, data, size);
    if (written < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    if (written == 0) return EIO;  // no progress and no error: give up rather than spin
    data += written;
    size -= static_cast<std::size_t>(written);
  }
  return 0;
}

int fsync_retrying(int file_descriptor) {
  while (::fsync(file_descriptor) != 0) {
    if (errno != EINTR) return errno;
  }
  return 0;
}

// Makes a completed rename durable. Some file systems cannot fsync a directory and say so with EINVAL;
// there the rename is as durable as that file system allows, which is not an error for us.
void fsync_directory(const std::filesystem::path& final_path) {
  const std::filesystem::path directory = directory_of(final_path);
  const int directory_descriptor = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (directory_descriptor < 0) {
    throw IoError("wrote the file but cannot open its directory to sync the rename of", final_path, errno);
  }
  const int sync_error = fsync_retrying(directory_descriptor);
  ::close(directory_descriptor);
  if (sync_error != 0 && sync_error != EINVAL) {
    throw IoError("wrote the file but cannot sync its directory after renaming", final_path, sync_error);
  }
}

}  // namespace

IoError::IoError(std::string_view what_failed, const std::filesystem::path& failed_path, int errno_value)
    : std::runtime_error(describe_io_error(what_failed, failed_path, errno_value)),
      path(failed_path),
      error_number(errno_value) {}

void write_file_atomic(const std::filesystem::path& path, std::string_view contents) {
  AtomicWriter writer(path);
  writer.write(contents);
  writer.commit();
}

AtomicWriter::AtomicWriter(std::filesystem::path final_path) : final_path_(std::move(final_path)) {
  if (!final_path_.has_filename()) {
    throw IoError("cannot write a file at", final_path_, EISDIR);
  }
  temporary_path_ = temporary_path_for(final_path_);
  // O_EXCL: never adopt a file someone else created under our temporary name.
  file_descriptor_ = ::open(temporary_path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (file_descriptor_ < 0) {
    throw IoError("cannot create temporary file '" + temporary_path_.string() + "' for", final_path_, errno);
  }
}

AtomicWriter::~AtomicWriter() { abandon(); }

AtomicWriter::AtomicWriter(AtomicWriter&& other) noexcept
    : final_path_(std::move(other.final_path_)),
      temporary_path_(std::move(other.temporary_path_)),
      file_descriptor_(std::exchange(other.file_descriptor_, -1)),
      buffer_(std::move(other.buffer_)) {}

AtomicWriter& AtomicWriter::operator=(AtomicWriter&& other) noexcept {
  if (this != &other) {
    abandon();
    final_path_ = std::move(other.final_path_);
    temporary_path_ = std::move(other.temporary_path_);
    file_descriptor_ = std::exchange(other.file_descriptor_, -1);
    buffer_ = std::move(other.buffer_);
  }
  return *this;
}

void AtomicWriter::require_open(std::string_view operation) const {
  if (file_descriptor_ < 0) {
    throw std::logic_error("AtomicWriter::" + std::string(operation) + " for '" + final_path_.string() +
                           "' after it was committed, failed or moved from");
  }
}

void AtomicWriter::write(std::string_view chunk) {
  require_open("write");
  if (buffer_.size() + chunk.size() <= buffer_capacity_bytes) {
    buffer_.append(chunk);
    return;
  }
  flush_buffer();
  if (chunk.size() < buffer_capacity_bytes) {
    buffer_.append(chunk);
    return;
  }
  // A chunk at least as large as the buffer goes straight to the file instead of being copied first.
  if (const int error = write_all(file_descriptor_, chunk.data(), chunk.size()); error != 0) {
    abandon();
    throw IoError("cannot write", final_path_, error);
  }
}

void AtomicWriter::flush_buffer() {
  if (const int error = write_all(file_descriptor_, buffer_.data(), buffer_.size()); error != 0) {
    abandon();
    throw IoError("cannot write", final_path_, error);
  }
  buffer_.clear();
}

void AtomicWriter::commit() {
  require_open("commit");
  flush_buffer();
  if (const int error = fsync_retrying(file_descriptor_); error != 0) {
    abandon();
    throw IoError("cannot sync to disk", final_path_, error);
  }
  // close(2) can report a deferred write error (e.g. on NFS). After EINTR the descriptor is already released
  // on Linux, so it must not be closed again; the fsync above has already reported any data error.
  const int descriptor = std::exchange(file_descriptor_, -1);
  if (::close(descriptor) != 0 && errno != EINTR) {
    const int error = errno;
    ::unlink(temporary_path_.c_str());
    throw IoError("cannot close", final_path_, error);
  }
  if (::rename(temporary_path_.c_str(), final_path_.c_str()) != 0) {
    const int error = errno;
    ::unlink(temporary_path_.c_str());
    throw IoError("cannot rename '" + temporary_path_.string() + "' to", final_path_, error);
  }
  buffer_ = std::string();  // a committed writer should not keep holding its megabyte
  fsync_directory(final_path_);
}

void AtomicWriter::abandon() noexcept {
  if (file_descriptor_ < 0) return;
  ::close(std::exchange(file_descriptor_, -1));
  ::unlink(temporary_path_.c_str());
}

AppendFile::AppendFile(std::filesystem::path path, std::uint64_t keep_bytes, std::size_t buffer_bytes)
    : path_(std::move(path)), buffer_capacity_(buffer_bytes), size_(keep_bytes) {
  file_descriptor_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0666);
  if (file_descriptor_ < 0) throw IoError("cannot open for appending", path_, errno);
  struct stat status {};
  if (::fstat(file_descriptor_, &status) != 0) {
    const int error = errno;
    ::close(std::exchange(file_descriptor_, -1));
    throw IoError("cannot read the size of", path_, error);
  }
  if (static_cast<std::uint64_t>(status.st_size) < keep_bytes) {
    ::close(std::exchange(file_descriptor_, -1));
    std::string what = "shorter than the ";
    what.append(std::to_string(keep_bytes)).append(" bytes its checkpoint records:");
    throw IoError(what, path_, EINVAL);
  }
  // Cut off what a killed run wrote after its last checkpoint, then write at the end.
  if (::ftruncate(file_descriptor_, static_cast<off_t>(keep_bytes)) != 0 ||
      ::lseek(file_descriptor_, 0, SEEK_END) < 0) {
    const int error = errno;
    ::close(std::exchange(file_descriptor_, -1));
    throw IoError("cannot cut back", path_, error);
  }
  buffer_.reserve(buffer_capacity_);
}

AppendFile::~AppendFile() {
  if (file_descriptor_ >= 0) ::close(file_descriptor_);  // unsynced bytes are the next run's to cut
}

void AppendFile::write(std::string_view data) {
  if (file_descriptor_ < 0) throw std::logic_error("AppendFile::write after publish: " + path_.string());
  size_ += data.size();
  if (buffer_.size() + data.size() > buffer_capacity_) flush_buffer();
  if (data.size() >= buffer_capacity_) {
    if (const int error = write_all(file_descriptor_, data.data(), data.size()); error != 0)
      throw IoError("cannot write", path_, error);
    return;
  }
  buffer_.append(data);
}

void AppendFile::flush_buffer() {
  if (const int error = write_all(file_descriptor_, buffer_.data(), buffer_.size()); error != 0)
    throw IoError("cannot write", path_, error);
  buffer_.clear();
}

std::uint64_t AppendFile::sync() {
  if (file_descriptor_ < 0) throw std::logic_error("AppendFile::sync after publish: " + path_.string());
  flush_buffer();
  if (const int error = fsync_retrying(file_descriptor_); error != 0) throw IoError("cannot sync to disk", path_, error);
  return size_;
}

void AppendFile::publish(const std::filesystem::path& final_path) {
  sync();
  const int descriptor = std::exchange(file_descriptor_, -1);
  if (::close(descriptor) != 0 && errno != EINTR) {
    const int error = errno;
    throw IoError("cannot close", path_, error);
  }
  if (::rename(path_.c_str(), final_path.c_str()) != 0) {
    const int error = errno;
    std::string what = "cannot rename '";
    what.append(path_.string()).append("' to");
    throw IoError(what, final_path, error);
  }
  buffer_ = std::string();
  fsync_directory(final_path);
}

std::string read_file(const std::filesystem::path& path) {
  const int descriptor = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (descriptor < 0) throw IoError("cannot read", path, errno);
  std::string text;
  char block[1 << 16];
  for (;;) {
    const ssize_t got = ::read(descriptor, block, sizeof block);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      const int error = errno;
      ::close(descriptor);
      throw IoError("cannot read", path, error);
    }
    if (got == 0) break;
    text.append(block, static_cast<std::size_t>(got));
  }
  ::close(descriptor);
  return text;
}

void ensure_directory(const std::filesystem::path& directory) {
  std::error_code error;
  std::filesystem::create_directories(directory, error);
  if (error) throw IoError("cannot create directory", directory, error.value());
}

}  // namespace leverage
