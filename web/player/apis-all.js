// Both runtime APIs: the bundle player.js (any SCORM launch page, the contract test).
export { Scorm12API, Scorm2004API } from "scorm-again";
