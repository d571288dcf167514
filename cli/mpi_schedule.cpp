#include "cli/mpi_schedule.hpp"

#include <chrono>
#include <cstring>
#include <deque>
#include <exception>
#include <limits>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>

namespace leverage::mpi {

SharedCounter::SharedCounter(MPI_Comm comm) {
  int rank = 0;
  MPI_Comm_rank(comm, &rank);
  const MPI_Aint size = rank == 0 ? static_cast<MPI_Aint>(sizeof(std::int64_t)) : 0;
  MPI_Win_allocate(size, sizeof(std::int64_t), MPI_INFO_NULL, comm, &value_, &window_);
  MPI_Win_lock_all(0, window_);
  if (rank == 0) {
    *value_ = 0;
    MPI_Win_sync(window_);  // the store is visible in the window before any rank reads it
  }
  MPI_Barrier(comm);
}

SharedCounter::~SharedCounter() {
  MPI_Win_unlock_all(window_);
  MPI_Win_free(&window_);
}

std::uint64_t SharedCounter::take() {
  const std::int64_t one = 1;
  std::int64_t before = 0;
  MPI_Fetch_and_op(&one, &before, MPI_INT64_T, 0, 0, MPI_SUM, window_);
  MPI_Win_flush(0, window_);
  return static_cast<std::uint64_t>(before);
}

void SharedCounter::exhaust(std::uint64_t end) {
  // Adds `end` rather than replacing: concurrent accumulates to one location stay atomic only with
  // the same operation (the window's default accumulate_ops is same_op_no_op).
  const std::int64_t add = static_cast<std::int64_t>(end);
  std::int64_t before = 0;
  MPI_Fetch_and_op(&add, &before, MPI_INT64_T, 0, 0, MPI_SUM, window_);
  MPI_Win_flush(0, window_);
}

namespace {

// A unit's result: its index as a uint64, then for whole points their count and the length of each
// row as uint64s and the rows; for a part of a point its replicate rows as doubles.
constexpr int kTagResult = 1;
constexpr int kTagDone = 2;  // a rank takes no more units; it follows all of that rank's results

class Reader {
 public:
  explicit Reader(const std::string& buffer) : buffer_(buffer) {}
  const char* take(std::size_t bytes) {
    if (bytes > buffer_.size() - at_) throw std::runtime_error("a truncated result message");
    const char* start = buffer_.data() + at_;
    at_ += bytes;
    return start;
  }
  std::uint64_t word() {
    std::uint64_t value = 0;
    std::memcpy(&value, take(sizeof value), sizeof value);
    return value;
  }
  std::size_t left() const { return buffer_.size() - at_; }

 private:
  const std::string& buffer_;
  std::size_t at_ = 0;
};

void append_words(std::string& buffer, const std::vector<std::uint64_t>& words) {
  buffer.append(reinterpret_cast<const char*>(words.data()), words.size() * sizeof(std::uint64_t));
}

std::string pack_rows(std::uint64_t unit, const std::vector<std::string>& rows) {
  std::vector<std::uint64_t> head{unit, rows.size()};
  for (const auto& row : rows) head.push_back(row.size());
  std::string buffer;
  append_words(buffer, head);
  for (const auto& row : rows) buffer += row;
  return buffer;
}

std::string pack_part(std::uint64_t unit, const std::vector<double>& values) {
  std::string buffer;
  append_words(buffer, {unit});
  buffer.append(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(double));
  return buffer;
}

// Rank 0: makes each point's row once all its parts are in, keeps the rows of each block until all
// its points are in, then writes the block file.
class Collector {
 public:
  Collector(const Experiment& experiment, const std::vector<std::size_t>& todo, const std::vector<WorkUnit>& units,
            const PartialSweep& partial, const std::function<void(std::uint64_t)>& arrived)
      : experiment_(experiment), todo_(todo), units_(units), partial_(partial), arrived_(arrived),
        missing_(partial.blocks(), 0) {
    // leverage-mpi runs shard 1 of 1: block b holds the points b*block_points to (b+1)*block_points-1.
    for (const std::size_t point : todo) ++missing_[point / experiment.block_points];
  }

  void add_rows(std::uint64_t unit, std::vector<std::string> rows) {
    const WorkUnit& u = units_.at(unit);
    if (u.parts != 1 || rows.size() != u.end - u.begin) throw std::runtime_error("rows of another unit");
    for (std::size_t j = 0; j < rows.size(); ++j) add_row(todo_[u.begin + j], std::move(rows[j]));
  }

  void add_part(std::uint64_t unit, std::vector<double> values) {
    const WorkUnit& u = units_.at(unit);
    const std::size_t point = todo_[u.begin];
    Parts& parts = parts_[point];
    parts.values.resize(u.parts);
    parts.values[u.part] = std::move(values);
    if (++parts.in < u.parts) return;
    std::vector<double> all;
    for (auto& piece : parts.values) all.insert(all.end(), piece.begin(), piece.end());
    parts_.erase(point);
    add_row(point, point_row_from_replicates(experiment_, point, std::move(all)));
  }

  // Decodes a result message of another rank.
  void add(const std::string& buffer) {
    Reader reader(buffer);
    const std::uint64_t unit = reader.word();
    if (units_.at(unit).parts > 1) {
      std::vector<double> values(reader.left() / sizeof(double));
      std::memcpy(values.data(), reader.take(values.size() * sizeof(double)), values.size() * sizeof(double));
      add_part(unit, std::move(values));
      return;
    }
    std::vector<std::uint64_t> lengths(reader.word());
    for (auto& length : lengths) length = reader.word();
    std::vector<std::string> rows;
    for (const auto length : lengths) rows.emplace_back(reader.take(length), length);
    add_rows(unit, std::move(rows));
  }

