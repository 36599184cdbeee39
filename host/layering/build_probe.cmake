# Builds one probe target and checks the outcome: EXPECT=fail wants a compile
# error that names the missing upward header; EXPECT=pass wants success.
execute_process(COMMAND ${CMAKE_COMMAND} --build ${BUILD_DIR} --target ${TARGET}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
set(all "${out}${err}")
if(EXPECT STREQUAL "fail")
  if(rc EQUAL 0)
    message(FATAL_ERROR "${TARGET} built, but an upward include must fail the build")
  endif()
  if(NOT all MATCHES "http/problem.hpp: No such file")
    message(FATAL_ERROR "${TARGET} failed, but not for the upward include:\n${all}")
  endif()
  message(STATUS "refused as it must be: http/problem.hpp is not visible to the catalog floor")
else()
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${TARGET} should build:\n${all}")
  endif()
endif()
