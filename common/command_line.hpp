// Command-line rules both tools share: strict option names and whole-number values.
#pragma once

#include <boost/program_options.hpp>

#include <charconv>
#include <limits>
#include <string>
#include <string_view>

namespace newsdex {

// Options are spelled in full: boost's default style would take "--lim" for "--limit" and
// so let a typo or a future option change what a command means.
inline constexpr int kCommandLineStyle = boost::program_options::command_line_style::default_style &
                                         ~boost::program_options::command_line_style::allow_guessing;

// Reads text as a whole number of 0 or more. Throws boost::program_options::error naming
// option for anything else: a sign, a fraction, words, or a number too large for Unsigned.
// (Boost's own reading would take "-5" for an unsigned type as a huge number.)
template <typename Unsigned>
[[nodiscard]] Unsigned parse_count(std::string_view option, std::string_view text) {
  static_assert(std::numeric_limits<Unsigned>::is_integer && !std::numeric_limits<Unsigned>::is_signed);
  Unsigned value = 0;
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  const bool digits_only = !text.empty() && text.find_first_not_of("0123456789") == text.npos;
  if (!digits_only || stop != end || error == std::errc::result_out_of_range) {
    const std::string what = error == std::errc::result_out_of_range && digits_only
                                 ? " is too large"
                                 : " must be a whole number, 0 or more";
    throw boost::program_options::error(std::string(option) + what + ", not '" +
                                        std::string(text) + "'");
  }
  return value;
}

// An option value read with parse_count into *target when the options are notified.
// option is the name the message gives, e.g. "--limit".
template <typename Unsigned>
[[nodiscard]] boost::program_options::typed_value<std::string>* count_value(Unsigned* target,
                                                                           const char* option) {
  return boost::program_options::value<std::string>()->notifier(
      [target, option](const std::string& text) { *target = parse_count<Unsigned>(option, text); });
}

// The one-line message for a usage error: "unknown option -l" rather than boost's
// "unrecognised option '-l'", everything else as boost words it.
[[nodiscard]] inline std::string usage_message(const boost::program_options::error& error) {
  if (const auto* unknown = dynamic_cast<const boost::program_options::unknown_option*>(&error)) {
    return "unknown option " + unknown->get_option_name();
  }
  return error.what();
}

}  // namespace newsdex
