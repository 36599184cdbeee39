#include "xml_stream.hpp"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>

#include <algorithm>
#include <cctype>
#include <exception>
#include <string>

namespace trellis::scorm {
namespace {

constexpr size_t kChunk = 4096;

// pugixml's whitespace: a text run of nothing else is no node there.
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view view(const xmlChar* s) {
  return s ? std::string_view(reinterpret_cast<const char*>(s)) : std::string_view();
}

// The line of the '<' that opened the element being reported. libxml2 calls back
// with the whole start tag still in its buffer and its position past the
// attributes; an attribute value cannot hold a raw '<', so the nearest one back is
// the tag's own. The line counter is the end of the tag: newlines in between are
// taken off.
uint32_t start_tag_line(xmlParserCtxtPtr ctxt) {
  xmlParserInputPtr in = ctxt->input;
  if (in == nullptr || in->cur == nullptr || in->base == nullptr || in->line <= 0) return 0;
  int line = in->line;
  for (const xmlChar* p = in->cur; p > in->base;) {
    --p;
    if (*p == '<') return static_cast<uint32_t>(line);
    if (*p == '\n') --line;
  }
  return static_cast<uint32_t>(in->line);
}

// Whether libxml2 has just read a character reference ("&#32;", "&#x9;"): it
// reports one as text of its own, right after its ';'. Plain text cannot end in
// one (an '&' in text always starts a reference).
bool just_read_char_reference(xmlParserCtxtPtr ctxt) {
  xmlParserInputPtr in = ctxt->input;
  if (in == nullptr || in->cur == nullptr || in->base == nullptr) return false;
  const xmlChar* p = in->cur;
  if (p - in->base < 4 || p[-1] != ';') return false;
  --p;
  while (p > in->base && std::isxdigit(p[-1])) --p;
  if (p > in->base && p[-1] == 'x') --p;
  return p - in->base >= 2 && p[-1] == '#' && p[-2] == '&';
}

// Without entity substitution (XML_PARSE_NOENT stays off) libxml2 hands an '&' in
// an attribute value over as "&#38;"; nothing else in a value can hold an '&'.
void append_value(std::string& out, std::string_view value) {
  for (size_t at = 0;;) {
    size_t amp = value.find("&#38;", at);
    if (amp == std::string_view::npos) {
      out.append(value.substr(at));
      return;
    }
    out.append(value.substr(at, amp - at));
    out += '&';
    at = amp + 5;
  }
}

// The thread's libxml2 error handler, pointed at one parser while it parses.
class ErrorRoute {
 public:
  ErrorRoute(void* ctx, xmlStructuredErrorFunc handler)
      : previous_(xmlStructuredError), previous_ctx_(xmlStructuredErrorContext) {
    xmlSetStructuredErrorFunc(ctx, handler);
  }
  ~ErrorRoute() { xmlSetStructuredErrorFunc(previous_ctx_, previous_); }
  ErrorRoute(const ErrorRoute&) = delete;
  ErrorRoute& operator=(const ErrorRoute&) = delete;

 private:
  xmlStructuredErrorFunc previous_;
  void* previous_ctx_;
};

class PushParser {
 public:
  PushParser(XmlHandler& handler, StreamRider* rider) : handler_(handler), rider_(rider) {
    xmlSAXHandler sax{};
    sax.initialized = XML_SAX2_MAGIC;
    sax.startElementNs = &PushParser::on_start;
    sax.endElementNs = &PushParser::on_end;
    sax.characters = &PushParser::on_characters;
    // The same function: libxml2 then never asks a DTD whether blanks matter.
    sax.ignorableWhitespace = &PushParser::on_characters;
    sax.cdataBlock = &PushParser::on_cdata;
    sax.comment = &PushParser::on_comment;
    sax.processingInstruction = &PushParser::on_pi;
    sax.internalSubset = &PushParser::on_doctype;
    ctxt_ = xmlCreatePushParserCtxt(&sax, this, nullptr, 0, nullptr);
    if (ctxt_ == nullptr) {
      state_ = State::refused;
      return;
    }
    // No network; no entity substitution (NOENT off), no DTD loading (DTDLOAD off).
    xmlCtxtUseOptions(ctxt_, XML_PARSE_NONET);
    if (rider_) {
      rider_->attach(ctxt_);
      attached_ = true;
    }
  }

