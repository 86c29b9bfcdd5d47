/**
 * The time of day for every rule that depends on it (session limits, join
 * windows). One place, so tests can move time instead of sleeping.
 */
let offsetMs = 0;

export function now(): Date {
  return new Date(Date.now() + offsetMs);
}

/** Test hook: shift the clock this process sees. */
export function unsafeSetClockOffsetForTests(ms: number): void {
  offsetMs = ms;
}
