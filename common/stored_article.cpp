// JSON encoding and zstd packing of the stored article.
#include "common/stored_article.hpp"

#include <zstd.h>
#include <nlohmann/json.hpp>

#include <memory>
#include <stdexcept>

#include "common/text.hpp"

namespace newsdex {
namespace {

using nlohmann::json;

// Level 1: on articles of a few KB, higher levels save a few percent of space for twice the
// time or more. Each frame carries a checksum of its content (4 bytes), so that a damaged
// record is refused rather than shown altered.
constexpr int kCompressionLevel = 1;

// No article comes near this; a frame header claiming more is damaged, not something to
// allocate for.
constexpr unsigned long long kMaxUnpackedBytes = 1ULL << 30;

struct CompressionContextDeleter {
  void operator()(ZSTD_CCtx* context) const { ZSTD_freeCCtx(context); }
};
struct DecompressionContextDeleter {
  void operator()(ZSTD_DCtx* context) const { ZSTD_freeDCtx(context); }
};

std::unique_ptr<ZSTD_CCtx, CompressionContextDeleter> make_compression_context() {
  std::unique_ptr<ZSTD_CCtx, CompressionContextDeleter> context(ZSTD_createCCtx());
  if (!context) throw std::bad_alloc();
  if (ZSTD_isError(
          ZSTD_CCtx_setParameter(context.get(), ZSTD_c_compressionLevel, kCompressionLevel)) ||
      ZSTD_isError(ZSTD_CCtx_setParameter(context.get(), ZSTD_c_checksumFlag, 1))) {
    throw std::logic_error("zstd refused the stored-article compression settings");
  }
  return context;
}

// Contexts are reused per thread: creating one per article costs more than compressing it.
ZSTD_CCtx& compression_context() {
  thread_local const auto context = make_compression_context();
  return *context;
}

ZSTD_DCtx& decompression_context() {
  thread_local const std::unique_ptr<ZSTD_DCtx, DecompressionContextDeleter> context(
      ZSTD_createDCtx());
  if (!context) throw std::bad_alloc();
  return *context;
}

// The JSON string of value as nlohmann's dump writes it without ensure_ascii: quote,
// backslash and control characters escaped, everything else as it is.
void append_json_string(std::string& out, std::string_view value) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  std::size_t run = 0;  // start of the bytes not yet copied
  for (std::size_t i = 0; i < value.size(); ++i) {
    const auto c = static_cast<unsigned char>(value[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(value.substr(run, i - run));
    run = i + 1;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 0xf];
    }
  }
  out.append(value.substr(run));
  out += '"';
}

// Writes the members in nlohmann's order (its objects sort their keys), so both encoders
// give the same bytes. Notes whether every string was valid UTF-8, which only nlohmann
// repairs.
class ObjectWriter {
 public:
  void put(std::string_view key, std::string_view value) {
    if (value.empty()) return;
    start(key);
    add(value);
  }
  void put(std::string_view key, const std::vector<std::string>& values) {
    if (values.empty()) return;
    start(key);
    out_ += '[';
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (i > 0) out_ += ',';
      add(values[i]);
    }
    out_ += ']';
  }
  [[nodiscard]] bool valid_utf8() const { return valid_utf8_; }
  std::string finish() {
    out_ += '}';
    return std::move(out_);
  }

 private:
  void start(std::string_view key) {
    if (!first_) out_ += ',';
    first_ = false;
    append_json_string(out_, key);
    out_ += ':';
  }
  void add(std::string_view value) {
    valid_utf8_ = valid_utf8_ && is_valid_utf8(value);
    append_json_string(out_, value);
  }
  std::string out_ = "{";
  bool first_ = true;
  bool valid_utf8_ = true;
};

void put(json& object, const char* key, const std::string& value) {
  if (!value.empty()) object[key] = value;
}

void put(json& object, const char* key, const std::vector<std::string>& values) {
  if (!values.empty()) object[key] = values;
}

// Decodes straight into a StoredArticle while parsing (nlohmann's SAX interface): a search
// decodes the data of every result it shows, and building a json tree first costs about as
// much again as parsing.
class ArticleReader : public nlohmann::json_sax<json> {
 public:
  explicit ArticleReader(StoredArticle& article) : article_(article) {}

