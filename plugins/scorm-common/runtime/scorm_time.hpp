// The SCORM time formats, both ways: SCORM 2004 timeinterval (ISO 8601
// durations, "PT1H2M3.5S") and timestamps, SCORM 1.2 CMITimespan
// ("0001:02:03.50") and CMITime ("13:45:00"). Seconds are doubles: SCORM
// stores centiseconds at most, well inside a double's precision.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace trellis::scorm::rt {

// P[nY][nM][nD][T[nH][nM][n[.n]S]]; a year counts 365 days and a month 30,
// as nothing in SCORM says otherwise. nullopt for anything else ("P", "PT").
std::optional<double> parse_iso_duration(std::string_view text);
// "PT0S", "PT1H2M3.5S": hours, minutes, seconds to centiseconds.
std::string format_iso_duration(double seconds);

// HHHH:MM:SS[.S[S]] with 2 to 4 hour digits (CMITimespan).
std::optional<double> parse_cmi_timespan(std::string_view text);
std::string format_cmi_timespan(double seconds);

// HH:MM:SS[.S[S]], a time of day (CMITime, SCORM 1.2 interactions).
bool is_cmi_time(std::string_view text);

// SCORM 2004 time(second,10,0): YYYY[-MM[-DD[Thh[:mm[:ss[.s+][TZD]]]]]].
bool is_iso_timestamp(std::string_view text);

}  // namespace trellis::scorm::rt
