#pragma once
// Running the built `leverage` executable from tests, capturing its exit code, stdout and stderr.
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

namespace leverage::test {

// A fresh, empty directory, removed with everything in it afterwards.
struct TempDir {
  explicit TempDir(const std::string& prefix = "leverage-test") {
    std::string pattern = (std::filesystem::temp_directory_path() / (prefix + "-XXXXXX")).string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    path = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::filesystem::path path;
};

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  REQUIRE(out.good());
}

// Single-quotes `word` for /bin/sh.
inline std::string shell_quote(const std::string& word) {
  std::string quoted = "'";
  for (const char c : word) {
    if (c == '\'')
      quoted.append("'\\''");
    else
      quoted.push_back(c);
  }
  quoted.push_back('\'');
  return quoted;
}

struct Outcome {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs the built `leverage` with `args`; stdout and stderr are captured through files in `scratch`.
inline Outcome run_leverage(const std::vector<std::string>& args, const std::filesystem::path& scratch) {
  const auto out_file = scratch / "captured.stdout";
  const auto err_file = scratch / "captured.stderr";
  std::string command = shell_quote(LEVERAGE_CLI_PATH);
  for (const auto& arg : args) command.append(" ").append(shell_quote(arg));
  command.append(" </dev/null >").append(shell_quote(out_file.string()));
  command.append(" 2>").append(shell_quote(err_file.string()));
  const int status = std::system(command.c_str());
  Outcome outcome;
  outcome.exit_code = status != -1 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  outcome.out = read_file(out_file);
  outcome.err = read_file(err_file);
  std::filesystem::remove(out_file);
  std::filesystem::remove(err_file);
  return outcome;
}

// Starts the built `leverage` with `args` in a child process (stdout and stderr inherited); returns its pid.
inline pid_t start_leverage(const std::vector<std::string>& args) {
  const std::string cli = LEVERAGE_CLI_PATH;
  std::vector<char*> argv{const_cast<char*>(cli.c_str())};
  for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    execv(cli.c_str(), argv.data());
    _exit(127);
  }
  return child;
}

// Waits (up to 30 s) until `ready()` holds while the child is still running, then sends it
// `signal_number`; returns its wait status.
inline int signal_when(pid_t child, const std::function<bool()>& ready, int signal_number) {
  int status = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!ready() && std::chrono::steady_clock::now() < deadline) {
    REQUIRE(waitpid(child, &status, WNOHANG) == 0);  // the run must still be going when it is signalled
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ::kill(child, signal_number);
  REQUIRE(waitpid(child, &status, 0) == child);
  return status;
}

}  // namespace leverage::test
