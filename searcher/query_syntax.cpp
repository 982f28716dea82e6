// A query-syntax check with positions: quotes, parentheses and boolean operators.
#include "searcher/query_syntax.hpp"

#include <vector>

#include "common/text.hpp"

namespace newsdex {
namespace {

// The 1-based character at byte offset, counting UTF-8 characters (not continuation bytes).
std::size_t character_at(std::string_view text, std::size_t offset) {
  std::size_t characters = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++characters;
  }
  return characters;
}

bool is_binary_operator(std::string_view word) {
  return word == "AND" || word == "OR" || word == "XOR";
}

struct Token {
  std::string_view text;
  std::size_t offset = 0;
};

// The operands since the start, the last '(' or the last operator. Xapian's grammar has no
// place for an operator after words that only exclude ("-oil OR gas"): it would quietly
// read the whole query as plain words, "or" included.
struct Segment {
  std::optional<Token> first_excluded;  // the first '-' operand
  bool includes = false;                // an operand that is not a '-' word
  bool only_excludes() const { return first_excluded && !includes; }
};

class SyntaxChecker {
 public:
  explicit SyntaxChecker(std::string_view query) : query_(query) {}

  std::optional<std::string> check() {
    std::size_t i = 0;
    while (!error_ && i < query_.size()) {
      const char c = query_[i];
      if (is_ascii_space(c)) {
        ++i;
      } else if (c == '"') {
        i = phrase(i);
      } else if (c == '(') {
        opens_.push_back(i);
        outer_segments_.push_back(segment_);
        segment_ = Segment{};
        operand_starts();
        previous_ = Token{query_.substr(i, 1), i};
        ++i;
      } else if (c == ')') {
        close(i);
        ++i;
      } else {
        std::size_t end = i;
        while (end < query_.size() && !is_ascii_space(query_[end]) && query_[end] != '(' &&
               query_[end] != ')' && query_[end] != '"') {
          ++end;
        }
        word(Token{query_.substr(i, end - i), i});
        i = end;
      }
    }
    if (error_) return error_;
    if (operator_) return quoted(*operator_) + " has nothing after it";
    if (!opens_.empty()) return "'(' at " + where(opens_.back()) + " is never closed";
    return std::nullopt;
  }

 private:
  std::string where(std::size_t offset) const {
    return "character " + std::to_string(character_at(query_, offset));
  }
  std::string quoted(const Token& token) const {
    return "'" + std::string(token.text) + "' at " + where(token.offset);
  }

  // A quoted phrase is one operand; returns the offset after its closing quote.
  std::size_t phrase(std::size_t start) {
    const std::size_t close = query_.find('"', start + 1);
    if (close == std::string_view::npos) {
      error_ = "the quote at " + where(start) + " is never closed";
      return query_.size();
    }
    operand(Token{query_.substr(start, close - start + 1), start});
    return close + 1;
  }

  void close(std::size_t offset) {
    if (opens_.empty()) {
      error_ = "')' at " + where(offset) + " has no '(' before it";
    } else if (operator_) {
      error_ = quoted(*operator_) + " has nothing after it";
    } else if (previous_ && previous_->text == "(") {
      error_ = "nothing between '(' at " + where(previous_->offset) + " and ')'";
    }
    if (!opens_.empty()) {
      // The group is one operand of the segment around it, excluding when all it holds does.
      const Segment group = segment_;
      segment_ = outer_segments_.back();
      outer_segments_.pop_back();
      if (group.only_excludes()) {
        if (!segment_.first_excluded) segment_.first_excluded = group.first_excluded;
      } else {
        segment_.includes = true;
      }
      opens_.pop_back();
    }
    previous_ = Token{query_.substr(offset, 1), offset};
  }

  // An operator ends the segment before it, which must not only exclude. AND binds tighter
  // than the others, so "oil AND -gas OR x" is ("oil AND -gas") OR x: the segment goes on.
  void end_segment(const Token& op) {
    if (!error_ && segment_.only_excludes()) {
      error_ = quoted(op) + " has only excluded words before it (" +
               quoted(*segment_.first_excluded) + "): put what to find first, or use NOT";
    }
    if (op.text != "AND") segment_ = Segment{};
  }

  void word(const Token& token) {
    if (is_binary_operator(token.text)) {
      if (operator_) {
        error_ = quoted(token) + " comes right after " + quoted(*operator_);
      } else if (expecting_operand()) {
        error_ = quoted(token) + " has nothing before it";
      }
      end_segment(token);
      operator_ = token;
    } else if (token.text == "NOT") {
      if (operator_ && operator_->text == "NOT") {
        error_ = quoted(token) + " comes right after " + quoted(*operator_);
      }
      end_segment(token);
      operator_ = token;
    } else if (token.text.find_first_not_of("+-") == std::string_view::npos) {
      return;  // a lone sign: Xapian ignores it
    } else {
      operand(token);
    }
    previous_ = token;
  }

  void operand(const Token& token) {
    if (operator_ && operator_->text != "AND" && token.text.front() == '-') {
      error_ = quoted(token) + " cannot follow " + quoted(*operator_) +
               " (a word starting with '-' excludes it: leave out " +
               std::string(operator_->text) + ")";
    }
    if (token.text.front() == '-') {
      if (!segment_.first_excluded) segment_.first_excluded = token;
    } else {
      segment_.includes = true;
    }
    operand_starts();
    previous_ = token;
  }

  void operand_starts() { operator_.reset(); }

  // At the start of the query or right after '(': no left-hand side for an operator.
  bool expecting_operand() const { return !previous_ || previous_->text == "("; }

  std::string_view query_;
  std::vector<std::size_t> opens_;  // offsets of the '(' not yet closed
  std::vector<Segment> outer_segments_;  // the segments around each open '('
  Segment segment_;
  std::optional<Token> operator_;   // the operator waiting for its right-hand side
  std::optional<Token> previous_;
  std::optional<std::string> error_;
};

}  // namespace

std::optional<std::string> query_syntax_error(std::string_view query) {
  return SyntaxChecker(query).check();
}

std::string plain_parser_message(std::string_view query, std::string_view message) {
  constexpr std::string_view kRule = "Syntax: <expression> ";
  if (!message.starts_with(kRule)) return std::string(message);
  std::string_view rest = message.substr(kRule.size());
  const std::string_view op = rest.substr(0, rest.find(" <expression>"));
  // The first place the operator stands as a word of its own.
  for (std::size_t at = query.find(op); at != std::string_view::npos; at = query.find(op, at + 1)) {
    const bool starts = at == 0 || is_ascii_space(query[at - 1]) || query[at - 1] == '(';
    const std::size_t end = at + op.size();
    const bool ends = end == query.size() || is_ascii_space(query[end]) || query[end] == ')';
    if (starts && ends) {
      return "'" + std::string(op) + "' at character " + std::to_string(character_at(query, at)) +
             " needs words on both sides";
    }
  }
  return "'" + std::string(op) + "' needs words on both sides";
}

}  // namespace newsdex
