// Checking one commit against a SCORM data model, whichever edition: the
// element table (access and value check per element pattern), the order of
// checks and the tolerances are shared; the codes and the tables are each
// runtime's own.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "flat_model.hpp"

namespace trellis::scorm::rt {

enum class Access { read_only, read_write, write_only };

// What a value check finds wrong, mapped to a code by the model's codes.
enum class Fault { none, type, range, limit };

struct Rule {
  Access access = Access::read_write;
  // Empty: any value. The string is the value as text.
  std::function<Fault(std::string_view)> check;
};

// The standard's code for each way a commit can be refused.
struct Codes {
  int undefined;   // not an element of this data model
  int keyword;     // _children, _count, _version given a different value
  int read_only;   // set an element the content may only read
  int type;        // wrong data type
  int range;       // right type, outside its range
  int limit;       // longer than this LMS keeps (the edition's SPM)
  int order;       // a collection index out of sequence
  int dependency;  // set before what it depends on (408 in 2004)
};

struct Refusal {
  int code = 0;
  std::string element;
  std::string text;
};

class DataModel {
 public:
  DataModel(Codes codes, std::map<std::string, Rule> rules) : codes_(codes), rules_(std::move(rules)) {}
  virtual ~DataModel() = default;

  const Codes& codes() const { return codes_; }
  const Rule* rule(std::string_view pattern) const;

  // Checks `elements` (as the content sent them) against the model. Values
  // equal to `launched` (what the content started with) are not checked
  // again; `stored` is the attempt's state before the commit. On success
  // `into` (a copy of `stored`) has every accepted value of a writable element.
  std::optional<Refusal> apply(const Flat& elements, const Flat& launched, Flat& into) const;

 protected:
  // A read-only element the content sent back with another value that the
  // model accepts anyway (total_time after adding the session): true to skip.
  virtual bool tolerated(std::string_view /*element*/, std::string_view /*value*/, const Flat& /*elements*/,
                         const Flat& /*launched*/) const {
    return false;
  }
  // An element set before the one it depends on (interactions.n.type before
  // its id): the name of the missing element, or empty when all is well.
  virtual std::string missing_dependency(const ElementName& /*name*/, const Flat& /*merged*/) const { return {}; }
  // A check that needs other elements (a response's format depends on the
  // interaction's type), run once the whole commit is merged.
  virtual Fault fault_in_context(const ElementName& /*name*/, std::string_view /*value*/,
                                 const Flat& /*merged*/) const {
    return Fault::none;
  }

 private:
  Codes codes_;
  std::map<std::string, Rule> rules_;
};

// Value checks both models build their tables from.
namespace checks {
std::function<Fault(std::string_view)> one_of(std::initializer_list<std::string_view> words);
// Text of at most `spm` characters (code points): longer is `over`.
std::function<Fault(std::string_view)> text_up_to(size_t spm, Fault over = Fault::limit);
// A real number, in [lo, hi] when given (outside: range).
std::function<Fault(std::string_view)> real_in(std::optional<double> lo, std::optional<double> hi,
                                               Fault outside = Fault::range);
// Counts UTF-8 code points (SCORM's limits are characters, not bytes).
size_t characters(std::string_view text);
}  // namespace checks

}  // namespace trellis::scorm::rt