 private:
  void add_row(std::size_t point, std::string row) {
    rows_[point] = std::move(row);
    const std::uint64_t block = point / experiment_.block_points;
    if (--missing_[block] == 0) {
      std::string text;
      for (const std::size_t p : partial_.block(block)) text += rows_.extract(p).mapped();
      partial_.write(block, text);
    }
    if (arrived_) arrived_(++arrived_count_);
  }

  struct Parts {
    std::vector<std::vector<double>> values;  // by part
    std::uint64_t in = 0;
  };
  const Experiment& experiment_;
  const std::vector<std::size_t>& todo_;
  const std::vector<WorkUnit>& units_;
  const PartialSweep& partial_;
  const std::function<void(std::uint64_t)>& arrived_;
  std::vector<std::uint64_t> missing_;       // per block: its points still to come
  std::map<std::size_t, std::string> rows_;  // by point, until its block is written
  std::map<std::size_t, Parts> parts_;       // by point, until all its parts are in
  std::uint64_t arrived_count_ = 0;
};

}  // namespace

RankWork run_dynamic(const Experiment& experiment, const std::vector<std::size_t>& todo,
                     const std::vector<WorkUnit>& units, int threads, bool independent_points,
                     const PartialSweep* partial, const std::function<void(std::uint64_t)>& arrived) {
  int rank = 0, ranks = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &ranks);
  SharedCounter counter(MPI_COMM_WORLD);
  RankWork work;
  std::exception_ptr failure;
  // On a failure this rank takes no more units and the others take none after their current one;
  // the messages still flow, so that no rank waits forever.
  const auto fail = [&] {
    if (!failure) failure = std::current_exception();
    counter.exhaust(units.size());
  };
  std::optional<Collector> collector;
  if (rank == 0) collector.emplace(experiment, todo, units, *partial, arrived);
  int ranks_done = 1;  // rank 0 itself
  // Rank 0: receives one message, waiting for it if `wait`; false when none was waiting.
  const auto receive = [&](bool wait) {
    MPI_Status status;
    int waiting = 1;
    if (wait)
      MPI_Probe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &status);
    else
      MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &waiting, &status);
    if (!waiting) return false;
    int size = 0;
    MPI_Get_count(&status, MPI_BYTE, &size);
    std::string buffer(static_cast<std::size_t>(size), '\0');
    MPI_Recv(buffer.data(), size, MPI_BYTE, status.MPI_SOURCE, status.MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    if (status.MPI_TAG == kTagDone) {
      ++ranks_done;
    } else if (!failure) {
      try {
        collector->add(buffer);
      } catch (...) {
        fail();
      }
    }
    return true;
  };
  struct Sending {
    std::string buffer;
    MPI_Request request;
  };
  std::deque<Sending> sending;  // deque: push_back keeps the buffers of earlier sends in place
  const auto send = [&](std::string buffer) {
    if (buffer.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()))
      throw std::runtime_error("the result of a unit exceeds 2 GB: lower block_points");
    sending.push_back({std::move(buffer), MPI_REQUEST_NULL});
    auto& message = sending.back();
    MPI_Isend(message.buffer.data(), static_cast<int>(message.buffer.size()), MPI_BYTE, 0, kTagResult, MPI_COMM_WORLD,
              &message.request);
    // Frees the buffers of the sends rank 0 has taken (in order), so memory stays bounded.
    for (int sent = 1; sent && !sending.empty();) {
      MPI_Test(&sending.front().request, &sent, MPI_STATUS_IGNORE);
      if (sent) sending.pop_front();
    }
  };
  while (!failure) {
    const std::uint64_t unit = counter.take();
    if (unit >= units.size()) break;
    try {
      const WorkUnit& u = units[unit];
      const auto begin = std::chrono::steady_clock::now();
      std::vector<std::string> rows;
      std::vector<double> part;
      if (u.parts == 1) {
        rows = run_points(experiment, std::span<const std::size_t>(todo).subspan(u.begin, u.end - u.begin), threads,
                          independent_points);
        work.points += u.end - u.begin;
        work.replicates += (u.end - u.begin) * experiment.replicates;
      } else {
        const std::uint64_t first = experiment.replicates * u.part / u.parts;
        const std::uint64_t last = experiment.replicates * (u.part + 1) / u.parts;
        part = run_point_part(experiment, todo[u.begin], first, last, threads, independent_points);
        ++work.parts;
        work.replicates += last - first;
      }
      work.busy_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
      ++work.units;
      if (rank == 0 && u.parts == 1)
        collector->add_rows(unit, std::move(rows));
      else if (rank == 0)
        collector->add_part(unit, std::move(part));
      else
        send(u.parts == 1 ? pack_rows(unit, rows) : pack_part(unit, part));
    } catch (...) {
      fail();
    }
    if (rank == 0)
      while (receive(false)) {
      }
  }
  if (rank == 0) {
    while (ranks_done < ranks) receive(true);
  } else {
    MPI_Send(nullptr, 0, MPI_BYTE, 0, kTagDone, MPI_COMM_WORLD);
    for (auto& message : sending) MPI_Wait(&message.request, MPI_STATUS_IGNORE);
  }
  if (failure) std::rethrow_exception(failure);
  return work;
}

}  // namespace leverage::mpi
