// How console handlers answer: a page with the console's headers (strict CSP,
// no framing, no caching), a 303 after a form, a page of words for a refusal,
// and the fields of a posted form.
#pragma once

#include <map>
#include <string>

#include "http/server/request.hpp"
#include "http/server/response.hpp"

namespace trellis {

void set_page_headers(http::Response& res);
void send_page(http::Response& res, int status, std::string html);
void redirect(http::Response& res, const std::string& to);
// A page that says what went wrong in words (never a raw problem+json).
void send_words(http::Response& res, int status, const std::string& title, const std::string& words);

using FormFields = std::multimap<std::string, std::string>;
bool is_form(const http::Request& req);
std::string form_field(const FormFields& form, const std::string& name);

}  // namespace trellis
