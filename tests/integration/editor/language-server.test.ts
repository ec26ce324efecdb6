/**
 * The editor path end to end: the real ESLint language server (`vscode-eslint-language-server` from
 * vscode-langservers-extracted, the server VS Code's ESLint extension and Neovim's nvim-lspconfig `eslint` use) runs
 * over stdio, finds ESLint 10 in the repository's node_modules and the fixture project's flat config
 * (tests/fixtures/editor/eslint.config.js: the built plugin's `recommended` config with the project service), and lints
 * the open, unsaved text of server.ts with type information. The test drives it as an editor does: open the document,
 * pull its diagnostics, ask for code actions on our diagnostic, run the quick fix, apply the edit the server sends
 * back, send the change, and pull again.
 */
import { ESLint } from 'eslint';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LspClient } from '../../helpers/lsp-client.ts';
import { ensureBuilt } from '../../helpers/build.ts';

const require = createRequire(import.meta.url);
const root = path.join(import.meta.dirname, '..', '..', '..');
const fixture = path.join(root, 'tests', 'fixtures', 'editor');
const file = path.join(fixture, 'server.ts');
const uri = pathToFileURL(file).href;
const workspaceFolder = { uri: pathToFileURL(fixture).href, name: 'editor' };
const serverBin = path.join(
  path.dirname(require.resolve('vscode-langservers-extracted/package.json')),
  'bin',
  'vscode-eslint-language-server',
);
const RULE = 'transport/no-unguarded-socket-options';

interface Position {
  line: number;
  character: number;
}
interface Range {
  start: Position;
  end: Position;
}
interface TextEdit {
  range: Range;
  newText: string;
}
interface Diagnostic {
  range: Range;
  message: string;
  severity?: number;
  source?: string;
  code?: string | number;
  codeDescription?: { href: string };
}
interface CodeAction {
  title: string;
  kind?: string;
  isPreferred?: boolean;
  diagnostics?: Diagnostic[];
  edit?: WorkspaceEdit;
  command?: { title: string; command: string; arguments?: unknown[] };
}
interface WorkspaceEdit {
  documentChanges?: { textDocument: { uri: string; version: number | null }; edits: TextEdit[] }[];
  changes?: Record<string, TextEdit[]>;
}
interface InitializeResult {
  capabilities: {
    diagnosticProvider?: unknown;
    codeActionProvider?: unknown;
    executeCommandProvider?: { commands: string[] };
  };
}

/**
 * The settings VS Code's ESLint extension sends for a workspace folder (`workspace/configuration`, section ''), read
 * from the server's source (lib/eslint-language-server/eslint.js, eslintServer.js). `experimental.useFlatConfig` must
 * stay unset: when it is true, the server loads `eslint/use-at-your-own-risk` and wants its `FlatESLint` class, which
 * ESLint 10 no longer exports; ESLint 10 is flat config only, and the server reaches it through `loadESLint()`.
 */
const settings = {
  validate: 'on',
  packageManager: 'npm',
  useESLintClass: false,
  useFlatConfig: true,
  experimental: {},
  codeAction: {
    disableRuleComment: { enable: true, location: 'separateLine', commentStyle: 'line' },
    showDocumentation: { enable: true },
  },
  codeActionOnSave: { mode: 'all' },
  format: false,
  quiet: false,
  onIgnoredFiles: 'off',
  options: {},
  rulesCustomizations: [],
  run: 'onType',
  problems: { shortenToSingleLine: false },
  nodePath: null,
  workingDirectory: { mode: 'location' },
  workspaceFolder,
};

const clientCapabilities = {
  workspace: {
    applyEdit: true,
    configuration: true,
    workspaceFolders: true,
    workspaceEdit: { documentChanges: true },
    didChangeConfiguration: { dynamicRegistration: false },
    executeCommand: { dynamicRegistration: false },
    diagnostics: { refreshSupport: true },
  },
  textDocument: {
    synchronization: { dynamicRegistration: false, didSave: true },
    publishDiagnostics: { relatedInformation: true, versionSupport: true },
    diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
    codeAction: {
      dynamicRegistration: false,
      isPreferredSupport: true,
      codeActionLiteralSupport: {
        codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'source', 'source.fixAll', 'source.fixAll.eslint'] },
      },
    },
  },
  window: { workDoneProgress: false },
};

