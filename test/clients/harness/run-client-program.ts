/**
 * Runs one client program (Python, Java or Node) against the servers and collects the JSON
 * lines it prints, one per scenario: {client, scenario, ok, error?}. Never throws for a failing
 * program: a crash or a timeout leaves its unreported scenarios failed with the program's stderr.
 */
import { spawn } from 'node:child_process';

export interface ScenarioResult {
  readonly client: string;
  readonly scenario: string;
  readonly ok: boolean;
  readonly error?: string;
}

export interface ProgramRun {
  readonly results: ReadonlyMap<string, ScenarioResult>;
  /** Exit status, signal or timeout, plus the end of stderr and unparsed stdout. */
  readonly summary: string;
}

const STDERR_TAIL_CHARS = 4000;

/** Spawns `command args` with env added, kills it after timeoutMs. */
export function runClientProgram(command: string, args: readonly string[], env: Readonly<Record<string, string>>, timeoutMs: number, cwd?: string): Promise<ProgramRun> {
  return new Promise((resolve) => {
    const results = new Map<string, ScenarioResult>();
    let stdout = '';
    let stderr = '';
    let other = '';
    let timedOut = false;
    const child = spawn(command, [...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], cwd });
    const takeLines = (final: boolean) => {
      const lines = stdout.split('\n');
      stdout = final ? '' : lines.pop() ?? '';
      for (const line of lines) {
        if (!line.trim()) continue;
        try {
          const parsed = JSON.parse(line) as ScenarioResult;
          if (typeof parsed.scenario === 'string' && typeof parsed.ok === 'boolean') {
            results.set(parsed.scenario, parsed);
            continue;
          }
        } catch {
          // Not a result line: keep it for the summary.
        }
        other += `${line}\n`;
      }
    };
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      takeLines(false);
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    const finish = (status: string) => {
      clearTimeout(timer);
      takeLines(true);
      const tail = (text: string) => (text.length > STDERR_TAIL_CHARS ? `…${text.slice(-STDERR_TAIL_CHARS)}` : text);
      resolve({ results, summary: `${timedOut ? `killed after ${timeoutMs} ms` : status}\n--- stderr\n${tail(stderr)}\n--- other stdout\n${tail(other)}` });
    };
    child.on('error', (err) => finish(`could not start ${command}: ${err.message}`));
    child.on('close', (code, signal) => finish(`exit ${code ?? signal}`));
  });
}
