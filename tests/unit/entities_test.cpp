// Entity extraction: table-driven wire-text cases, one or more per rule, plus negative cases,
// robustness (fuzz-like) and throughput checks.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "common/entities/entities.hpp"
#include "common/entities/lexicon.hpp"

using newsdex::builtin_entity_extractor;
using newsdex::Entities;
using newsdex::EntityExtractor;
using newsdex::EntityKind;
using newsdex::Lexicon;
using newsdex::LexiconTexts;

namespace {

using Names = std::vector<std::string>;

struct Case {
  const char* rule;
  const char* title;
  const char* body;
  Names persons;
  Names organizations;
  Names places;
};

void check(const Case& c) {
  const Entities e = builtin_entity_extractor().extract(c.title, c.body);
  INFO("rule: " << c.rule);
  INFO("title: " << c.title);
  INFO("body: " << c.body);
  CHECK(e.persons == c.persons);
  CHECK(e.organizations == c.organizations);
  CHECK(e.places == c.places);
}

bool contains(const Names& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

TEST_CASE("entities: realistic wire sentences", "[entities]") {
  const std::vector<Case> cases = {
      {"brief example: titles stripped, alias, surname, possessive, org+title, demonym-free",
       "",
       "President Volodymyr Zelenskyy met NATO Secretary General Mark Rutte in Brussels on "
       "Monday. Zelenskyy said Ukraine needed guarantees, while Putin's spokesman Dmitry Peskov "
       "dismissed the plan.",
       {"Volodymyr Zelenskyy", "Mark Rutte", "Vladimir Putin", "Dmitry Peskov"},
       {"NATO"},
       {"Brussels", "Ukraine"}},
      {"aliases: spelling variants map to one canonical person",
       "",
       "Zelensky and Zelenskiy are the same man as Volodymyr Zelensky; Erdogan hosted him while "
       "Orban and Sanchez watched.",
       {"Volodymyr Zelenskyy", "Recep Tayyip Erdoğan", "Viktor Orbán", "Pedro Sánchez"},
       {},
       {}},
      {"curly-apostrophe possessive and demonym + title",
       "",
       "Russian President Vladimir Putin’s envoy Kirill Dmitriev flew to Washington.",
       {"Vladimir Putin", "Kirill Dmitriev"},
       {},
       {"Washington"}},
      {"place variants canonicalized; demonyms are not entities",
       "",
       "U.S. and British officials met their Ukrainian counterparts in Kiev after the UK and "
       "the USA agreed. American and French diplomats were also there.",
       {},
       {},
       {"United States", "Kyiv", "United Kingdom"}},
      {"days and months are not entities",
       "",
       "On Monday, January 5, the talks resumed. By Friday in March little had changed.",
       {},
       {},
       {}},
      {"sentence-initial function words are not entities",
       "",
       "However, the deal collapsed. After that, Analysts said The plan was doomed. But This "
       "Time It Is Different.",
       {},
       {},
       {}},
      {"surname with no full name stays a surname",
       "",
       "Smith said the company would appeal. The ruling was unfair, Smith added.",
       {"Smith"},
       {},
       {}},
      {"surname-only mention resolves to the full name in the same article",
       "",
       "Canadian Prime Minister Mark Carney spoke first. Later Carney told reporters that "
       "Ottawa would respond. Jane Goodfellow, a trade lawyer, said Goodfellow's firm agreed.",
       {"Mark Carney", "Jane Goodfellow"},
       {},
       {"Ottawa"}},
      {"surname mention before the full name still resolves",
       "",
       "Kowalczyk said the plan was sound. Energy minister Tomasz Kowalczyk spoke in Warsaw.",
       {"Tomasz Kowalczyk"},
       {},
       {"Warsaw"}},
      {"most complete mention wins: middle names",
       "",
       "John Smith arrived. John Michael Smith, the defendant, then spoke.",
       {"John Michael Smith"},
       {},
       {}},
      {"titles alone are not persons",
       "",
       "The President said the Chancellor and the Prime Minister would meet the Secretary "
       "General.",
       {},
       {},
       {}},
      {"title words before unknown names make persons",
       "",
       "Chancellor Friedrich Merz and Governor Kathy Hochul met Mayor Bloomfeld and Dr. "
       "Okonkwo-Reyes.",
       {"Friedrich Merz", "Kathy Hochul", "Bloomfeld", "Okonkwo-Reyes"},
       {},
       {}},
      {"lower-case titles before a name: special envoy, spokesman, chief executive",
       "",
       "Talks with special envoy Steve Witkoff followed, said Kremlin spokesman Dmitry "
       "Peskov, while chief executive Tarquin Vale stayed away.",
       {"Steve Witkoff", "Dmitry Peskov", "Tarquin Vale"},
       {"Kremlin"},
       {}},
      {"modifier + title chains: Deputy Foreign Minister",
       "",
       "Deputy Foreign Minister Sergei Ryabkov met Acting Defense Secretary Zed Quorn.",
       {"Sergei Ryabkov", "Zed Quorn"},
       {},
       {}},
      {"Kyiv is a place, not a person",
       "",
       "Kyiv said the drones were shot down. The mayor of Kyiv, Vitali Klitschko, agreed.",
       {"Vitali Klitschko"},
       {},
       {"Kyiv"}},
      {"White House, Kremlin and Pentagon are organizations",
       "",
       "The White House and the Kremlin traded barbs while the Pentagon stayed silent.",
       {},
       {"White House", "Kremlin", "Pentagon"},
       {}},
      {"acronym + expansion joined (known)",
       "",
       "The North Atlantic Treaty Organization (NATO) met. NATO allies agreed.",
       {},
       {"NATO"},
       {}},
      {"acronym + expansion joined (unknown organization)",
       "",
       "The Committee to Protect Journalists (CPJ) condemned the arrest. CPJ said it was "
       "outrageous.",
       {},
       {"Committee to Protect Journalists"},
       {}},
      {"organization aliases and canonical names",
       "",
       "The EU, the U.N. and the Fed disagreed with the ECB and the IMF.",
       {},
       {"European Union", "United Nations", "Federal Reserve", "European Central Bank",
        "International Monetary Fund"},
       {}},
      {"organization head words",
       "",
       "Shares of Acme Widgets Corp rose after the Ministry of Defence and Harvard University "
       "commented, and the Russian Foreign Ministry said nothing.",
       {},
       {"Acme Widgets Corp", "Ministry of Defence", "Harvard University",
        "Russian Foreign Ministry"},
       {}},
      {"news furniture is never an entity",
       "",
       "Read More\nAdvertisement\nThe summit ended. Read More about Gaza.",
       {},
       {},
       {"Gaza"}},
      {"name particles: von der, bin, al-",
       "",
       "Ursula von der Leyen spoke to Mohammed bin Salman about Bashar al-Assad and Pieter "
       "van der Berg.",
       {"Ursula von der Leyen", "Mohammed bin Salman", "Bashar al-Assad", "Pieter van der Berg"},
       {},
       {}},
      {"a one-word alias after a first name is a different person",
       "",
       "Eric Trump joined his father Donald Trump.",
       {"Eric Trump", "Donald Trump"},
       {},
       {}},
      {"multi-word places and regions",
       "",
       "Fighting in the Donbas and Crimea spread to the Black Sea, the Middle East and New "
       "York, and later to Saudi Arabia.",
       {},
       {},
       {"Donbas", "Crimea", "Black Sea", "Middle East", "New York", "Saudi Arabia"}},
      {"hyphenated adjectives keep the place, drop the adjective",
       "",
       "A U.S.-led coalition and Russian-backed forces clashed near Moscow-based firms.",
       {},
       {},
       {"United States", "Moscow"}},
      {"hyphenated place pairs",
       "",
       "The Russia-Ukraine war entered a new phase.",
       {},
       {},
       {"Russia", "Ukraine"}},
      {"all-caps wire headline: only known names, confirmed by the body",
       "ZELENSKIY SAYS KYIV WILL NOT CEDE LAND, TALKS WITH WITKOFF STALL",
       "President Volodymyr Zelenskiy spoke on Tuesday.",
       {"Volodymyr Zelenskyy", "Steve Witkoff"},
       {},
       {"Kyiv"}},
      {"all-caps headline words are not entities by themselves",
       "MARKETS TUMBLE AS INVESTORS FLEE RISKY ASSETS",
       "Stocks fell sharply.",
       {},
       {},
       {}},
      {"all-caps headline: unknown surname confirmed by body",
       "GRIMSTAD RESIGNS AS CEO",
       "Chief executive Lars Grimstad resigned on Friday.",
       {"Lars Grimstad"},
       {},
       {}},
      {"title-case headline: lexicon names and surnames from the body",
       "Merz Meets Macron in Paris as Allies Weigh Sanctions",
       "German Chancellor Friedrich Merz met French President Emmanuel Macron.",
       {"Friedrich Merz", "Emmanuel Macron"},
       {},
       {"Paris"}},
      {"WHO the organization only in capitals",
       "",
       "Who knows? The WHO warned of a new outbreak.",
       {},
       {"World Health Organization"},
       {}},
      {"wire dateline and credit",
       "",
       "KYIV, Feb 3 (Reuters) - Ukraine's foreign minister Andrii Sybiha said on Tuesday that "
       "Kyiv was ready.",
       {"Andrii Sybiha"},
       {"Reuters"},
       {"Kyiv", "Ukraine"}},
      {"organization title + person: Apple CEO",
       "",
       "Apple CEO Tim Cook and Tesla chief Elon Musk met in Beijing.",
       {"Tim Cook", "Elon Musk"},
       {"Apple", "Tesla"},
       {"Beijing"}},
      {"said X cue",
       "",
       "\"We will not give up,\" said Halvorsen.",
       {"Halvorsen"},
       {},
       {}},
      {"common sentence-initial noun with said is not a person",
       "",
       "Residents said the water was cut. Police said two people died. Banks said rates rose. "
       "Prices rose and banks closed.",
       {},
       {},
       {}},
      {"given names that are also places start a person",
       "",
       "Charlotte Pemberton flew from Charlotte to Jordan.",
       {"Charlotte Pemberton"},
       {},
       {"Jordan"}},
      {"given-name-only mention after a title resolves to the full name",
       "",
       "Prime Minister Keir Starmer spoke. Sir Keir later left for Scotland.",
       {"Keir Starmer"},
       {},
       {"Scotland"}},
      {"journalist credits and bylines are not entities",
       "",
       "By Jane Doe\nNATO met in Brussels.\nReporting by Tom Balmforth in Kyiv; Editing by "
       "Mark Heinrich",
       {},
       {"NATO"},
       {"Brussels"}},
      {"acronym whose expansion starts with a place",
       "",
       "Inspectors reached the Zaporizhzhia Nuclear Power Plant (ZNPP). ZNPP staff stayed.",
       {},
       {"Zaporizhzhia Nuclear Power Plant"},
       {"Zaporizhzhia"}},
      {"firm names next to said are not persons (the tagger knows it is a firm)",
       "",
       "Capital Economics said growth would slow.",
       {},
       {"Capital Economics"},
       {}},
      {"Theresa May is not the month",
       "",
       "In May, Theresa May resigned.",
       {"Theresa May"},
       {},
       {}},
      {"King and Pope titles with aliases",
       "",
       "King Charles met Pope Leo at the Vatican.",
       {"Charles III", "Pope Leo XIV"},
       {},
       {"Vatican City"}},
      {"place + title + person; Xi family name first",
       "",
       "Chinese President Xi Jinping met Premier Li Qiang and Wang Huning in Shanghai. Xi "
       "later left.",
       {"Xi Jinping", "Li Qiang", "Wang Huning"},
       {},
       {"Shanghai"}},
  };
  for (const auto& c : cases) {
    SECTION(c.rule) { check(c); }
  }
}

TEST_CASE("entities: article-level resolution of short mentions", "[entities]") {
  const std::vector<Case> cases = {
      {"1. surname with said merges into a full name cued only by said",
       "",
       "Eskil Brandvold said the terminal would open in spring. Brandvold said the company had "
       "hired 40 drivers.",
       {"Eskil Brandvold"},
       {},
       {}},
      {"1. surname in an all-caps headline merges into the full name in the body",
       "BRANDVOLD HAILS RECORD QUARTER",
       "Chief executive Eskil Brandvold said volumes rose. \"We are growing,\" Brandvold said.",
       {"Eskil Brandvold"},
       {},
       {}},
      {"1. surname said later confirms an unknown full name in apposition",
       "",
       "HALDEN - Ifeoma Okonjo, a nurse from the harbour district, won the women's race. Okonjo "
       "said she would defend her title next year.",
       {"Ifeoma Okonjo"},
       {},
       {}},
      {"1. surname mention before an uncued full name",
       "",
       "Brandvold said volumes rose. Eskil Brandvold, who runs the firm, said more.",
       {"Eskil Brandvold"},
       {},
       {}},
      {"1. a listed surname names the person the article introduced",
       "",
       "Mayor Patricia Vance opened two shelters. \"Stay away from the seafront,\" Vance said.",
       {"Patricia Vance"},
       {},
       {}},
      {"1. unknown full name before ', president of' is a person",
       "",
       "Ojas Mehta, president of an exporters' association, said firms were eager.",
       {"Ojas Mehta"},
       {},
       {}},
      {"2. first word of a company stands for it",
       "",
       "Software company Tarnwell Analytics Ltd. opened an office in Leeds. Tarnwell said it "
       "would hire 50 people.",
       {},
       {"Tarnwell Analytics Ltd."},
       {"Leeds"}},
      {"2. company name after 'said' inside a clause",
       "",
       "Quenmark Semiconductors opened a plant near Dresden. She said Quenmark had cut its costs.",
       {},
       {"Quenmark Semiconductors"},
       {"Dresden"}},
      {"2. club suffix stands for the club; its manager is a person",
       "",
       "Kelby Rovers drew 1-1 on Sunday. Rovers equalised after the break. \"We never gave up,\" "
       "said Rovers manager Tom Reid.",
       {"Tom Reid"},
       {"Kelby Rovers"},
       {}},
      {"2. shorter and fuller company name in one article",
       "AI startup Tarnwell Analytics to double staff",
       "Tarnwell Analytics Ltd., a software company, plans to hire 200 people.",
       {},
       {"Tarnwell Analytics Ltd."},
       {}},
      {"3. plural nouns opening a sentence are not persons",
       "",
       "Organisers said 9,000 runners finished. Stallholders said trade was slow. Volunteers "
       "said the route was safe.",
       {},
       {},
       {}},
      {"4. short all-capital words are acronyms, not persons",
       "",
       "The government says LNG remains a bridge fuel. GDP grew 1.2 percent as CEO pay rose. AI "
       "spending and EV sales rose, said analysts. Prices fell, LNG said.",
       {},
       {},
       {}},
      {"5. plural party names are organizations",
       "",
       "The Christian Democrats and the Social Democrats lost seats, while Greens gained.",
       {},
       {"Christian Democrats", "Social Democrats", "Greens"},
       {}},
      {"6. a given name that is a place, before another place, is not a person",
       "Milan Cortina Games draw big crowds",
       "Fans travelled from Milan to Cortina for the Milan-Cortina Winter Games.",
       {},
       {},
       {"Milan", "Cortina d'Ampezzo"}},
      {"7. 'the Amazon' is the region, 'Amazon said' the company",
       "",
       "Leaders met in the Amazon city of Belém. Fires in the Amazon rose. Amazon said its cloud "
       "unit grew.",
       {},
       {"Amazon"},
       {"Amazon", "Belém"}},
      {"8. unknown single word before said with no evidence is dropped; listed body is an org",
       "",
       "Industry body Tarvex said the rules would save jobs. Trade group Eurofer said it agreed.",
       {},
       {"Eurofer"},
       {}},
      {"company noun before an unknown name makes an organization",
       "",
       "Selin Kaya, chief executive of auditing firm Brightmoor Analytics, spoke. The financial "
       "depository Euroclear holds the assets.",
       {"Selin Kaya"},
       {"Brightmoor Analytics", "Euroclear"},
       {}},
      {"an organization 'in' a place ends before the place",
       "",
       "Dr. Ingrid Solheim works at the Nordic Climate Observatory in Tromsø.",
       {"Ingrid Solheim"},
       {"Nordic Climate Observatory"},
       {"Tromsø"}},
  };
  for (const auto& c : cases) {
    SECTION(c.rule) { check(c); }
  }
}

TEST_CASE("entities: each entity once, in order of first mention", "[entities]") {
  const auto e = builtin_entity_extractor().extract(
      "Putin and Trump talk",
      "Donald Trump called Vladimir Putin. Trump said Putin agreed. Putin's aide Yuri Ushakov "
      "confirmed it in Moscow; Moscow said nothing more.");
  CHECK(e.persons == Names{"Vladimir Putin", "Donald Trump", "Yuri Ushakov"});
  CHECK(e.places == Names{"Moscow"});
}

TEST_CASE("entities: negative cases", "[entities]") {
  const auto& x = builtin_entity_extractor();
  SECTION("empty input") {
    const auto e = x.extract("", "");
    CHECK(e.persons.empty());
    CHECK(e.organizations.empty());
    CHECK(e.places.empty());
  }
  SECTION("lower-case text has no entities") {
    const auto e = x.extract("", "the president said the minister would travel to the capital.");
    CHECK(e.persons.empty());
    CHECK(e.places.empty());
  }
  SECTION("title words, demonyms, months") {
    const auto e =
        x.extract("", "President. Chancellor. Ukrainian. French. Monday. December. Advertisement.");
    CHECK(e.persons.empty());
    CHECK(e.organizations.empty());
    CHECK(e.places.empty());
  }
  SECTION("Us at sentence start is not the United States") {
    const auto e = x.extract("", "Us and them. Let us go.");
    CHECK(e.places.empty());
  }
}

TEST_CASE("lexicon: canonical names, case-insensitive", "[lexicon]") {
  const Lexicon& lex = Lexicon::builtin();
  CHECK(lex.canonical(EntityKind::person, "zelensky") == "Volodymyr Zelenskyy");
  CHECK(lex.canonical(EntityKind::person, "ZELENSKIY") == "Volodymyr Zelenskyy");
  CHECK(lex.canonical(EntityKind::person, "Volodymyr Zelenskyy") == "Volodymyr Zelenskyy");
  CHECK(lex.canonical(EntityKind::person, "erdogan") == "Recep Tayyip Erdoğan");
  CHECK(lex.canonical(EntityKind::person, "von der leyen") == "Ursula von der Leyen");
  CHECK(lex.canonical(EntityKind::place, "u.s.") == "United States");
  CHECK(lex.canonical(EntityKind::place, "US") == "United States");
  CHECK(lex.canonical(EntityKind::place, "kiev") == "Kyiv");
  CHECK(lex.canonical(EntityKind::place, "Türkiye") == "Turkey");
  CHECK(lex.canonical(EntityKind::organization, "nato") == "NATO");
  CHECK(lex.canonical(EntityKind::organization, "eu") == "European Union");
  CHECK(lex.canonical(EntityKind::organization, "U.N.") == "United Nations");
  CHECK(lex.canonical(EntityKind::organization, "ecb") == "European Central Bank");
  CHECK(lex.canonical(EntityKind::organization, "Fed") == "Federal Reserve");
  CHECK_FALSE(lex.canonical(EntityKind::person, "nato").has_value());
  CHECK_FALSE(lex.canonical(EntityKind::place, "Ukrainian").has_value());
  CHECK_FALSE(lex.canonical(EntityKind::person, "").has_value());
}

TEST_CASE("lexicon: built from small texts", "[lexicon]") {
  const Lexicon lex(LexiconTexts{
      "# aliases\nperson\tJane Q. Public\tPublic|J. Public\n",
      "# places\ncountry\tFreedonia\t\tFDN|Fredonia\tFreedonian\n",
      "Jane\tenglish\n",
      "title\tPresident\nmodifier\tDeputy\n",
      "org\tAcme League\tACL\nhead\tLeague\n",
      "Monday\tday\n"});
  CHECK(lex.canonical(EntityKind::person, "public") == "Jane Q. Public");
  CHECK(lex.canonical(EntityKind::place, "fredonia") == "Freedonia");
  CHECK(lex.canonical(EntityKind::organization, "acl") == "Acme League");
  const EntityExtractor x(lex);
  const auto e = x.extract("", "Deputy President Public met a Freedonian delegation in Fredonia "
                               "on Monday with the ACL and the Acl.");
  CHECK(e.persons == Names{"Jane Q. Public"});
  CHECK(e.places == Names{"Freedonia"});
  CHECK(e.organizations == Names{"Acme League"});
}

TEST_CASE("lexicon: a name given to several people means the one of the article's year",
          "[lexicon]") {
  const Lexicon lex(LexiconTexts{
      "person\tAnna Berg\tBerg\t2001-\nperson\tOtto Berg\tBerg\t1960-1990\n"
      "person\tCarl Berg\tBerg\t1991-1995\n",
      "", "", "", "org\tNewco\tOldco\t1999-\norg\tOldco\tOldco Corp\t-1998\n", ""});
  const auto person = [&](std::optional<int> year) {
    return std::string(*lex.canonical(EntityKind::person, "Berg", year));
  };
  CHECK(person(std::nullopt) == "Anna Berg");  // undated: the first listed
  CHECK(person(1975) == "Otto Berg");
  CHECK(person(1993) == "Carl Berg");
  CHECK(person(2024) == "Anna Berg");
  CHECK(person(1950) == "Otto Berg");    // before all: the nearest
  CHECK(person(1997) == "Carl Berg");    // between: the nearest
  CHECK(lex.canonical(EntityKind::person, "Otto Berg", 2024) == "Otto Berg");  // written whole
  CHECK(lex.canonicals(EntityKind::person, "berg") ==
        std::vector<std::string_view>{"Anna Berg", "Otto Berg", "Carl Berg"});
  CHECK(lex.canonicals(EntityKind::person, "Otto Berg") == std::vector<std::string_view>{"Otto Berg"});
  CHECK(lex.canonical(EntityKind::organization, "Oldco", 1987) == "Oldco");
  CHECK(lex.canonical(EntityKind::organization, "Oldco", 2005) == "Newco");
}

TEST_CASE("entities: dated aliases resolve by the article's year", "[entities]") {
  const auto& x = builtin_entity_extractor();
  const char* body =
      "Finance Minister Stoltenberg said the accord would hold. Exxon Corp shares rose, "
      "and President George Bush welcomed the news.";
  const auto then = x.extract("", body, 1987);
  CHECK(contains(then.persons, "Gerhard Stoltenberg"));
  CHECK(contains(then.persons, "George H. W. Bush"));
  CHECK(contains(then.organizations, "Exxon"));
  const auto later = x.extract("", body, 2005);
  CHECK(contains(later.persons, "Jens Stoltenberg"));
  CHECK(contains(later.persons, "George W. Bush"));
  const auto recent = x.extract("", "Exxon said output rose.", 2010);
  CHECK(contains(recent.organizations, "ExxonMobil"));
  // Named in full, the article says which one it means, whatever its year.
  const auto named = x.extract("", "Gerhard Stoltenberg, the former finance minister, died. "
                                   "Stoltenberg led the ministry for seven years.", 2001);
  CHECK(named.persons == Names{"Gerhard Stoltenberg"});
}

TEST_CASE("lexicon: fold", "[lexicon]") {
  CHECK(Lexicon::fold("  Erdoğan’s  U.S.  Łódź ") == "erdogan's us lodz");
  CHECK(Lexicon::fold("STRAßE Ørsted Şişli") == "strasse orsted sisli");
  CHECK(Lexicon::fold("ПУТИН") == "путин");
}

TEST_CASE("entities: never crashes on hostile input", "[entities][robustness]") {
  const auto& x = builtin_entity_extractor();
  const std::vector<std::string> odd = {
      std::string("\xE2\x80", 2),  // truncated UTF-8
      std::string("\xFF\xFE\xC0\x80", 4),
      "(", ")", "( NATO", "Organization (", "A (B)", "(NATO)", "X (", "'s", "’s", "-", "--A",
      "U.S.", "U.S", ".", "...", "Mr.", "al-", "d'", "Foo-", "-Foo", "A-b-c-d-e-f",
      std::string(1000, 'A'), std::string(1000, '.'), std::string(500, '('),
      "President President President", "of of of Of OF", "The The The",
      std::string("Zelenskyy\0Putin", 15)};
  for (const auto& s : odd) {
    CAPTURE(s);
    CHECK_NOTHROW((void)x.extract(s, s));
  }
  std::mt19937 rng(12345);
  const std::vector<std::string> pieces = {
      "Putin", "NATO", " ", ".", "(", ")", "President ", "of ", "al-", "Kyiv", "’s", "'s",
      "\xC3\xA9", "\xE2\x80\x99", "\n", "U.S.", "-", "&", "Mark", "Rutte", "von", "der",
      "Bank", "Ministry", "said", "\xF0\x9F\x98\x80", "\xE2", "\x80", "A", "ZNPP"};
  for (int round = 0; round < 2000; ++round) {
    std::string s;
    const int n = static_cast<int>(rng() % 40);
    for (int k = 0; k < n; ++k) s += pieces[rng() % pieces.size()];
    CAPTURE(s);
    CHECK_NOTHROW((void)x.extract(s.substr(0, s.size() / 3), s));
  }
}

// Speed is the benchmark's business (bench/); these check that repeated and huge inputs give
// the same, complete answers.
TEST_CASE("entities: many articles and one huge article", "[entities]") {
  const std::string paragraph =
      "KYIV, Feb 3 (Reuters) - President Volodymyr Zelenskyy met NATO Secretary General Mark "
      "Rutte in Brussels on Monday. Zelenskyy said Ukraine needed guarantees, while Putin's "
      "spokesman Dmitry Peskov dismissed the plan. The European Central Bank (ECB) held rates, "
      "and analysts at Goldman Sachs said the Federal Reserve would follow. Smith said prices "
      "rose in the United States and in Germany, where Chancellor Friedrich Merz spoke.\n";
  const auto& x = builtin_entity_extractor();
  SECTION("many articles") {
    std::string article;
    for (int k = 0; k < 6; ++k) article += paragraph;
    std::size_t persons = 0;
    for (int k = 0; k < 200; ++k) {
      persons += x.extract("Zelenskyy meets Rutte", article).persons.size();
    }
    // Zelenskyy, Rutte, Putin, Peskov, Merz. "Smith said" opens a sentence with no full name or
    // title anywhere, so it is not evidence of a person on its own.
    CHECK(persons == 200 * 5);
  }
  SECTION("one huge article") {
    std::string body;
    while (body.size() < 2'000'000) body += paragraph;
    const auto e = x.extract("", body);
    CHECK(contains(e.persons, "Volodymyr Zelenskyy"));
    CHECK(contains(e.persons, "Friedrich Merz"));
  }
}

TEST_CASE("entities: newswire junk never reaches the facets", "[entities][wire]") {
  const std::vector<Case> cases = {
      {"a legal suffix attaches to the name before it and never stands alone",
       "",
       "Shares of Kestrel Widgets Corp rose, and Valtero Holdings Inc said it would\n"
       "bid. Nothing was heard from Co or Corp.",
       {},
       {"Kestrel Widgets Corp", "Valtero Holdings Inc"},
       {}},
      {"a listed company is named without its legal form, through the alias list",
       "",
       "International Business Machines Corp and Chrysler Corp reported higher profits.",
       {},
       {"IBM", "Chrysler"},
       {}},
      {"'X & Y's' stays whole, and a possessive agency keeps its name",
       "",
       "Standard & Poor's Corp downgraded the debt, and Moody's Investors Service followed.",
       {},
       {"Standard & Poor's", "Moody's"},
       {}},
      {"two unknown names joined by an ampersand are one firm",
       "",
       "The deal was arranged by Halvorsen & Quist, the bank said.",
       {},
       {"Halvorsen & Quist"},
       {}},
      {"wire abbreviations are never entities",
       "",
       "Shr 1.20 dlrs vs 1.10 dlrs\n    Nine Mths Shr 3.40 vs 3.10\n    H.K. Dlrs 2.5 mln vs 2.1 mln",
       {},
       {},
       {}},
      {"a line break inside a name is a space",
       "",
       "The Bank of England governor, who spoke to reporters yesterday, Robin\n"
       "Leigh-Pemberton, said rates would stay where they were.",
       {"Robin Leigh-Pemberton"},
       {"Bank of England"},
       {}},
      {"a listed person's first name cut off by a short line is that person",
       "",
       "U.S. Trade Representative Clayton\nYeutter said he was almost sure Japan would not "
       "retaliate.",
       {"Clayton Yeutter"},
       {},
       {"United States", "Japan"}},
      {"brokerages named like persons are organizations",
       "",
       "First Boston Corp and Smith Barney will act as underwriters, with E.F. Hutton.",
       {},
       {"First Boston", "Smith Barney", "E.F. Hutton"},
       {}},
      {"an all-caps dateline is not a person",
       "",
       "BEVERLY HILLS, Calif., March 3 - Shares of the studio rose sharply on the\n"
       "news, analysts said.",
       {},
       {},
       {"California"}},
      {"a lone given name is not a person",
       "",
       "\"We will not sell,\" John said. David added that talks would go on.",
       {},
       {},
       {}},
  };
  for (const auto& c : cases) check(c);
}

TEST_CASE("lexicon: a place knows the country it lies in", "[entities][places]") {
  const Lexicon& lexicon = Lexicon::builtin();
  CHECK(lexicon.place_country("Houston") == "United States");
  CHECK(lexicon.place_country("Texas") == "United States");
  CHECK(lexicon.place_country("United States").empty());
  CHECK(lexicon.place_country("Nowhere Special").empty());
}
