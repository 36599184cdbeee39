# cmake -DIN=FILE -DOUT=FILE.cpp -DNAME=function -P embed_text.cmake: FILE's text
# as the body of `std::string_view trellis::http::NAME()`, compiled into the host.
file(READ "${IN}" text)
string(FIND "${text}" ")embedded\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${IN} contains the raw string's delimiter )embedded\"")
endif()
file(WRITE "${OUT}.tmp" "// Generated from ${IN} by embed_text.cmake; edit that file instead.\n"
  "#include <string_view>\n\nnamespace trellis::http {\n\n"
  "std::string_view ${NAME}() {\n  static constexpr std::string_view text = R\"embedded(${text})embedded\";\n"
  "  return text;\n}\n\n}  // namespace trellis::http\n")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
