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

constexpr int kTagRows = 1;  // a unit's rows: [unit, n, n row lengths] as uint64, then the rows
constexpr int kTagDone = 2;  // a rank takes no more units; it follows all of that rank's rows

std::string pack(std::uint64_t unit, const std::vector<std::string>& rows) {
  std::vector<std::uint64_t> head{unit, rows.size()};
  for (const auto& row : rows) head.push_back(row.size());
  std::string buffer(reinterpret_cast<const char*>(head.data()), head.size() * sizeof(std::uint64_t));
  for (const auto& row : rows) buffer += row;
  return buffer;
}

std::pair<std::uint64_t, std::vector<std::string>> unpack(const std::string& buffer) {
  const auto word = [&](std::size_t i) {
    if ((i + 1) * sizeof(std::uint64_t) > buffer.size()) throw std::runtime_error("a truncated rows message");
    std::uint64_t value = 0;
    std::memcpy(&value, buffer.data() + i * sizeof(std::uint64_t), sizeof value);
    return value;
  };
  const std::uint64_t unit = word(0), count = word(1);
  std::vector<std::string> rows;
  std::size_t offset = (2 + count) * sizeof(std::uint64_t);
  for (std::uint64_t i = 0; i < count; ++i) {
    const std::uint64_t length = word(2 + i);
    if (offset + length > buffer.size()) throw std::runtime_error("a truncated rows message");
    rows.push_back(buffer.substr(offset, length));
    offset += length;
  }
  return {unit, std::move(rows)};
}

// Rank 0: keeps the rows of each block until all its points are in, then writes the block file.
class Collector {
 public:
  Collector(const Experiment& experiment, const std::vector<std::size_t>& todo,
            const std::vector<std::size_t>& unit_starts, const PartialSweep& partial,
            const std::function<void(std::uint64_t)>& arrived)
      : experiment_(experiment), todo_(todo), unit_starts_(unit_starts), partial_(partial), arrived_(arrived),
        missing_(partial.blocks(), 0) {
    // leverage-mpi runs shard 1 of 1: block b holds the points b*block_points to (b+1)*block_points-1.
    for (const std::size_t point : todo) ++missing_[point / experiment.block_points];
  }

  void add(std::uint64_t unit, std::vector<std::string> rows) {
    if (unit + 1 >= unit_starts_.size() || rows.size() != unit_starts_[unit + 1] - unit_starts_[unit])
      throw std::runtime_error("rows of an unknown unit");
    for (std::size_t j = 0; j < rows.size(); ++j) {
      const std::size_t point = todo_[unit_starts_[unit] + j];
      rows_[point] = std::move(rows[j]);
      const std::uint64_t block = point / experiment_.block_points;
      if (--missing_[block] == 0) {
        std::string text;
        for (const std::size_t p : partial_.block(block)) text += rows_.extract(p).mapped();
        partial_.write(block, text);
      }
    }
    arrived_count_ += rows.size();
    if (arrived_) arrived_(arrived_count_);
  }

 private:
  const Experiment& experiment_;
  const std::vector<std::size_t>& todo_;
  const std::vector<std::size_t>& unit_starts_;
  const PartialSweep& partial_;
  const std::function<void(std::uint64_t)>& arrived_;
  std::vector<std::uint64_t> missing_;     // per block: its points still to come
  std::map<std::size_t, std::string> rows_;  // by point, until its block is written
  std::uint64_t arrived_count_ = 0;
};

}  // namespace

RankWork run_dynamic(const Experiment& experiment, const std::vector<std::size_t>& todo,
                     const std::vector<std::size_t>& unit_starts, int threads, bool independent_points,
                     const PartialSweep* partial, const std::function<void(std::uint64_t)>& arrived) {
  int rank = 0, ranks = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &ranks);
  const std::uint64_t units = unit_starts.size() - 1;
  SharedCounter counter(MPI_COMM_WORLD);
  RankWork work;
  std::exception_ptr failure;
  // On a failure this rank takes no more units and the others take none after their current one;
  // the messages still flow, so that no rank waits forever.
  const auto fail = [&] {
    if (!failure) failure = std::current_exception();
    counter.exhaust(units);
  };
  std::optional<Collector> collector;
  if (rank == 0) collector.emplace(experiment, todo, unit_starts, *partial, arrived);
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
        auto [unit, rows] = unpack(buffer);
        collector->add(unit, std::move(rows));
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
  while (!failure) {
    const std::uint64_t unit = counter.take();
    if (unit >= units) break;
    try {
      const auto begin = std::chrono::steady_clock::now();
      const std::span<const std::size_t> points(todo.data() + unit_starts[unit], unit_starts[unit + 1] - unit_starts[unit]);
      auto rows = run_points(experiment, points, threads, independent_points);
      work.busy_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
      ++work.units;
      work.points += points.size();
      if (rank == 0) {
        collector->add(unit, std::move(rows));
      } else {
        sending.push_back({pack(unit, rows), MPI_REQUEST_NULL});
        if (sending.back().buffer.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()))
          throw std::runtime_error("the rows of a unit exceed 2 GB: lower block_points");
        auto& message = sending.back();
        MPI_Isend(message.buffer.data(), static_cast<int>(message.buffer.size()), MPI_BYTE, 0, kTagRows,
                  MPI_COMM_WORLD, &message.request);
        // Frees the buffers of the sends rank 0 has taken (in order), so memory stays bounded.
        for (int sent = 1; sent && !sending.empty();) {
          MPI_Test(&sending.front().request, &sent, MPI_STATUS_IGNORE);
          if (sent) sending.pop_front();
        }
      }
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
