/**
 * Registers one node:test subtest per .slt file for a target, so `npm test` shows each file's
 * pass/fail and its mismatches. Used by test/e2e/slt-*.test.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { formatFailures } from './run-slt.js';
import { runSltFile } from './run-slt-file.js';
import { displayPath, listSltFiles } from './slt-files.js';
import type { SltTarget } from './slt-targets.js';

/** Generous per-file limit; each statement also has its own client-side timeout. */
const FILE_TIMEOUT_MS = 120_000;
const SETUP_TIMEOUT_MS = 120_000;

export interface SuiteSetup {
  /** Starts whatever the target needs; returns the target and how to stop it. */
  start(): Promise<{ target: SltTarget; stop(): Promise<void> }>;
  /** When set, the suite is skipped with this message. */
  readonly skip?: string;
  /** Which files (absolute paths) this suite runs; default all. */
  readonly files?: (path: string) => boolean;
}

/** Declares `slt <name>` with a subtest per file. */
export function sltSuite(name: string, setup: SuiteSetup): void {
  const files = listSltFiles().filter(setup.files ?? (() => true));
  describe(`slt ${name}`, { skip: setup.skip }, () => {
    let target: SltTarget | undefined;
    let stop: (() => Promise<void>) | undefined;
    let startError: unknown;
    before(async () => {
      try {
        const started = await setup.start();
        target = started.target;
        stop = started.stop;
      } catch (err) {
        startError = err;
      }
    }, { timeout: SETUP_TIMEOUT_MS });
    after(async () => {
      await stop?.();
    }, { timeout: SETUP_TIMEOUT_MS });
    it('target starts', () => {
      if (startError !== undefined) throw startError;
    });
    for (const path of files) {
      it(displayPath(path), { timeout: FILE_TIMEOUT_MS }, async (t) => {
        if (target === undefined) {
          t.skip('target did not start');
          return;
        }
        const result = await runSltFile(path, target);
        assert.ok(result.failures.length === 0, `\n${formatFailures(displayPath(path), result.failures)}`);
      });
    }
  });
}
