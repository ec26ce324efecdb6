// Which of three unrelated type questions pays TypeScript's one-time work on Node's stream classes
// (docs/performance.md, "Where the time goes"). Builds the program of a generated project, then asks, in the
// order given, for a member of `net.Socket`, the return type of `http2.createServer()` and a member of
// `Http2ServerRequest`, timing each. Run each order in a fresh process:
//
//   node bench/first-question.js bench/out/p200 socket h2-server h2-request
//   node bench/first-question.js bench/out/p200 h2-server socket h2-request

import path from 'node:path';
import { performance } from 'node:perf_hooks';
import ts from 'typescript';

const [dir, ...order] = process.argv.slice(2);
const QUESTIONS = {
  socket: ['net', 'Socket', (checker, symbol) => checker.getDeclaredTypeOfSymbol(symbol).getProperty('setNoDelay')],
  'h2-server': [
    'http2',
    'createServer',
    (checker, symbol) => checker.getReturnTypeOfSignature(checker.getSignatureFromDeclaration(symbol.declarations[0])),
  ],
  'h2-request': [
    'http2',
    'Http2ServerRequest',
    (checker, symbol) => checker.getDeclaredTypeOfSymbol(symbol).getProperty('socket'),
  ],
};
if (!dir || order.length === 0 || order.some((q) => !(q in QUESTIONS))) {
  console.error(`usage: node bench/first-question.js <project dir> <${Object.keys(QUESTIONS).join('|')}>...`);
  process.exit(2);
}

const host = {
  ...ts.sys,
  onUnRecoverableConfigFileDiagnostic: (d) => console.error(ts.flattenDiagnosticMessageText(d.messageText, '\n')),
};
const config = ts.getParsedCommandLineOfConfigFile(path.resolve(dir, 'tsconfig.json'), {}, host);
const program = ts.createProgram(config.fileNames, config.options);
const checker = program.getTypeChecker();

/** An export of one of @types/node's modules (`declare module "net" { … }`), found without asking for any type. */
function nodeExport(module, name) {
  const file = program.getSourceFiles().find((f) => f.fileName.endsWith(`/@types/node/${module}.d.ts`));
  const declaration = file?.statements.find((s) => ts.isModuleDeclaration(s) && s.name.text === module);
  const symbol = declaration && checker.getSymbolAtLocation(declaration.name);
  const found = symbol && checker.getExportsOfModule(symbol).find((s) => s.name === name);
  if (!found) throw new Error(`no ${module}.${name} in the program of ${dir}: is @types/node installed?`);
  return found;
}

for (const key of order) {
  const [module, name, ask] = QUESTIONS[key];
  const symbol = nodeExport(module, name);
  const start = performance.now();
  ask(checker, symbol);
  console.log(`${key.padEnd(12)} ${(performance.now() - start).toFixed(2).padStart(7)} ms`);
}