function offsetAt(text: string, position: Position): number {
  let offset = 0;
  for (let line = 0; line < position.line; line++) {
    const next = text.indexOf('\n', offset);
    if (next === -1) return text.length;
    offset = next + 1;
  }
  return Math.min(offset + position.character, text.length);
}

function textAt(text: string, range: Range): string {
  return text.slice(offsetAt(text, range.start), offsetAt(text, range.end));
}

/** Applies LSP text edits (all relative to the same text), last first. */
function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => offsetAt(text, b.range.start) - offsetAt(text, a.range.start));
  for (const edit of sorted)
    text = text.slice(0, offsetAt(text, edit.range.start)) + edit.newText + text.slice(offsetAt(text, edit.range.end));
  return text;
}

/** The range of the `nth` occurrence of `needle` in `text`, as LSP positions. */
function rangeOf(text: string, needle: string, nth = 0): Range {
  let index = -1;
  for (let i = 0; i <= nth; i++) {
    index = text.indexOf(needle, index + 1);
    if (index === -1) throw new Error(`${JSON.stringify(needle)} occurs fewer than ${nth + 1} times`);
  }
  const position = (offset: number): Position => {
    const before = text.slice(0, offset);
    const line = before.split('\n').length - 1;
    return { line, character: offset - (before.lastIndexOf('\n') + 1) };
  };
  return { start: position(index), end: position(index + needle.length) };
}

/** The same file through ESLint's Node API, as the language server calls it: `lintText` with the file's path. */
async function lintWithNodeApi(text: string): Promise<ESLint.LintResult> {
  const eslint = new ESLint({ cwd: fixture });
  const [result] = await eslint.lintText(text, { filePath: file });
  if (!result) throw new Error('ESLint returned no result');
  return result;
}