  ~PushParser() {
    unplug();
    if (ctxt_) xmlFreeParserCtxt(ctxt_);
  }
  PushParser(const PushParser&) = delete;
  PushParser& operator=(const PushParser&) = delete;

  // Whether more pieces are wanted.
  bool feed(std::string_view piece) {
    if (state_ != State::running) return false;
    {
      ErrorRoute route(this, &PushParser::on_error);
      // libxml2 appends each chunk to its input buffer before parsing it, so the
      // buffer grows to a few times the chunk: small chunks keep it small.
      while (!piece.empty() && state_ == State::running) {
        int n = static_cast<int>(std::min<size_t>(piece.size(), kChunk));
        xmlParseChunk(ctxt_, piece.data(), n, 0);
        piece.remove_prefix(static_cast<size_t>(n));
        settle();
      }
    }
    if (failure_) std::rethrow_exception(failure_);
    return state_ == State::running;
  }

  XmlOutcome finish() {
    if (state_ == State::running) {
      {
        ErrorRoute route(this, &PushParser::on_error);
        xmlParseChunk(ctxt_, nullptr, 0, 1);
        settle();
      }
      if (failure_) std::rethrow_exception(failure_);
    }
    unplug();
    if (state_ == State::refused) return XmlOutcome::refused;
    return state_ == State::stopped ? XmlOutcome::stopped : XmlOutcome::complete;
  }

 private:
  enum class State { running, stopped, refused };

  void settle() {
    if (state_ != State::running) return;
    if (doctype_ || ctxt_->wellFormed == 0) state_ = State::refused;
    else if (failure_ || handler_.finished()) state_ = State::stopped;
  }

  void unplug() {
    if (!attached_) return;
    attached_ = false;
    rider_->detach();
  }

  // Nothing may unwind through libxml2's C frames: a handler's exception stops the
  // parse and is rethrown once xmlParseChunk has returned.
  template <typename F>
  void guarded(F&& f) {
    if (failure_) return;
    try {
      f();
      if (handler_.finished()) xmlStopParser(ctxt_);
    } catch (...) {
      failure_ = std::current_exception();
      xmlStopParser(ctxt_);
    }
  }

  // Text is collected into runs that end at markup, as pugixml makes its text
  // nodes; it drops those of nothing but whitespace as written (a "&#32;" is not).
  void flush() {
    if (!run_.empty() && (run_cdata_ || run_referenced_ || !std::all_of(run_.begin(), run_.end(), is_space)))
      handler_.text(run_, run_cdata_);
    run_.clear();
    run_cdata_ = false;
    run_referenced_ = false;
  }

  void start(const xmlChar* local, const xmlChar* prefix, int nb_namespaces, const xmlChar** namespaces,
             int nb_attributes, const xmlChar** attributes) {
    // Names and values go into one buffer first: views into it are taken once it stops growing.
    bytes_.clear();
    bounds_.clear();
    auto mark = [&] { bounds_.push_back(bytes_.size()); };
    if (prefix) bytes_.append(view(prefix)).append(":");
    bytes_.append(view(local));
    mark();
    for (int i = 0; i < nb_namespaces; ++i) {
      bytes_.append(namespaces[2 * i] ? "xmlns:" : "xmlns").append(view(namespaces[2 * i]));
      mark();
      append_value(bytes_, view(namespaces[2 * i + 1]));
      mark();
    }
    for (int i = 0; i < nb_attributes; ++i) {
      const xmlChar** a = attributes + 5 * i;  // localname, prefix, URI, value, end
      if (a[1]) bytes_.append(view(a[1])).append(":");
      bytes_.append(view(a[0]));
      mark();
      append_value(bytes_, std::string_view(reinterpret_cast<const char*>(a[3]), static_cast<size_t>(a[4] - a[3])));
      mark();
    }
    std::string_view all(bytes_);
    attributes_.clear();
    for (size_t i = 1; i + 1 < bounds_.size(); i += 2)
      attributes_.push_back({all.substr(bounds_[i - 1], bounds_[i] - bounds_[i - 1]),
                             all.substr(bounds_[i], bounds_[i + 1] - bounds_[i])});
    handler_.start_element(all.substr(0, bounds_[0]), attributes_, start_tag_line(ctxt_));
  }

