/**
 * `ai-openness export [DIR] --format cyclonedx|sarif|markdown`: the scan (and the policy verdict) written for other
 * tools. Export reports; it does not gate: violations do not change the exit status (use `scan` for that), but a
 * policy file with errors still exits 2.
 */
import { toCycloneDx } from '../core/export/cyclonedx';
import { toSarif } from '../core/export/sarif';
import { renderMarkdown } from '../core/report/markdown';
import type { Command } from './args';
import { emit, policyHasErrors, reportPolicyProblems, scanForCli } from './policyCli';
import type { CliIo } from './run';
import pkg from '../../package.json';

export const TOOL_NAME = 'ai-openness';
export const INFORMATION_URI = 'https://github.com/ai-openness/ai-openness';

export async function runExport(cmd: Extract<Command, { name: 'export' }>, io: CliIo): Promise<number> {
  const scan = await scanForCli(cmd, io);
  const policy = scan.policy.result;
  let text: string;
  switch (cmd.format) {
    case 'cyclonedx':
      text = toCycloneDx(scan.engine, [scan.result], { toolName: TOOL_NAME, toolVersion: pkg.version });
      break;
    case 'sarif':
      text = toSarif(scan.engine, [{ result: scan.result, ...(policy ? { policy } : {}) }], {
        toolName: TOOL_NAME,
        toolVersion: pkg.version,
        informationUri: INFORMATION_URI,
      });
      break;
    case 'markdown':
      text = renderMarkdown(scan.result, policy);
      break;
  }
  await emit(io, text.endsWith('\n') ? text : text + '\n', cmd.output);
  reportPolicyProblems(io, scan);
  return policyHasErrors(scan.policy) ? 2 : 0;
}
