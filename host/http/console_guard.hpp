// Who may open a console page: a signed-in user whose role reaches the page's
// floor (learner < designer < admin). Keys are for scripts and open no page.
// The guard runs before the body is read, so a stranger's upload is never
// received; the handler then finds the session with console_user().
#pragma once

#include "accounts/sessions.hpp"
#include "app/runtime.hpp"
#include "http/server/router.hpp"

namespace trellis {

enum class ConsoleRole { learner, designer, admin };

// No session: 303 to /console/login. A role below `floor`: a 403 page in words.
http::Guard console_guard(Runtime& runtime, ConsoleRole floor);
// The session the guard accepted (req.caller holds it); call only behind the guard.
const accounts::Session& console_user(const http::Request& req);
bool role_reaches(const std::string& role, ConsoleRole floor);

}  // namespace trellis
