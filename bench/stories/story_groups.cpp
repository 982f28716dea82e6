// Prints the story of every article of a Newsdex database, one "ID<TAB>STORY<TAB>COPY_OF" a
// line: ID the id results show, COPY_OF that of the original it copies, or "".
#include <xapian.h>

#include <iostream>

#include "common/schema.hpp"

int main(int argc, char** argv) try {
  if (argc != 2) {
    std::cerr << "usage: story_groups DB\n";
    return 2;
  }
  const Xapian::Database db(argv[1]);
  const std::string prefix(newsdex::kShownIdPrefix);
  const auto shown_id = [&](Xapian::docid did) -> std::string {
    auto term = db.termlist_begin(did);
    term.skip_to(prefix);
    if (term == db.termlist_end(did) || !(*term).starts_with(prefix)) return {};
    return (*term).substr(prefix.size());
  };
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    const Xapian::Document doc = db.get_document(*it);
    const std::string id = shown_id(*it);
    if (id.empty()) continue;
    const std::string original = doc.get_value(newsdex::slot_number(newsdex::Slot::copy_of));
    const auto original_posting = db.postlist_begin(original);
    std::cout << id << '\t' << doc.get_value(newsdex::slot_number(newsdex::Slot::story)) << '\t'
              << (original.empty() || original_posting == db.postlist_end(original)
                      ? std::string()
                      : shown_id(*original_posting))
              << '\n';
  }
  return 0;
} catch (const Xapian::Error& error) {
  std::cerr << "story_groups: " << argv[1] << ": " << error.get_msg() << '\n';
  return 1;
}
