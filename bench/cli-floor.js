// What every `transport-lint` run costs before it lints a file: Node's start, TypeScript (through the code cache, as
// the CLI loads it), ESLint, typescript-eslint's parser and the plugin, the plan of programs (the CLI's own
// projects.ts), and for each program with a file that a rule may report on, building it and creating its type checker
// (typescript-eslint creates the checker when it parses the first file with types: TypeScript binds every file of the
// program then). Nothing is linted. `bench/cli-vs-tsc.js --floor` runs it beside the CLI with the same arguments (the
// files), so that the table shows how much of the CLI's time is this floor and how much is linting.
//
//   node bench/cli-floor.js <files or folders>      # in the project's folder, as transport-lint
import { loadWithCodeCache } from '../dist/cli/compile-cache.js';

loadWithCodeCache('typescript');
const [{ findFiles }, projects, relevance, { Programs }, plugin] = await Promise.all([
  import('../dist/cli/files.js'),
  import('../dist/cli/projects.js'),
  import('../dist/cli/relevance.js'),
  import('../dist/cli/programs.js'),
  import('../dist/index.js'),
  import('eslint'),
  import('@typescript-eslint/parser'),
]);
const files = findFiles(process.argv.slice(2), process.cwd());
const plan = projects.planPrograms(files, { bundledTypeRoot: projects.bundledTypeRoot(), cwd: process.cwd() });
const rules = plugin.default.configs.recommended.rules;
const configured = relevance.configuredRules(rules, (id) => plugin.default.rules[id.slice(id.indexOf('/') + 1)]);
const programs = new Programs(plan.groups, plan.configs);
let built = 0;
let checked = 0;
for (const group of plan.groups) {
  // the CLI's first filter: the text of each file (its second, on the program's parse, needs the program anyway)
  if (!group.owned.some((file) => relevance.mayReport(file, relevance.readSource(file) ?? '', configured))) continue;
  const program = programs.program(group);
  program.getTypeChecker();
  built++;
  checked += program.getSourceFiles().length;
  programs.release(group, group !== plan.groups.at(-1));
}
console.error(`cli-floor: ${files.length} files, ${built} program(s) built and bound, ${checked} source files in them`);
