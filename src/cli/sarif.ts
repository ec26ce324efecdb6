/**
 * SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/) for GitHub code scanning, written here rather than by
 * @microsoft/eslint-formatter-sarif, which depends on ESLint 8 and so installs a second ESLint.
 *
 * One run; `tool.driver.rules` lists every rule that ran (so code scanning can close alerts of a rule that no longer
 * reports), with its description and documentation link. Each result has its rule, level, message and one location:
 * the file relative to the working folder (`%SRCROOT%`) and a region with 1-based lines and columns (ESLint's end
 * column is already exclusive, as SARIF's is). Autofixes and suggestions become `fixes`. A file that does not parse
 * is a result of the rule `parse-error`.
 */
import type { ESLint, Linter } from 'eslint';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const PARSE_ERROR_RULE = 'parse-error';

export interface SarifRule {
  id: string;
  description: string;
  url?: string;
}

export interface SarifTool {
  name: string;
  version: string;
  informationUri: string;
  rules: readonly SarifRule[];
}

interface Region {
  startLine: number;
  startColumn?: number;
  endLine?: number;
  endColumn?: number;
}

interface Replacement {
  deletedRegion: { charOffset: number; charLength: number };
  insertedContent?: { text: string };
}

interface Fix {
  description: { text: string };
  artifactChanges: { artifactLocation: { uri: string; uriBaseId: string }; replacements: Replacement[] }[];
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: 'error' | 'warning';
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: Region } }[];
  fixes?: Fix[];
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: {
    tool: {
      driver: {
        name: string;
        version: string;
        semanticVersion: string;
        informationUri: string;
        rules: {
          id: string;
          shortDescription: { text: string };
          helpUri?: string;
          help?: { text: string; markdown?: string };
          defaultConfiguration: { level: 'error' | 'warning' };
        }[];
      };
    };
    originalUriBaseIds: Record<string, { uri: string }>;
    columnKind: 'utf16CodeUnits';
    results: SarifResult[];
  }[];
}

/** A path relative to `cwd`, as a URI reference: forward slashes, each segment percent-encoded. */
export function relativeUri(file: string, cwd: string): string {
  return path
    .relative(cwd, file)
    .split(path.sep)
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

export function toSarif(results: readonly ESLint.LintResult[], tool: SarifTool, cwd: string): SarifLog {
  const rules = [
    ...tool.rules,
    { id: PARSE_ERROR_RULE, description: 'The file could not be parsed, so no rule could check it' },
  ];
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const out: SarifResult[] = [];
  for (const result of results) {
    const uri = relativeUri(result.filePath, cwd);
    const artifactLocation = { uri, uriBaseId: '%SRCROOT%' };
    for (const message of result.messages) {
      const ruleId = message.ruleId ?? PARSE_ERROR_RULE;
      let ruleIndex = index.get(ruleId);
      if (ruleIndex === undefined) {
        // a rule turned on by an inline comment: describe it by its name
        ruleIndex = rules.push({ id: ruleId, description: ruleId }) - 1;
        index.set(ruleId, ruleIndex);
      }
      const fixes = [
        ...(message.fix ? [toFix('Fix', message.fix, artifactLocation)] : []),
        ...(message.suggestions ?? []).map((s) => toFix(s.desc, s.fix, artifactLocation)),
      ];
      out.push({
        ruleId,
        ruleIndex,
        level: message.severity === 2 ? 'error' : 'warning',
        message: { text: message.message },
        locations: [{ physicalLocation: { artifactLocation, region: region(message) } }],
        ...(fixes.length > 0 ? { fixes } : {}),
      });
    }
  }
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: tool.name,
            version: tool.version,
            semanticVersion: tool.version,
            informationUri: tool.informationUri,
            rules: rules.map((rule) => ({
              id: rule.id,
              shortDescription: { text: rule.description },
              ...(rule.url
                ? {
                    helpUri: rule.url,
                    help: {
                      text: `${rule.description}. See ${rule.url}`,
                      markdown: `${rule.description}.\n\n[Documentation](${rule.url})`,
                    },
                  }
                : {}),
              defaultConfiguration: { level: 'error' as const },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd.endsWith(path.sep) ? cwd : cwd + path.sep).href } },
        columnKind: 'utf16CodeUnits',
        results: out,
      },
    ],
  };
}

function region(message: Linter.LintMessage): Region {
  // ESLint lines are 1-based; a parse error may have line 0 or no column
  const startLine = Math.max(1, message.line || 1);
  const r: Region = { startLine };
  if (message.column > 0) r.startColumn = message.column;
  if (message.endLine !== undefined && message.endLine >= startLine) {
    r.endLine = message.endLine;
    if (
      message.endColumn !== undefined &&
      message.endColumn > 0 &&
      !(message.endLine === startLine && message.endColumn < (r.startColumn ?? 1))
    ) {
      r.endColumn = message.endColumn;
    }
  }
  return r;
}

function toFix(
  description: string,
  fix: Linter.LintMessage['fix'] & object,
  artifactLocation: { uri: string; uriBaseId: string },
): Fix {
  const [start, end] = fix.range;
  return {
    description: { text: description },
    artifactChanges: [
      {
        artifactLocation,
        replacements: [
          {
            deletedRegion: { charOffset: start, charLength: end - start },
            ...(fix.text ? { insertedContent: { text: fix.text } } : {}),
          },
        ],
      },
    ],
  };
}
