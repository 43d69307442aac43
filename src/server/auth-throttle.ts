/**
 * Failed-login throttling, per client address (PostgreSQL's auth_delay, growing with repeated
 * failures): each failed password check is answered only after a delay that doubles with every
 * recent failure from the same address, up to a cap, and is forgotten after a quiet minute. It
 * lives on the main thread, which sees every connection whichever engine thread serves it; the
 * engine thread reports a failure and the main thread holds back the answer (client-link.ts),
 * with a timer — nothing waits, and clients from other addresses, or whose logins succeed, are
 * never delayed.
 */

export interface AuthThrottleOptions {
  /** Delay of a first failure. */
  readonly baseDelayMs: number;
  /** No delay is longer. */
  readonly maxDelayMs: number;
  /** An address without a failure for this long starts again from `baseDelayMs`. */
  readonly quietMs: number;
  /** Addresses remembered at once; the least recently failing are forgotten first. */
  readonly maxAddresses: number;
}

/**
 * 100 ms doubling to 5 s: a mistyped password costs a person a tenth of a second, while a
 * guesser from one address gets about 1 answer per 5 s after 6 tries (today's undelayed rate
 * was ~633/s). 10,000 addresses × a few dozen bytes bounds the memory an address sweep can take.
 */
export const DEFAULT_AUTH_THROTTLE: AuthThrottleOptions = {
  baseDelayMs: 100, maxDelayMs: 5000, quietMs: 60_000, maxAddresses: 10_000,
};

interface Record {
  failures: number;
  lastAt: number;
}

export class AuthThrottle {
  /** In order of last failure (re-inserted on each), so the first entry is the stalest. */
  private readonly recent = new Map<string, Record>();

  constructor(private readonly options: AuthThrottleOptions = DEFAULT_AUTH_THROTTLE) {}

  /**
   * Records a failed login from `address`; returns how long to hold its answer.
   * @example
   * throttle.failure('10.0.0.7') // 100, then 200, 400 … 5000 for the next ones within a minute
   */
  failure(address: string, now = Date.now()): number {
    const { baseDelayMs, maxDelayMs, quietMs, maxAddresses } = this.options;
    const previous = this.recent.get(address);
    const failures = previous && now - previous.lastAt < quietMs ? previous.failures + 1 : 1;
    this.recent.delete(address);
    this.recent.set(address, { failures, lastAt: now });
    if (this.recent.size > maxAddresses) this.recent.delete(this.recent.keys().next().value!);
    // 2^(failures-1) overflows nothing: the exponent is capped long before it matters.
    return Math.min(maxDelayMs, baseDelayMs * 2 ** Math.min(failures - 1, 30));
  }

  /** Addresses with recent failures (for tests and diagnostics). */
  get size(): number {
    return this.recent.size;
  }
}
