/**
 * Failed sign-ins allowed in a sliding window before further attempts are
 * refused. Per account, to stop password guessing against one person; per
 * address, higher, because a clinic's staff often share one NAT address.
 */
export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 20;

export function isOverLimit(failures: { account: number; ip: number }): boolean {
  return failures.account >= MAX_FAILURES_PER_ACCOUNT || failures.ip >= MAX_FAILURES_PER_IP;
}
