/**
 * A hook for the benchmark: bench/lint-once.js installs an observer (importing this module from dist, it is not a
 * package export) to count the questions the rules ask TypeScript and to time them. The plugin installs none: then
 * the engine only tests for one, with no clock read and nothing allocated per question.
 */

import type { TypeChecker } from './typescript.cts';

export interface EngineObserver {
  /**
   * The engine starts on a file (ESLint lints one file at a time in a thread), with the program's type checker (whose
   * counters of types and instantiations made show how much of the program the questions made TypeScript check).
   */
  startFile(filename: string, checker: TypeChecker): void;
  /** One question to the type checker. */
  countQuery(): void;
  /** One classification (the engine's question at a member access). */
  countClassification(): void;
  /**
   * Runs a type question (TypeScript API calls and the engine's walks over types and declarations around them) and
   * returns its answer; questions nest.
   */
  observe<T>(ask: () => T): T;
}

/** The installed observer, or undefined (the default). */
export let observer: EngineObserver | undefined;

/** Installs an observer of the engine's type questions; undefined removes it. */
export function observeEngine(next: EngineObserver | undefined): void {
  observer = next;
}
