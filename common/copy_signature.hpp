// Near-duplicate detection: a MinHash signature of an article body's word shingles, and the
// band keys under which articles with similar signatures meet.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex {

// Rows per band and bands: two texts whose shingle sets have Jaccard similarity J share a
// band with probability 1 - (1 - J^3)^16: 0.88 at 0.5, 0.998 at 0.7, 0.36 at 0.3.
inline constexpr std::size_t kCopyBandRows = 3;
inline constexpr std::size_t kCopyBands = 16;
inline constexpr std::size_t kCopySignatureSize = kCopyBandRows * kCopyBands;
// Bodies with fewer shingles than this are too short to call one a copy of another.
inline constexpr std::size_t kCopyMinShingles = 25;
// Estimated Jaccard similarity of the shingle sets from which one text copies another.
inline constexpr double kCopyThreshold = 0.6;
// Or: the share of the shorter text's shingles within the longer one from which the shorter
// copies the longer (a copy cut to its first paragraphs), when their Jaccard similarity is at
// least kCopyMinJaccard.
inline constexpr double kCopyContainment = 0.7;
inline constexpr double kCopyMinJaccard = 0.3;

// The signature of a body as bytes (kCopySignatureSize little-endian 32-bit minima), or ""
// when it is too short. Words are ASCII letters and digits case-folded, and other UTF-8
// letters as they are; punctuation, quotes and dashes of any kind only separate words, so
// retyped quotes and dashes change nothing. Stable across runs and builds.
[[nodiscard]] std::string copy_signature(std::string_view body);

// The estimated Jaccard similarity of two signatures (0 when either is empty or malformed).
[[nodiscard]] double signature_similarity(std::string_view a, std::string_view b);

// The band terms of a signature (prefix kCopyBandPrefix), one per band.
[[nodiscard]] std::vector<std::string> copy_band_terms(std::string_view signature);

// The band keys of a signature, one per band (none when it is malformed): two signatures
// share band b's term exactly when their keys for band b are equal.
[[nodiscard]] std::vector<std::uint64_t> copy_band_keys(std::string_view signature);

}  // namespace newsdex