  bool start_object(std::size_t /*elements*/) override {
    if (depth_ == 0) is_object_ = true;
    if (depth_ == 1) open_list_ = nullptr;
    ++depth_;
    return true;
  }
  bool end_object() override {
    --depth_;
    return true;
  }
  bool key(string_t& key) override {
    if (depth_ == 1) {
      text_ = text_field(key);
      list_ = list_field(key);
      is_date_ = key == "date";
    }
    return true;
  }
  bool start_array(std::size_t /*elements*/) override {
    if (depth_ == 1) open_list_ = list_;
    ++depth_;
    return true;
  }
  bool end_array() override {
    --depth_;
    return true;
  }
  bool string(string_t& value) override {
    if (depth_ == 1 && text_ != nullptr) *text_ = std::move(value);
    if (depth_ == 1 && is_date_ && !value.empty()) article_.date = parse_date(value);
    if (depth_ == 2 && open_list_ != nullptr) open_list_->push_back(std::move(value));
    return true;
  }
  bool null() override { return true; }
  bool boolean(bool /*value*/) override { return true; }
  bool number_integer(number_integer_t /*value*/) override { return true; }
  bool number_unsigned(number_unsigned_t /*value*/) override { return true; }
  bool number_float(number_float_t /*value*/, const string_t& /*text*/) override { return true; }
  bool binary(binary_t& /*value*/) override { return true; }
  bool parse_error(std::size_t /*position*/, const std::string& /*token*/,
                   const nlohmann::detail::exception& /*error*/) override {
    return false;
  }

  [[nodiscard]] bool read_an_object() const { return is_object_; }

 private:
  std::string* text_field(const std::string& key) {
    if (key == "id") return &article_.id;
    if (key == "title") return &article_.title;
    if (key == "body") return &article_.body;
    if (key == "author") return &article_.author;
    if (key == "source") return &article_.source;
    if (key == "url") return &article_.url;
    if (key == "path") return &article_.path;
    return nullptr;
  }
  std::vector<std::string>* list_field(const std::string& key) {
    if (key == "persons") return &article_.persons;
    if (key == "organizations") return &article_.organizations;
    if (key == "places") return &article_.places;
    return nullptr;
  }

  StoredArticle& article_;
  int depth_ = 0;
  bool is_object_ = false;
  std::string* text_ = nullptr;
  std::vector<std::string>* list_ = nullptr;
  std::vector<std::string>* open_list_ = nullptr;  // the list field whose array is open
  bool is_date_ = false;
};

// The encoding through nlohmann, whose "replace" turns each invalid byte into U+FFFD rather
// than failing the document.
std::string encode_repairing(const StoredArticle& article) {
  json object = json::object();
  put(object, "id", article.id);
  put(object, "title", article.title);
  if (article.date) object["date"] = format_iso_datetime(*article.date);
  put(object, "author", article.author);
  put(object, "source", article.source);
  put(object, "url", article.url);
  put(object, "path", article.path);
  put(object, "persons", article.persons);
  put(object, "organizations", article.organizations);
  put(object, "places", article.places);
  put(object, "body", article.body);
  return object.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace

std::string encode_stored_article(const StoredArticle& article) {
  // Indexed text is valid UTF-8 (repair_utf8), so the direct writer nearly always does;
  // building an nlohmann object and dumping it took 1.7% of the CPU of indexing.
  ObjectWriter writer;
  writer.put("author", article.author);
  writer.put("body", article.body);
  if (article.date) writer.put("date", format_iso_datetime(*article.date));
  writer.put("id", article.id);
  writer.put("organizations", article.organizations);
  writer.put("path", article.path);
  writer.put("persons", article.persons);
  writer.put("places", article.places);
  writer.put("source", article.source);
  writer.put("title", article.title);
  writer.put("url", article.url);
  return writer.valid_utf8() ? writer.finish() : encode_repairing(article);
}

StoredArticle decode_stored_article(std::string_view data) {
  StoredArticle article;
  ArticleReader reader(article);
  if (!json::sax_parse(data.begin(), data.end(), &reader) || !reader.read_an_object()) {
    throw std::runtime_error("document data is not a Newsdex article record");
  }
  return article;
}

std::string pack_stored_article(const StoredArticle& article) {
  const std::string data = encode_stored_article(article);
  std::string packed(ZSTD_compressBound(data.size()), '\0');
  const std::size_t size = ZSTD_compress2(&compression_context(), packed.data(), packed.size(),
                                          data.data(), data.size());
  // With a buffer of ZSTD_compressBound bytes, compression only fails when memory runs out.
  if (ZSTD_isError(size)) throw std::bad_alloc();
  packed.resize(size);
  return packed;
}

StoredArticle unpack_stored_article(std::string_view packed) {
  const unsigned long long size = ZSTD_getFrameContentSize(packed.data(), packed.size());
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN ||
      size > kMaxUnpackedBytes) {
    throw std::runtime_error("stored article is not a zstd frame of known size");
  }
  std::string data(static_cast<std::size_t>(size), '\0');
  const std::size_t unpacked = ZSTD_decompressDCtx(&decompression_context(), data.data(),
                                                   data.size(), packed.data(), packed.size());
  if (ZSTD_isError(unpacked) || unpacked != data.size()) {
    throw std::runtime_error(
        "stored article does not decompress: " +
        std::string(ZSTD_isError(unpacked) ? ZSTD_getErrorName(unpacked) : "short frame"));
  }
  return decode_stored_article(data);
}

}  // namespace newsdex
