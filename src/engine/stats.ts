/**
 * The engine's counters, for the benchmark (`eslint-plugin-transport/internal/stats`): how often our rules asked
 * TypeScript something, and how long the type questions took. Timing runs only while recording is on.
 */

export interface EngineStats {
  typeQueries: number;
  classifications: number;
  /**
   * Milliseconds inside type questions: TypeScript API calls and the engine's walks over types and declarations
   * around them (lineage, declaring classes, declared types). Measured only while recording (recordFileStats).
   */
  queryMs: number;
}

export const globalStats: EngineStats = { typeQueries: 0, classifications: 0, queryMs: 0 };

/**
 * The counters of each linted file, by file name. Filled only while recording is on (the benchmark turns it on),
 * so that editors and long-running processes keep nothing per file.
 */
export const fileStats = new Map<string, EngineStats>();
let recording = false;
/** The counters of the file being linted (ESLint lints one file at a time in a thread). */
let active: EngineStats | undefined;
let depth = 0;

/** Turns per-file counting and query timing on or off (for the benchmark); clears what was recorded. */
export function recordFileStats(on: boolean): void {
  recording = on;
  fileStats.clear();
}

/** Starts counting for a file: its counters, remembered under its name when recording is on. */
export function startFile(filename: string, stats: EngineStats): void {
  active = stats;
  if (recording) fileStats.set(filename, stats);
}

/** Counts one question to TypeScript. */
export function countQuery(): void {
  globalStats.typeQueries++;
  if (active) active.typeQueries++;
}

/** Counts one classification (the engine's question at a member access). */
export function countClassification(): void {
  globalStats.classifications++;
  if (active) active.classifications++;
}

/** Runs a type question, timed while recording; nested questions are timed once, by the outermost. */
export function timed<T>(ask: () => T): T {
  if (!recording) return ask();
  const start = depth++ === 0 ? performance.now() : 0;
  try {
    return ask();
  } finally {
    if (--depth === 0) {
      const ms = performance.now() - start;
      globalStats.queryMs += ms;
      if (active) active.queryMs += ms;
    }
  }
}
