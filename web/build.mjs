// Bundles the launch page's player: node build.mjs OUTDIR [NODE_MODULES]
// writes OUTDIR/player.js (both of scorm-again's runtimes), player-scorm12.js and
// player-scorm2004.js (one each), OUTDIR/player.css and the console's console.css and console.js.
// NODE_MODULES is where `npm ci` put web/package-lock.json's packages (the
// build runs it in the build tree); without it, web/node_modules.
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const [out, modulesArg] = process.argv.slice(2);
if (!out) {
  console.error("usage: node build.mjs OUTDIR [NODE_MODULES]");
  process.exit(2);
}
const modules = path.resolve(modulesArg || path.join(here, "node_modules"));
const require = createRequire(path.join(modules, "resolve-from-here.js"));
let esbuild;
try {
  esbuild = require("esbuild");
} catch (e) {
  console.error(`build.mjs: esbuild is not installed in ${modules} (run npm ci there): ${e.message}`);
  process.exit(1);
}

const common = {
  bundle: true,
  minify: true,
  sourcemap: false,
  logLevel: "warning",
  legalComments: "eof",
  // Packages come from NODE_MODULES only, never from a stray folder above web/.
  nodePaths: [modules],
  absWorkingDir: here,
};
// One bundle with both runtime APIs, and one per API: scorm-again's 2004
// runtime is five times the 1.2 one, and a 1.2 launch page need not parse it.
for (const [name, apis] of [["player", "apis-all.js"], ["player-scorm12", "apis-scorm12.js"],
                            ["player-scorm2004", "apis-scorm2004.js"]]) {
  await esbuild.build({
    ...common,
    entryPoints: [path.join(here, "player", "player.js")],
    outfile: path.join(out, `${name}.js`),
    alias: { "trellis-runtime-apis": `./player/${apis}` },
    format: "iife",
    target: ["es2020"],
    platform: "browser",
  });
}
await esbuild.build({
  ...common,
  entryPoints: [path.join(here, "player", "player.css")],
  outfile: path.join(out, "player.css"),
});
// The console's stylesheet and its one enhancement script (its pages are
// written by the host and read without script).
await esbuild.build({
  ...common,
  entryPoints: [path.join(here, "console", "console.css")],
  outfile: path.join(out, "console.css"),
});
await esbuild.build({
  ...common,
  entryPoints: [path.join(here, "console", "console.js")],
  outfile: path.join(out, "console.js"),
  format: "iife",
  target: ["es2020"],
  platform: "browser",
});
