// Checking a query's syntax first, so that a query that cannot be parsed gets a message
// saying what is wrong and where, instead of Xapian's grammar rule or a silent guess.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace newsdex {

// What is wrong with the query's syntax, in plain words and with the place (the 1-based
// character, counting UTF-8 characters) and the offending token: an unclosed quote or
// parenthesis, a ')' without '(', empty parentheses, AND, OR, XOR or NOT without words on
// both sides (NOT may also start a query or follow AND, OR or XOR), a "-word" right after
// OR, XOR or NOT, an operator after words that only exclude ("-oil OR gas", which Xapian
// would quietly read as the plain words "oil or gas"). nullopt when none of these is found;
// Xapian's parser has the last word.
[[nodiscard]] std::optional<std::string> query_syntax_error(std::string_view query);

// Xapian's message for a query it refused, in the same plain words where it names a rule
// ("Syntax: <expression> OR <expression>" → "'OR' at character 5 needs words on both
// sides"); other messages as they are.
[[nodiscard]] std::string plain_parser_message(std::string_view query, std::string_view message);

}  // namespace newsdex
