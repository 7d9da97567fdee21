/**
 * `ai-openness` entry point: wires the process to runCli.
 */
import { runCli } from './run';

const controller = new AbortController();
process.once('SIGINT', () => controller.abort());

runCli(process.argv.slice(2), {
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
  env: process.env,
  cwd: process.cwd(),
  isTTY: Boolean(process.stdout.isTTY),
  ...(process.stdout.columns ? { columns: process.stdout.columns } : {}),
  signal: controller.signal,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`ai-openness: ${String(e)}\n`);
    process.exitCode = 2;
  },
);
