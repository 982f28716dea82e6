// The data/lexicon reader: the rules' Lexicon and the tagger's gazetteer read the lists alike.
#include "common/entities/lexicon_tsv.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "common/embedded_files.hpp"
#include "common/entities/lexicon.hpp"
#include "common/entities/ner/gazetteer.hpp"

namespace newsdex {
namespace {

using Forms = std::vector<std::string>;

bool lexicon_demonym(const Lexicon& lexicon, std::string_view word) {
  return lexicon.has(Lexicon::fold(word), Lexicon::demonym);
}

// A one-word phrase as the gazetteer hashes it (lower-cased token, then the sequence hash).
bool gazetteer_demonym(const ner::Gazetteer& gazetteer, std::string_view word) {
  std::string lower;
  ner::lower_ascii(word, lower);
  const auto hash = ner::hash_extend(ner::kEmptySequence, ner::hash_text(lower));
  return (gazetteer.lookup(hash) & (1U << ner::kGazDemonym)) != 0;
}

TEST_CASE("lexicon_tsv: a demonym's plural adds an s unless it ends in one") {
  CHECK(lexicon_tsv::demonym_forms("American") == Forms{"American", "Americans"});
  CHECK(lexicon_tsv::demonym_forms("Swiss") == Forms{"Swiss"});
  CHECK(lexicon_tsv::demonym_forms("Chinese") == Forms{"Chinese", "Chineses"});
}

TEST_CASE("lexicon_tsv: places rows carry name, country, variants and demonym forms") {
  const auto rows = lexicon_tsv::read_places(
      "# comment\n\ncity\tHouston\tUnited States\t\t\r\n"
      "country\tSwitzerland\t\tSwiss Confederation | CH\tSwiss|Swisses\n");
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].name == "Houston");
  CHECK(rows[0].country == "United States");
  CHECK(rows[0].variants.empty());
  CHECK(rows[1].kind == "country");
  CHECK(rows[1].variants == std::vector<std::string_view>{"Swiss Confederation", "CH"});
  CHECK(rows[1].demonyms == Forms{"Swiss", "Swisses"});
}

TEST_CASE("lexicon_tsv: the Lexicon and the gazetteer agree on demonym plurals") {
  const std::string places =
      "country\tSwitzerland\t\t\tSwiss\n"
      "country\tUnited States\t\tUS\tAmerican\n";
  const Lexicon lexicon(LexiconTexts{"", places, "", "", "", ""});
  ner::Gazetteer gazetteer;
  gazetteer.add_lexicon_file("places.tsv", places);
  CHECK_FALSE(gazetteer_demonym(gazetteer, "Swisss"));
  CHECK_FALSE(lexicon_demonym(lexicon, "Swisss"));
  CHECK(gazetteer_demonym(gazetteer, "Americans"));
  CHECK(lexicon_demonym(lexicon, "Americans"));
}

TEST_CASE("lexicon_tsv: over the built-in places list every demonym form agrees") {
  const auto places = embedded_file("places.tsv");
  REQUIRE(places);
  const Lexicon& lexicon = Lexicon::builtin();
  ner::Gazetteer gazetteer;
  gazetteer.add_lexicon_file("places.tsv", *places);
  std::size_t checked = 0;
  for (const auto& row : lexicon_tsv::read_places(*places)) {
    for (const auto& demonym : row.demonyms) {
      if (demonym.find(' ') != std::string::npos) continue;  // one-word forms hash simply
      INFO(demonym);
      CHECK(gazetteer_demonym(gazetteer, demonym));
      CHECK(lexicon_demonym(lexicon, demonym));
      if (demonym.back() == 's') {
        CHECK_FALSE(gazetteer_demonym(gazetteer, demonym + "s"));
        CHECK(lexicon_demonym(lexicon, demonym + "s") == gazetteer_demonym(gazetteer, demonym + "s"));
      }
      ++checked;
    }
  }
  CHECK(checked > 100);
}

}  // namespace
}  // namespace newsdex
