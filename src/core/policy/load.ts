/**
 * Finding and reading the policy file at a workspace root (or one given explicitly), through the FileSystem seam.
 */
import { isAbsolute } from 'node:path';
import type { Engine } from '../engine';
import { describeIoError, errorCode, type FileSystem } from '../fs';
import { decodeText } from '../text';
import type { ScanResult } from '../types';
import { evaluatePolicy } from './evaluate';
import { parsePolicy } from './parse';
import { POLICY_FILE_NAMES, type Policy, type PolicyProblem, type PolicyResult } from './types';

/** The policy files present at `root`, as absolute paths, in POLICY_FILE_NAMES order. */
async function policyFilesAt(fs: FileSystem, root: string): Promise<{ name: string; path: string }[]> {
  const found: { name: string; path: string }[] = [];
  for (const name of POLICY_FILE_NAMES) {
    const path = fs.join(root, name);
    const stat = await fs.stat(path).catch(() => undefined);
    if (stat?.type === 'file') found.push({ name, path });
  }
  return found;
}

/** The absolute path of the policy file at `root` (the first of POLICY_FILE_NAMES that exists), if any. */
export async function findPolicyFile(fs: FileSystem, root: string): Promise<string | undefined> {
  return (await policyFilesAt(fs, root))[0]?.path;
}

function readProblem(file: string, e: unknown): PolicyProblem {
  const why = errorCode(e) === 'ENOENT' ? 'no such file' : describeIoError(e).replace(/; skipped$/, '');
  return { file, line: 1, column: 1, severity: 'error', message: `cannot read the policy file ${file}: ${why}` };
}

/**
 * Loads the policy for `root`: `explicitPath` (absolute, or relative to `root`) when given, else the policy file found
 * at the root. Problems and `policy.file` name the file as given, or by its name relative to the root. `file` is the
 * absolute path read (absent when there is no policy file). A second policy file at the root is a warning on it
 * (the first in POLICY_FILE_NAMES order is used); a file that cannot be read is an error.
 */
export async function loadPolicy(
  fs: FileSystem,
  root: string,
  engine: Engine,
  explicitPath?: string,
): Promise<{ policy?: Policy; problems: PolicyProblem[]; file?: string }> {
  let display: string;
  let file: string;
  const problems: PolicyProblem[] = [];
  if (explicitPath !== undefined) {
    display = explicitPath;
    file = isAbsolute(explicitPath) ? explicitPath : fs.join(root, explicitPath);
  } else {
    const found = await policyFilesAt(fs, root);
    const first = found[0];
    if (!first) return { problems };
    display = first.name;
    file = first.path;
    for (const other of found.slice(1)) {
      problems.push({
        file: other.name,
        line: 1,
        column: 1,
        severity: 'warning',
        message: `${other.name} is ignored: ${first.name} is also present and comes first; keep only one policy file`,
      });
    }
  }
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(file);
  } catch (e) {
    return { problems: [...problems, readProblem(display, e)], file };
  }
  const decoded = decodeText(bytes);
  if ('binary' in decoded) {
    return { problems: [...problems, { file: display, line: 1, column: 1, severity: 'error', message: `the policy file ${decoded.binary}` }], file };
  }
  const parsed = parsePolicy(decoded.text, display, engine);
  return { ...(parsed.policy ? { policy: parsed.policy } : {}), problems: [...problems, ...parsed.problems], file };
}

/** Loads the policy for `root` and judges `result` against it; with no (valid) policy, only the problems. */
export async function checkPolicy(
  engine: Engine,
  fs: FileSystem,
  root: string,
  result: ScanResult,
  explicitPath?: string,
): Promise<PolicyResult> {
  const loaded = await loadPolicy(fs, root, engine, explicitPath);
  if (!loaded.policy) return { problems: loaded.problems, violations: [], excepted: [] };
  const judged = evaluatePolicy(engine, loaded.policy, result);
  return { ...judged, problems: [...loaded.problems, ...judged.problems] };
}
