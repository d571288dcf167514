#include "cli/app.hpp"

int main(int argc, char** argv) { return leverage::cli::run_main(argc, argv); }
