/**
 * Runs one CLI invocation in-process with captured output: `cwd` the repository root, an empty environment and no
 * terminal unless `over` says otherwise.
 */
import { runCli, type CliIo } from '../../src/cli/run';
import { repoRoot } from './helpers';

export async function runCliCaptured(argv: string[], over: Partial<CliIo> = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    env: {},
    cwd: repoRoot(),
    isTTY: false,
    ...over,
  });
  return { code, out, err };
}
