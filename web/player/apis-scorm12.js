// SCORM 1.2 only: player-scorm12.js, a fifth of the size of both APIs, for 1.2 launch pages.
export { Scorm12API } from "scorm-again/scorm12";
export const Scorm2004API = null;
