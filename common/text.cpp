// Encoding repair, case folding and trimming.
#include "common/text.hpp"

#include "common/utf8.hpp"

#include <xapian.h>

#include <array>
#include <cstdint>

namespace newsdex {
namespace {

// Windows-1252 code points for bytes 0x80..0x9F; other bytes >= 0xA0 equal Latin-1.
constexpr std::array<std::uint16_t, 32> kCp1252High = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};

// Length of the valid UTF-8 sequence starting at text[pos], or 0 when it is not valid
// (overlong forms, surrogates and code points above U+10FFFF are invalid).
std::size_t valid_sequence_length(std::string_view text, std::size_t pos) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(pos);
  std::size_t length = 0;
  unsigned min_second = 0x80;
  unsigned max_second = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) min_second = 0xA0;
    if (lead == 0xED) max_second = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) min_second = 0x90;
    if (lead == 0xF4) max_second = 0x8F;
  } else {
    return 0;
  }
  if (pos + length > text.size()) return 0;
  if (byte(pos + 1) < min_second || byte(pos + 1) > max_second) return 0;
  for (std::size_t i = 2; i < length; ++i) {
    if ((byte(pos + i) & 0xC0) != 0x80) return 0;
  }
  return length;
}

bool is_dropped_control(unsigned char c) {
  return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F;
}

}  // namespace

RepairedText repair_utf8(std::string_view bytes) {
  RepairedText result;
  result.text.reserve(bytes.size());
  std::size_t pos = 0;
  while (pos < bytes.size()) {
    const auto c = static_cast<unsigned char>(bytes[pos]);
    if (c < 0x80) {
      if (is_dropped_control(c)) {
        result.repaired = true;
        ++pos;
        continue;
      }
      // Most text is runs of plain ASCII: copy each run at once.
      std::size_t end = pos + 1;
      while (end < bytes.size() && static_cast<unsigned char>(bytes[end]) < 0x80 &&
             !is_dropped_control(static_cast<unsigned char>(bytes[end]))) {
        ++end;
      }
      result.text.append(bytes.substr(pos, end - pos));
      pos = end;
      continue;
    }
    if (const std::size_t length = valid_sequence_length(bytes, pos); length != 0) {
      result.text.append(bytes.substr(pos, length));
      pos += length;
      continue;
    }
    result.repaired = true;
    append_utf8(result.text, c < 0xA0 ? kCp1252High[c - 0x80] : c);
    ++pos;
  }
  return result;
}

bool is_valid_utf8(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    if (static_cast<unsigned char>(text[pos]) < 0x80) {
      ++pos;
    } else if (const std::size_t length = valid_sequence_length(text, pos); length != 0) {
      pos += length;
    } else {
      return false;
    }
  }
  return true;
}

std::string fold_case(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  // Most names are ASCII; lower them without decoding (facet counting folds thousands).
  bool ascii = true;
  for (const char c : text) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (ascii) {
    for (const char c : text) {
      out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c;
    }
    return out;
  }
  for (Xapian::Utf8Iterator it(text.data(), text.size()); it != Xapian::Utf8Iterator(); ++it) {
    Xapian::Unicode::append_utf8(out, Xapian::Unicode::tolower(*it));
  }
  return out;
}

std::string collapse_whitespace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (const char c : trim(text)) {
    if (is_ascii_space(c)) {
      pending_space = true;
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += c;
  }
  return out;
}

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// What terminal_safe prints for code point cp: empty to keep it, else its stand-in.
std::string_view terminal_stand_in(unsigned cp) {
  if ((cp >= '\t' && cp <= '\r') || cp == 0x85 || cp == 0x2028 || cp == 0x2029) return " ";
  if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) return kReplacement;
  if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)) return kReplacement;
  return {};
}

}  // namespace

std::string terminal_safe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto c = static_cast<unsigned char>(text[pos]);
    if (c >= 0x20 && c < 0x7F) {
      out += static_cast<char>(c);
      ++pos;
      continue;
    }
    const std::size_t length = c < 0x80 ? 1 : valid_sequence_length(text, pos);
    if (length == 0) {
      out += kReplacement;
      ++pos;
      continue;
    }
    std::size_t decoded_length = 0;
    const std::string_view stand_in =
        terminal_stand_in(decode_utf8(text, pos, decoded_length, 0xFFFD));
    if (stand_in.empty()) {
      out.append(text.substr(pos, length));
    } else {
      out += stand_in;
    }
    pos += length;
  }
  return out;
}

std::string_view truncate_utf8(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t end = max_bytes;
  // Step back over continuation bytes so the cut never splits a character.
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

}  // namespace newsdex
