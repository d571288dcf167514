// "Did you mean ...?" suggestions for misspelled configuration keys and enum values.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace leverage::config {

// Levenshtein distance between two byte strings: the least number of single-byte insertions, deletions and
// substitutions turning `a` into `b` (V. I. Levenshtein, "Binary codes capable of correcting deletions,
// insertions, and reversals", Soviet Physics Doklady 10(8), 1966). A swap of two adjacent letters counts 2.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate nearest to `word` by edit_distance, if that distance is at most max(2, word.size() / 3);
// otherwise nullopt. Ties go to the candidate listed first, so a suggestion is deterministic.
std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace leverage::config
