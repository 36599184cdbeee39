// Base class for a module runtime (capability trellis.runtime/1, runtime.h).
//
// Both calls take the request document's JSON text and return the answer's:
// the wrapper stays out of the documents' meaning, so a runtime parses with
// whatever JSON library it likes. They are const because the host calls them
// concurrently from any thread ([thread: any]): the attempt's whole state is
// in the request, so a runtime keeps nothing per learner. Throw
// trellis::InvalidInput for a request that is not the document it should be;
// any other exception becomes TRELLIS_ERR_INTERNAL with its message. A commit
// the data model refuses is not an exception: it is an outcome with its
// error_code.
#ifndef TRELLIS_CPP_RUNTIME_HPP
#define TRELLIS_CPP_RUNTIME_HPP

#include <string>
#include <string_view>

#include "trellis/cpp/core.hpp"
#include "trellis/runtime.h"

namespace trellis {
inline namespace sdk1 {

class Runtime {
 public:
  virtual ~Runtime() = default;
  // The module format it runs, as the importer writes it ("scorm12"); must
  // stay valid as long as the plugin (a string literal). Not named format():
  // a plugin that imports and runs one format derives from Importer too,
  // whose format() is the importer's.
  virtual const char* runtime_format() const = 0;
  // "trellis.launch-request/1" -> "trellis.launch-plan/1".
  virtual std::string prepare_launch(std::string_view request_json) const = 0;
  // "trellis.commit-request/1" -> "trellis.commit-outcome/1".
  virtual std::string apply_commit(std::string_view request_json) const = 0;
};

}  // namespace sdk1
}  // namespace trellis

#endif