describe('the ESLint language server with the recommended config', () => {
  let client: LspClient;
  let initialize: InitializeResult | undefined;
  let text = fs.readFileSync(file, 'utf8');
  let version = 1;
  const applyEditRequests: { label?: string; edit: WorkspaceEdit }[] = [];
  const serverRequests: string[] = [];
  /** `window/logMessage` and `window/showMessage` from the server: type 1 is an error, 3 info. */
  const logs: { type: number; message: string }[] = [];
  const errors = () => logs.filter((l) => l.type === 1).map((l) => l.message);

  /** The document's diagnostics: pulled (`textDocument/diagnostic`) where the server provides them, else pushed. */
  async function diagnostics(timeoutMs?: number): Promise<Diagnostic[]> {
    if (initialize?.capabilities.diagnosticProvider) {
      const report = await client.request<{ kind: string; items: Diagnostic[] }>(
        'textDocument/diagnostic',
        { textDocument: { uri } },
        timeoutMs,
      );
      expect(report.kind).toBe('full');
      return report.items;
    }
    const expected = version;
    const message = await client.waitFor(
      `textDocument/publishDiagnostics for version ${expected}`,
      (m) => {
        const params = m.params as { uri?: string; version?: number } | undefined;
        return (
          m.method === 'textDocument/publishDiagnostics' &&
          params?.uri === uri &&
          (params.version === undefined || params.version === expected)
        );
      },
      timeoutMs,
    );
    return (message.params as { diagnostics: Diagnostic[] }).diagnostics;
  }

  function change(edits: TextEdit[]): void {
    text = applyEdits(text, edits);
    version++;
    // incremental sync, which the server asks for; each change applies to the text after the previous one
    const sorted = [...edits].sort(
      (a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character,
    );
    client.notify('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: sorted.map((e) => ({ range: e.range, text: e.newText })),
    });
  }

  beforeAll(() => {
    ensureBuilt();
    client = new LspClient({
      command: process.execPath,
      args: [serverBin, '--stdio'],
      cwd: fixture,
      timeoutMs: 30_000,
    });
    for (const method of ['window/logMessage', 'window/showMessage'])
      client.onNotification(method, (params) => logs.push(params as { type: number; message: string }));
    client.onRequest('window/showMessageRequest', (params) => {
      logs.push(params as { type: number; message: string });
      return null;
    });
    client.onRequest('workspace/configuration', (params) => (params as { items: unknown[] }).items.map(() => settings));
    client.onRequest('client/registerCapability', () => null);
    client.onRequest('window/workDoneProgress/create', () => null);
    client.onRequest('workspace/diagnostic/refresh', () => null);
    client.onRequest('workspace/applyEdit', (params) => {
      applyEditRequests.push(params as { label?: string; edit: WorkspaceEdit });
      return { applied: true };
    });
    // the server's own requests: an editor shows a message for these; answering keeps the server going
    for (const method of [
      'eslint/noLibrary',
      'eslint/noConfig',
      'eslint/probeFailed',
      'eslint/openDoc',
      'eslint/confirmESLintExecution',
    ]) {
      client.onRequest(method, () => {
        serverRequests.push(method);
        return {};
      });
    }
  });

  afterAll(async () => {
    await client.stop();
  });

  it('starts, advertises quick fixes and the fix command', async () => {
    const result = await client.request<InitializeResult>('initialize', {
      processId: process.pid,
      clientInfo: { name: 'eslint-plugin-transport tests' },
      rootUri: workspaceFolder.uri,
      workspaceFolders: [workspaceFolder],
      capabilities: clientCapabilities,
      initializationOptions: {},
    });
    initialize = result;
    client.notify('initialized', {});
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version, text } });
    expect(result.capabilities.codeActionProvider).toBeTruthy();
    expect(result.capabilities.executeCommandProvider?.commands).toContain('eslint.applySingleFix');
  });

  let finding: Diagnostic | undefined;

  it('reports our finding with its range, message, rule and docs link', async () => {
    expect(initialize, 'the server did not start in the step before').toBeDefined();
    // the first lint loads ESLint, the config, the plugin and a TypeScript program: allow for a slow, busy machine
    const items = await diagnostics(50_000);
    expect(errors(), `the server logged errors${client.tail()}`).toEqual([]);
    expect(serverRequests, `the server asked: ${serverRequests.join(', ')}${client.tail()}`).toEqual([]);
    // the workspace's own ESLint 10, found from the file's folder up, as the extension finds it
    const eslintApi = fs.realpathSync(path.join(root, 'node_modules', 'eslint', 'lib', 'api.js'));
    expect(
      logs.map((l) => l.message),
      JSON.stringify(logs),
    ).toContain(`ESLint library loaded from: ${eslintApi}`);
    expect(
      items.map((d) => d.code),
      `diagnostics: ${JSON.stringify(items)}${client.tail()}`,
    ).toEqual([RULE]);
    finding = items[0]!;

    // `(socket as net.Socket).setNoDelay(true);` in the 'upgrade' listener: the rule reports the method name
    expect(finding.range).toEqual(rangeOf(text, 'setNoDelay'));
    expect(finding.range).toEqual({ start: { line: 8, character: 25 }, end: { line: 8, character: 35 } });
    expect(textAt(text, finding.range)).toBe('setNoDelay');
    expect(finding.severity).toBe(1); // error, as `recommended` sets it
    expect(finding.source).toBe('eslint');
    expect(finding.codeDescription?.href).toMatch(/\/docs\/rules\/no-unguarded-socket-options\.md$/);
    expect(finding.message).toMatch(
      /^`socket\.setNoDelay\(\)` throws a TypeError when `socket` is a plain Duplex stream, not a net\.Socket, /,
    );
    expect(finding.message).toContain('asserted to `Socket` from `Duplex` (line 9)');
    expect(finding.message).toContain("Guard the call with `'setNoDelay' in socket`");
  });

  it("reports what ESLint's Node API reports for the same text and path", async () => {
    expect(finding, 'no diagnostic from the step before').toBeDefined();
    const [expected, ...rest] = (await lintWithNodeApi(text)).messages;
    expect(rest).toEqual([]);
    expect(expected).toMatchObject({
      ruleId: RULE,
      message: finding!.message,
      line: 9,
      column: 26,
      endLine: 9,
      endColumn: 36,
    });
    expect(expected?.fix?.text).toBe("if ('setNoDelay' in socket) ");
  });

  let fixEdit: TextEdit[] | undefined;

  it('offers our autofix as the preferred quick fix and sends its edit', async () => {
    expect(finding, 'no diagnostic from the step before').toBeDefined();
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: finding!.range,
      context: { diagnostics: [finding], triggerKind: 1 },
    });
    const titles = actions.map((a) => a.title);
    expect(titles).toContain(`Fix this ${RULE} problem`);
    expect(titles).toContain(`Disable ${RULE} for this line`);
    expect(titles).toContain(`Show documentation for ${RULE}`);

    const fix = actions.find((a) => a.title === `Fix this ${RULE} problem`);
    if (!fix?.command) throw new Error(`no fix command among ${JSON.stringify(actions)}`);
    expect(fix.kind).toBe('quickfix');
    expect(fix.isPreferred).toBe(true);
    expect(fix.diagnostics).toEqual([finding]);
    expect(fix.command.command).toBe('eslint.applySingleFix');

    // the server keeps the edit and sends it back with `workspace/applyEdit` when the editor runs the command
    await client.request('workspace/executeCommand', {
      command: fix.command.command,
      arguments: fix.command.arguments,
    });
    expect(applyEditRequests).toHaveLength(1);
    const changes = applyEditRequests[0]!.edit.documentChanges;
    expect(changes).toHaveLength(1);
    expect(changes![0]!.textDocument).toEqual({ uri, version });
    fixEdit = changes![0]!.edits;
    const at = rangeOf(text, '(socket as net.Socket).setNoDelay').start;
    expect(fixEdit).toEqual([{ range: { start: at, end: at }, newText: "if ('setNoDelay' in socket) " }]);
    expect(applyEdits(text, fixEdit).split('\n')[8]).toBe(
      "  if ('setNoDelay' in socket) (socket as net.Socket).setNoDelay(true);",
    );
  });

  it('clears the diagnostic once the fixed text is sent', async () => {
    expect(fixEdit, 'no quick fix edit from the step before').toBeDefined();
    change(fixEdit!);
    expect(text).toContain("if ('setNoDelay' in socket) (socket as net.Socket).setNoDelay(true);");
    expect(await diagnostics()).toEqual([]);
    // and the code actions go with it
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: rangeOf(text, 'setNoDelay', 1),
      context: { diagnostics: [], triggerKind: 1 },
    });
    expect(actions.filter((a) => a.title.includes(RULE))).toEqual([]);
  });

  it('reports a new finding typed after the fix, from the edited text, not a stale program', async () => {
    expect(text, 'the fix was not applied in the step before').toContain("if ('setNoDelay' in socket)");
    const endOfFixedLine = rangeOf(text, 'setNoDelay(true);').end;
    const newLine = '\n  (socket as net.Socket).setKeepAlive(true, 30_000);';
    change([{ range: { start: endOfFixedLine, end: endOfFixedLine }, newText: newLine }]);
    const items = await diagnostics();
    expect(items.map((d) => [d.code, d.range])).toEqual([[RULE, rangeOf(text, 'setKeepAlive')]]);
    expect(items[0]!.range.start.line).toBe(9);
    expect(items[0]!.message).toMatch(/^`socket\.setKeepAlive\(\)` throws a TypeError/);
  });

  it('reports a file outside every tsconfig as a parsing error, as docs/editor.md describes', async () => {
    expect(initialize, 'the server did not start in the first step').toBeDefined();
    const outside = path.join(fixture, 'scripts', 'outside.ts');
    const outsideUri = pathToFileURL(outside).href;
    client.notify('textDocument/didOpen', {
      textDocument: { uri: outsideUri, languageId: 'typescript', version: 1, text: fs.readFileSync(outside, 'utf8') },
    });
    try {
      const report = await client.request<{ items: Diagnostic[] }>('textDocument/diagnostic', {
        textDocument: { uri: outsideUri },
      });
      expect(report.items).toHaveLength(1);
      expect(report.items[0]!.range.start).toEqual({ line: 0, character: 0 });
      expect(report.items[0]!.message).toBe(
        `Parsing error: ${outside} was not found by the project service. Consider either including it in the tsconfig.json or including it in allowDefaultProject.`,
      );
    } finally {
      client.notify('textDocument/didClose', { textDocument: { uri: outsideUri } });
    }
  });
});
