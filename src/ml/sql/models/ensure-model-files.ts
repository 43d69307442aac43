/**
 * Makes a model's files present before its pool opens: nothing to do when they are there; the
 * built-in base weights are downloaded from the Hugging Face hub on first use (progress as
 * NOTICEs and log lines, resume and checksums by fetch-model.ts); everything else — offline
 * mode, a user model's directory, an unreachable hub — ends in 58P01 naming the missing files
 * and how to place them by hand.
 */
import { SqlError, SQLSTATE } from '../../../common/sql-error.js';
import { DEFAULT_HUB_URL, fetchModel, offlineFromEnv, type FetchProgress } from '../../inference/model/fetch-model.js';
import { DEFAULT_MODEL_REPO, resolveModelFiles, type ClipModelFiles } from '../../inference/model/model-files.js';
import { modelFilesHint } from './model-files-hint.js';
import type { ModelRecord } from './model-record.js';

/** How long the hub may take to answer the first request before we call it unreachable. */
const PROBE_TIMEOUT_MS = 10_000;
/** Minimum pause between two progress messages. */
const PROGRESS_INTERVAL_MS = 2_000;
const MIB = 1024 * 1024;

export interface EnsureModelOptions {
  /** Refuse downloads (also THANOSQL_OFFLINE=1 / HF_HUB_OFFLINE=1 in the environment). */
  readonly offline?: boolean;
  readonly hubUrl?: string;
  readonly signal?: AbortSignal;
  /** A progress line for the client (NOTICE) … */
  readonly notice?: (message: string) => void;
  /** … and for the server log. */
  readonly log?: (message: string) => void;
}

/** The validated files of `model`, downloading the built-in weights first if needed and allowed. */
export async function ensureModelFiles(model: ModelRecord, options: EnsureModelOptions = {}): Promise<ClipModelFiles> {
  let missing: SqlError;
  try {
    return await resolveModelFiles(model.path, model.variant);
  } catch (err) {
    if (!(err instanceof SqlError) || err.code !== SQLSTATE.UndefinedFile) throw err;
    missing = err.with({ hint: modelFilesHint(model) });
  }
  if (!model.fetchable) throw missing;
  if (options.offline === true || offlineFromEnv()) {
    throw withHint(missing, `offline mode is on (--offline / THANOSQL_OFFLINE=1), so the server will not download them; ${missing.fields.hint ?? ''}`);
  }
  // HF_ENDPOINT is the Hugging Face tools' own override (mirrors, tests).
  const baseUrl = options.hubUrl ?? process.env['HF_ENDPOINT'] ?? DEFAULT_HUB_URL;
  await probeHub(baseUrl, missing, options.signal);
  const say = (m: string) => { options.notice?.(m); options.log?.(m); };
  say(`downloading model "${model.name}" (${DEFAULT_MODEL_REPO}, ${model.variant}) into ${model.path}`);
  let last = 0;
  const onProgress = (p: FetchProgress) => {
    const now = Date.now();
    if (now - last < PROGRESS_INTERVAL_MS && p.bytes !== p.total) return;
    last = now;
    const total = p.total === undefined ? '' : ` of ${(p.total / MIB).toFixed(1)} MiB`;
    say(`downloading ${p.file}: ${(p.bytes / MIB).toFixed(1)} MiB${total}`);
  };
  try {
    await fetchModel({ destDir: model.path, variant: model.variant, baseUrl, onProgress, ...(options.signal ? { signal: options.signal } : {}) });
  } catch (err) {
    if (err instanceof SqlError && err.code === SQLSTATE.QueryCanceled) throw err;
    if (options.signal?.aborted) throw new SqlError(SQLSTATE.QueryCanceled, 'canceling statement due to user request');
    throw withHint(missing, `the download failed (${err instanceof Error ? err.message : String(err)}); ${missing.fields.hint ?? ''}`);
  }
  say(`model "${model.name}" downloaded`);
  return resolveModelFiles(model.path, model.variant);
}

/** One small request with a short timeout, so a machine without internet fails in seconds. */
async function probeHub(baseUrl: string, missing: SqlError, signal: AbortSignal | undefined): Promise<void> {
  const url = `${baseUrl.replace(/\/+$/, '')}/${DEFAULT_MODEL_REPO}/resolve/main/config.json`;
  const timeout = AbortSignal.timeout(PROBE_TIMEOUT_MS);
  try {
    const res = await fetch(url, { method: 'HEAD', signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
    if (res.status >= 400) throw new Error(`HTTP ${res.status}`);
  } catch (err) {
    if (signal?.aborted) throw new SqlError(SQLSTATE.QueryCanceled, 'canceling statement due to user request');
    const reason = timeout.aborted ? `no answer within ${PROBE_TIMEOUT_MS / 1000} s`
      : err instanceof Error ? `${err.message}${causeCode(err)}` : String(err);
    throw withHint(missing, `the server could not reach ${baseUrl} to download them (${reason}); ${missing.fields.hint ?? ''}`);
  }
}

function causeCode(err: Error): string {
  const code = (err.cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? `: ${code}` : '';
}

function withHint(error: SqlError, hint: string): SqlError {
  return error.with({ hint: hint.trim() });
}
