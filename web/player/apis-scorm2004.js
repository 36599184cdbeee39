// SCORM 2004 only: player-scorm2004.js, for 2004 launch pages.
export { Scorm2004API } from "scorm-again/scorm2004";
export const Scorm12API = null;
