/**
 * The engine's counters, for the benchmark in bench/ (`eslint-plugin-transport/internal/stats`). Not public API:
 * the names and shapes may change in any release.
 */
export { fileStats, globalStats, recordFileStats, type EngineStats } from '../engine/stats.ts';