  static PushParser* self(void* ctx) { return static_cast<PushParser*>(ctx); }

  static void on_start(void* ctx, const xmlChar* local, const xmlChar* prefix, const xmlChar*, int nb_namespaces,
                       const xmlChar** namespaces, int nb_attributes, int, const xmlChar** attributes) {
    PushParser* p = self(ctx);
    p->guarded([&] {
      p->flush();
      p->start(local, prefix, nb_namespaces, namespaces, nb_attributes, attributes);
    });
  }
  static void on_end(void* ctx, const xmlChar*, const xmlChar*, const xmlChar*) {
    PushParser* p = self(ctx);
    p->guarded([&] {
      p->flush();
      p->handler_.end_element();
    });
  }
  static void on_characters(void* ctx, const xmlChar* ch, int len) {
    PushParser* p = self(ctx);
    p->guarded([&] {
      if (!p->handler_.wants_text()) return;
      if (p->run_cdata_) p->flush();
      p->run_.append(reinterpret_cast<const char*>(ch), static_cast<size_t>(len));
      if (!p->run_referenced_ && std::all_of(ch, ch + len, [](xmlChar c) { return is_space(static_cast<char>(c)); }))
        p->run_referenced_ = just_read_char_reference(p->ctxt_);
    });
  }
  static void on_cdata(void* ctx, const xmlChar* value, int len) {
    PushParser* p = self(ctx);
    p->guarded([&] {
      if (!p->handler_.wants_text()) return;
      if (!p->run_cdata_) p->flush();
      p->run_cdata_ = true;
      p->run_.append(reinterpret_cast<const char*>(value), static_cast<size_t>(len));
    });
  }
  static void on_comment(void* ctx, const xmlChar*) {
    PushParser* p = self(ctx);
    p->guarded([&] { p->flush(); });
  }
  static void on_pi(void* ctx, const xmlChar*, const xmlChar*) {
    PushParser* p = self(ctx);
    p->guarded([&] { p->flush(); });
  }
  // Called as soon as "<!DOCTYPE name ..." is read, before any declaration in it.
  static void on_doctype(void* ctx, const xmlChar*, const xmlChar*, const xmlChar*) {
    PushParser* p = self(ctx);
    p->doctype_ = true;
    xmlStopParser(p->ctxt_);
  }
  static void on_error(void* ctx, xmlErrorPtr error) {
    PushParser* p = self(ctx);
    if (p->rider_ && p->attached_ && error) p->rider_->parser_error(error);
  }

  XmlHandler& handler_;
  StreamRider* rider_;
  xmlParserCtxtPtr ctxt_ = nullptr;
  bool attached_ = false;
  State state_ = State::running;
  bool doctype_ = false;
  std::exception_ptr failure_;
  std::string run_;
  bool run_cdata_ = false;
  bool run_referenced_ = false;  // holds whitespace written as a character reference
  std::string bytes_;
  std::vector<size_t> bounds_;
  std::vector<XmlAttribute> attributes_;
};

}  // namespace

XmlOutcome stream_xml(const XmlSource& source, XmlHandler& handler, StreamRider* rider) {
  PushParser parser(handler, rider);
  source([&](std::string_view piece) { return parser.feed(piece); });
  return parser.finish();
}

}  // namespace trellis::scorm
