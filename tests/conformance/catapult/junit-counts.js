// Prints pass/fail/skip counts and the failing cases from the JUnit files
// jest-junit wrote; exits 1 when a case failed or no case was reported.
"use strict";
const fs = require("fs"), path = require("path");

const dir = process.argv[2];
const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".xml")) : [];
const unescape = (s) => s.replace(/&quot;/g, "\"").replace(/&apos;/g, "'")
    .replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

let passed = 0, failed = 0, skipped = 0;
const failures = [];
for (const f of files) {
    const xml = fs.readFileSync(path.join(dir, f), "utf8");
    // jest-junit writes <testcase .../> or <testcase ...>...</testcase>.
    for (const m of xml.matchAll(/<testcase\b([^>]*?)(\/>|>([\s\S]*?)<\/testcase>)/g)) {
        const attrs = m[1], inner = m[3] || "";
        const name = unescape((attrs.match(/\bname="([^"]*)"/) || [])[1] || "?");
        if (/<(failure|error)\b/.test(inner)) {
            failed++;
            const text = unescape((inner.match(/<(?:failure|error)[^>]*>([\s\S]*?)<\/(?:failure|error)>/) || [])[1] || "");
            const first = text.replace(/<!\[CDATA\[|\]\]>/g, "").split("\n").find((l) => l.trim()) || "";
            failures.push(`${name}\n      ${first.trim().slice(0, 300)}`);
        } else if (/<skipped\b/.test(inner)) {
            skipped++;
        } else {
            passed++;
        }
    }
}

for (const f of failures) console.log(`FAIL ${f}`);
console.log(`CATAPULT cases: ${passed + failed + skipped} total, ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed === 0 && passed + skipped > 0 ? 0 : 1);
