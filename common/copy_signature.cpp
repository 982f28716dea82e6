// MinHash signatures over word shingles, and their band terms.
#include "common/copy_signature.hpp"

#include <array>
#include <cstring>
#include <limits>

#include "common/schema.hpp"

namespace newsdex {
namespace {

constexpr std::size_t kShingleWords = 4;

std::uint64_t fnv1a(std::uint64_t hash, std::string_view bytes) {
  for (const char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

std::uint64_t mix(std::uint64_t x) {  // splitmix64's finalizer
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

// Each word's hash, in order. A UTF-8 sequence from the General Punctuation block
// (U+2000..U+206F: dashes, curly quotes, ellipsis) separates words like ASCII punctuation.
std::vector<std::uint64_t> word_hashes(std::string_view text) {
  std::vector<std::uint64_t> words;
  std::string word;
  const auto flush = [&] {
    if (!word.empty()) words.push_back(fnv1a(0xcbf29ce484222325ULL, word));
    word.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == 0xE2 && i + 1 < text.size() && (static_cast<unsigned char>(text[i + 1]) & 0xFC) == 0x80) {
      flush();
      i += 2;
    } else if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z')) {
      word += static_cast<char>(c);
    } else if (c >= 'A' && c <= 'Z') {
      word += static_cast<char>(c - 'A' + 'a');
    } else if (c >= 0x80) {
      word += static_cast<char>(c);
    } else {
      flush();
    }
  }
  flush();
  return words;
}

std::uint32_t entry(std::string_view signature, std::size_t i) {
  std::uint32_t value = 0;
  for (std::size_t b = 0; b < 4; ++b) {
    value |= static_cast<std::uint32_t>(static_cast<unsigned char>(signature[4 * i + b])) << (8 * b);
  }
  return value;
}

}  // namespace

std::string copy_signature(std::string_view body) {
  const std::vector<std::uint64_t> words = word_hashes(body);
  if (words.size() < kShingleWords + kCopyMinShingles - 1) return {};
  std::array<std::uint32_t, kCopySignatureSize> minima;
  minima.fill(std::numeric_limits<std::uint32_t>::max());
  for (std::size_t start = 0; start + kShingleWords <= words.size(); ++start) {
    std::uint64_t shingle = 0;
    for (std::size_t w = 0; w < kShingleWords; ++w) shingle = mix(shingle ^ words[start + w]);
    for (std::size_t i = 0; i < kCopySignatureSize; ++i) {
      const auto value = static_cast<std::uint32_t>(mix(shingle + 0x9e3779b97f4a7c15ULL * (i + 1)) >> 32);
      if (value < minima[i]) minima[i] = value;
    }
  }
  std::string signature;
  signature.reserve(4 * kCopySignatureSize);
  for (const std::uint32_t value : minima) {
    for (std::size_t b = 0; b < 4; ++b) signature += static_cast<char>((value >> (8 * b)) & 0xff);
  }
  return signature;
}

double signature_similarity(std::string_view a, std::string_view b) {
  if (a.size() != 4 * kCopySignatureSize || b.size() != a.size()) return 0;
  std::size_t same = 0;
  for (std::size_t i = 0; i < kCopySignatureSize; ++i) same += entry(a, i) == entry(b, i) ? 1 : 0;
  return static_cast<double>(same) / kCopySignatureSize;
}

std::vector<std::uint64_t> copy_band_keys(std::string_view signature) {
  std::vector<std::uint64_t> keys;
  if (signature.size() != 4 * kCopySignatureSize) return keys;
  keys.reserve(kCopyBands);
  for (std::size_t band = 0; band < kCopyBands; ++band) {
    const std::uint64_t hash = fnv1a(0xcbf29ce484222325ULL + band, signature.substr(4 * kCopyBandRows * band, 4 * kCopyBandRows));
    // The term spells the hash's top 52 bits.
    keys.push_back(hash >> 12);
  }
  return keys;
}

std::vector<std::string> copy_band_terms(std::string_view signature) {
  std::vector<std::string> terms;
  constexpr char kHex[] = "0123456789abcdef";
  const std::vector<std::uint64_t> keys = copy_band_keys(signature);
  for (std::size_t band = 0; band < keys.size(); ++band) {
    std::string term(kCopyBandPrefix);
    term += kHex[band];
    for (int shift = 48; shift >= 0; shift -= 4) term += kHex[(keys[band] >> shift) & 0xf];
    terms.push_back(std::move(term));
  }
  return terms;
}

}  // namespace newsdex
