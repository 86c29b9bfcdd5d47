import "server-only";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

/**
 * Per-key request limits (rate-limiter-flexible). In memory: right for one app
 * process; a multi-node deployment swaps in its Redis store behind this type.
 */
export type Limiter = {
  consume(key: string): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }>;
};

export function createLimiter(points: number, durationSeconds: number): Limiter {
  const limiter = new RateLimiterMemory({ points, duration: durationSeconds });
  return {
    async consume(key) {
      try {
        await limiter.consume(key);
        return { allowed: true };
      } catch (result) {
        if (result instanceof RateLimiterRes) {
          return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(result.msBeforeNext / 1000)) };
        }
        throw result;
      }
    },
  };
}
