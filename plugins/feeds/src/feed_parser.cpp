#include "feed_parser.hpp"

#include <pugixml.hpp>

#include <sstream>

#include "trellis/connector_kit/dates.hpp"
#include "trellis/connector_kit/fingerprint.hpp"
#include "trellis/connector_kit/text.hpp"

namespace trellis::feeds {
namespace kit = trellis::connector_kit;
namespace {

std::string_view local_name(const char* name) {
  std::string_view n(name);
  size_t colon = n.find(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

pugi::xml_node child(pugi::xml_node parent, std::string_view name) {
  for (pugi::xml_node c : parent.children())
    if (c.type() == pugi::node_element && local_name(c.name()) == name) return c;
  return {};
}

std::vector<pugi::xml_node> children(pugi::xml_node parent, std::string_view name) {
  std::vector<pugi::xml_node> out;
  for (pugi::xml_node c : parent.children())
    if (c.type() == pugi::node_element && local_name(c.name()) == name) out.push_back(c);
  return out;
}

pugi::xml_attribute attribute(pugi::xml_node node, std::string_view name) {
  for (pugi::xml_attribute a : node.attributes())
    if (local_name(a.name()) == name) return a;
  return {};
}

// The element's own character data (text and CDATA children), unchanged.
std::string own_text(pugi::xml_node node) {
  std::string out;
  for (pugi::xml_node c : node.children())
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) out += c.value();
  return out;
}

// The element's content as markup, for Atom's type="xhtml".
std::string inner_markup(pugi::xml_node node) {
  std::ostringstream out;
  for (pugi::xml_node c : node.children()) c.print(out, "", pugi::format_raw);
  return out.str();
}

// A text construct: plain text, or HTML (escaped or xhtml) turned into text.
std::string text_of(pugi::xml_node node, bool html_by_default) {
  if (!node) return {};
  std::string type = kit::ascii_lower(node.attribute("type").value());
  if (type == "xhtml") return kit::html_to_text(inner_markup(node));
  bool html = type == "html" || type == "text/html" || (type.empty() && html_by_default);
  return html ? kit::html_to_text(own_text(node)) : kit::repair_utf8(own_text(node));
}

std::string one_line(std::string text) { return kit::collapse_spaces(text); }

// RSS <author> is "email (Name)" or just an email; the name is what people read.
std::string rss_author(std::string_view text) {
  size_t open = text.find('('), close = text.rfind(')');
  if (open != std::string_view::npos && close != std::string_view::npos && close > open)
    return std::string(kit::trim(text.substr(open + 1, close - open - 1)));
  return std::string(kit::trim(text));
}

// Makes refs unique across feeds: a guid that is not itself a URI is only
// unique within its feed.
std::string entry_ref(std::string_view id, const std::string& link, const FeedEntry& e, const std::string& feed_url) {
  std::string trimmed(kit::trim(id));
  if (!trimmed.empty()) return trimmed.find(':') != std::string::npos ? trimmed : feed_url + "#" + trimmed;
  if (!link.empty()) return link;
  return feed_url + "#" + kit::Fingerprint().add(e.title).add(e.body).hex();
}

// `own_link` is the entry's own link, before any fallback to the feed's.
void finish(FeedEntry& e, std::string_view id, const std::string& own_link, const std::string& feed_url) {
  e.title = kit::repair_utf8(one_line(e.title));
  e.author = kit::repair_utf8(one_line(e.author));
  for (auto& t : e.tags) t = kit::repair_utf8(one_line(t));
  std::erase_if(e.tags, [](const std::string& t) { return t.empty(); });
  e.ref = kit::repair_utf8(entry_ref(id, own_link, e, feed_url));
}

// Relative links in RSS resolve against the channel's link (the site), which
// differs from the feed's own URL when feeds are served elsewhere.
void read_rss_item(pugi::xml_node item, const std::string& feed_url, const std::string& about, Feed& feed) {
  const std::string& base = feed.link;
  FeedEntry e;
  e.title = kit::decode_entities(own_text(child(item, "title")));
  e.link = absolute_http_url(kit::trim(own_text(child(item, "link"))), base);
  pugi::xml_node guid = child(item, "guid");
  if (e.link.empty() && guid && std::string_view(guid.attribute("isPermaLink").value()) != "false")
    e.link = absolute_http_url(kit::trim(own_text(guid)), base);
  std::string own_link = e.link;
  if (e.link.empty()) e.link = feed.link;
  e.author = rss_author(own_text(child(item, "author")));
  if (e.author.empty()) e.author = own_text(child(item, "creator"));
  std::string date = own_text(child(item, "pubDate"));
  if (date.empty()) date = own_text(child(item, "date"));
  e.updated = kit::any_date_as_rfc3339(date);
  pugi::xml_node content = child(item, "encoded");
  e.body = text_of(content ? content : child(item, "description"), true);
  for (auto c : children(item, "category")) e.tags.push_back(own_text(c));
  for (auto c : children(item, "subject")) e.tags.push_back(own_text(c));
  finish(e, guid ? own_text(guid) : about, own_link, feed_url);
  feed.entries.push_back(std::move(e));
}

std::string atom_link(pugi::xml_node parent, const std::string& base) {
  std::string fallback;
  for (auto link : children(parent, "link")) {
    std::string rel = link.attribute("rel").value();
    std::string href = absolute_http_url(kit::trim(link.attribute("href").value()), base);
    if (href.empty()) continue;
    if (rel.empty() || rel == "alternate") return href;
    if (fallback.empty() && rel != "self" && rel != "edit") fallback = href;
  }
  return fallback;
}

// Relative links in Atom resolve against xml:base on the feed element, else the
// feed's own URL (RFC 4287 section 1.3 leaves it to XML Base).
void read_atom(pugi::xml_node root, const std::string& document_url, Feed& feed) {
  feed.format = "atom";
  std::string feed_url = absolute_http_url(kit::trim(root.attribute("xml:base").value()), document_url);
  if (feed_url.empty()) feed_url = document_url;
  feed.title = one_line(text_of(child(root, "title"), false));
  feed.link = atom_link(root, feed_url);
  if (feed.link.empty()) feed.link = feed_url;
  std::string feed_author = one_line(own_text(child(child(root, "author"), "name")));
  for (auto entry : children(root, "entry")) {
    FeedEntry e;
    e.title = text_of(child(entry, "title"), false);
    e.link = atom_link(entry, feed_url);
    std::string own_link = e.link;
    if (e.link.empty()) e.link = feed.link;
    e.author = own_text(child(child(entry, "author"), "name"));
    if (kit::trim(e.author).empty()) e.author = feed_author;
    std::string date = own_text(child(entry, "updated"));
    if (date.empty()) date = own_text(child(entry, "published"));
    e.updated = kit::any_date_as_rfc3339(date);
    pugi::xml_node content = child(entry, "content");
    e.body = text_of(content ? content : child(entry, "summary"), false);
    for (auto c : children(entry, "category")) {
      std::string label = c.attribute("label").value();
      e.tags.push_back(label.empty() ? c.attribute("term").value() : label);
    }
    finish(e, own_text(child(entry, "id")), own_link, document_url);
    feed.entries.push_back(std::move(e));
  }
}

}  // namespace

std::string absolute_http_url(std::string_view link, std::string_view base) {
  if (!kit::valid_utf8(link)) return {};
  std::string lower = kit::ascii_lower(link.substr(0, 8));
  if (lower.rfind("http://", 0) == 0 || lower.rfind("https://", 0) == 0)
    return link.find_first_of(" \t\r\n") == std::string_view::npos ? std::string(link) : std::string();
  if (link.empty() || link.find(':') < link.find('/') || link.find_first_of(" \t\r\n") != std::string_view::npos)
    return {};  // another scheme (mailto:, javascript:) or not a URL at all
  size_t scheme_end = base.find("://");
  if (scheme_end == std::string_view::npos) return {};
  if (link.substr(0, 2) == "//") return std::string(base.substr(0, scheme_end + 1)) + std::string(link);
  size_t path_at = base.find('/', scheme_end + 3);
  std::string_view origin = base.substr(0, path_at);
  if (link[0] == '/') return std::string(origin) + std::string(link);
  std::string_view path = path_at == std::string_view::npos ? "/" : base.substr(path_at);
  path = path.substr(0, path.find_first_of("?#"));
  return std::string(origin) + std::string(path.substr(0, path.rfind('/') + 1)) + std::string(link);
}

bool parse_feed(std::string_view document, const std::string& feed_url, Feed& feed, std::string& error) {
  pugi::xml_document doc;
  // parse_default reads no DOCTYPE content and expands only XML's own five
  // entities and character references.
  pugi::xml_parse_result parsed = doc.load_buffer(document.data(), document.size(), pugi::parse_default);
  if (!parsed) {
    error = "not well-formed XML at byte " + std::to_string(parsed.offset) + ": " + parsed.description();
    return false;
  }
  pugi::xml_node root = doc.document_element();
  std::string_view root_name = local_name(root.name());
  if (root_name == "feed") {
    read_atom(root, feed_url, feed);
    return true;
  }
  if (root_name != "rss" && root_name != "RDF") {
    error = "not an RSS or Atom feed (the root element is <" + kit::repair_utf8(std::string(root.name()).substr(0, 64)) + ">)";
    return false;
  }
  feed.format = root_name == "rss" ? "rss2" : "rss1";
  pugi::xml_node channel = child(root, "channel");
  if (!channel) {
    error = "an RSS document without a <channel>";
    return false;
  }
  feed.title = one_line(kit::decode_entities(own_text(child(channel, "title"))));
  feed.link = absolute_http_url(kit::trim(own_text(child(channel, "link"))), feed_url);
  if (feed.link.empty()) feed.link = feed_url;
  // RSS 2.0 items sit in the channel; RSS 1.0 items are the channel's siblings.
  pugi::xml_node holder = root_name == "rss" ? channel : root;
  for (auto item : children(holder, "item")) read_rss_item(item, feed_url, attribute(item, "about").value(), feed);
  return true;
}

}  // namespace trellis::feeds
