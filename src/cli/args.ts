/**
 * Command-line parsing (node:util parseArgs) into a typed command, or a usage error.
 */
import { parseArgs } from 'node:util';
import type { PolicySeverity } from '../core/policy/types';

export type Format = 'table' | 'json' | 'markdown';

export type ExportFormat = 'cyclonedx' | 'sarif' | 'markdown';

export const EXPORT_FORMATS: readonly ExportFormat[] = ['cyclonedx', 'sarif', 'markdown'];

/** Offline by default (reproducible, private); `--online` asks the registries; `--refresh` also bypasses the cache. */
export interface OnlineMode {
  enabled: boolean;
  refresh: boolean;
}

export type Command =
  | { name: 'help'; topic?: string }
  | { name: 'version' }
  | {
      name: 'scan';
      dir: string;
      format: Format;
      output?: string;
      maxFileSize?: number;
      ignore: string[];
      online: OnlineMode;
      /** Policy file (relative to the working folder); default: the one at DIR's root. */
      policy?: string;
      /** Exit 1 on policy violations of this severity or worse. */
      failOn: PolicySeverity;
    }
  | {
      name: 'export';
      dir: string;
      format: ExportFormat;
      output?: string;
      maxFileSize?: number;
      ignore: string[];
      online: OnlineMode;
      policy?: string;
    }
  | { name: 'lookup'; query: string; format: Format; online: OnlineMode }
  | { name: 'catalog'; format: Format };

export class UsageError extends Error {}

export const HELP = `Usage: ai-openness <command> [options]

Find the AI a project builds on (SDK packages in manifests, model ids in
code, config, docs and notebooks) with each one's licence and openness.

Commands:
  scan [DIR]           Scan DIR (default: the current folder)
    --format F         table (default), json or markdown
    --output FILE      Write to FILE instead of standard output
    --max-file-size S  Skip and report larger files, e.g. 5MB (default), 500KB
    --ignore PATTERN   Extra gitignore-style pattern to skip (repeatable)
    --online           Also ask the Hugging Face Hub and package registries
    --policy FILE      Check the findings against FILE (default: the
                       .ai-openness.json, .yaml or .yml at DIR's root)
    --fail-on S        Exit 1 on violations of severity S or worse: error
                       (default) or warning
  export [DIR]         Scan DIR and write it for other tools
    --format F         cyclonedx (AI-BOM), sarif (with policy violations)
                       or markdown (required)
    --output FILE      Write to FILE instead of standard output
    --policy FILE      As for scan; also --max-file-size, --ignore, --online
  lookup NAME          Licence and openness of one model id or package
                       (llama3.2:3b, meta-llama/Meta-Llama-3-8B, gpt-4o,
                       pypi:openai) or of a local FILE.gguf (from its header)
    --format F         table (default) or json
    --online           Also ask the Hub, the registry or a local Ollama
  catalog              List every catalog entry (models, packages, licences)
    --format F         table (default) or json

Options:
  --offline            Never use the network (the default)
  --refresh            With --online: ignore cached answers
  -h, --help           Show this help
  -v, --version        Show the version

Exit status: 0 success (also when files had problems, or the network
failed: both are reported), 1 lookup found nothing or scan found a policy
violation (see --fail-on), 2 usage or I/O error or a policy file with
errors (the findings are still printed). export never exits 1.
Environment: NO_COLOR; with --online: HF_ENDPOINT (Hub mirror), HF_TOKEN
(gated repositories; never logged or cached), XDG_CACHE_HOME, OLLAMA_HOST,
AI_OPENNESS_NPM_REGISTRY, AI_OPENNESS_PYPI_INDEX, AI_OPENNESS_DEPS_DEV.
`;

function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(b|kb|k|mb|m|gb|g)?$/i.exec(text.trim());
  if (!m) throw new UsageError(`--max-file-size: "${text}" is not a size (try 5MB or 500KB)`);
  const unit = (m[2] ?? 'b').toLowerCase()[0];
  const mult = unit === 'k' ? 1024 : unit === 'm' ? 1048576 : unit === 'g' ? 1073741824 : 1;
  return Math.round(Number(m[1]) * mult);
}

function format(value: string | undefined, allowed: Format[]): Format {
  const f = (value ?? 'table') as Format;
  if (!allowed.includes(f)) throw new UsageError(`--format must be one of ${allowed.join(', ')} (got "${value}")`);
  return f;
}

function nonEmpty(value: string, option: string): string {
  if (!value.trim()) throw new UsageError(`${option} needs a file name`);
  return value;
}

export function parseCommand(argv: string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
        format: { type: 'string', short: 'f' },
        output: { type: 'string', short: 'o' },
        'max-file-size': { type: 'string' },
        ignore: { type: 'string', multiple: true },
        online: { type: 'boolean' },
        offline: { type: 'boolean' },
        refresh: { type: 'boolean' },
        policy: { type: 'string' },
        'fail-on': { type: 'string' },
      },
    });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const { values, positionals } = parsed;
  const [name, ...rest] = positionals;
  if (values.version) return { name: 'version' };
  if (values.online && values.offline) throw new UsageError('--online and --offline contradict each other');
  if (values.refresh && !values.online) throw new UsageError('--refresh only applies with --online');
  const online: OnlineMode = { enabled: Boolean(values.online), refresh: Boolean(values.refresh) };
  if (values.help || name === undefined || name === 'help') return { name: 'help', ...(rest[0] ? { topic: rest[0] } : {}) };
  const only = (allowed: string[]) => {
    for (const k of ['output', 'max-file-size', 'ignore', 'policy', 'fail-on'] as const) {
      if (values[k] !== undefined && !allowed.includes(k)) throw new UsageError(`--${k} is not an option of "${name}"`);
    }
  };
  switch (name) {
    case 'scan': {
      if (rest.length > 1) throw new UsageError(`scan takes one folder, got ${rest.length}: ${rest.join(' ')}`);
      const failOn = values['fail-on'] ?? 'error';
      if (failOn !== 'error' && failOn !== 'warning') throw new UsageError(`--fail-on must be error or warning (got "${failOn}")`);
      return {
        name: 'scan',
        dir: rest[0] ?? '.',
        format: format(values.format, ['table', 'json', 'markdown']),
        ...(values.output ? { output: values.output } : {}),
        ...(values['max-file-size'] ? { maxFileSize: parseSize(values['max-file-size']) } : {}),
        ignore: values.ignore ?? [],
        online,
        ...(values.policy !== undefined ? { policy: nonEmpty(values.policy, '--policy') } : {}),
        failOn,
      };
    }
    case 'export': {
      only(['output', 'max-file-size', 'ignore', 'policy']);
      if (rest.length > 1) throw new UsageError(`export takes one folder, got ${rest.length}: ${rest.join(' ')}`);
      if (values.format === undefined) throw new UsageError(`export needs --format (${EXPORT_FORMATS.join(', ')})`);
      if (!(EXPORT_FORMATS as readonly string[]).includes(values.format)) {
        throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')} for export (got "${values.format}")`);
      }
      return {
        name: 'export',
        dir: rest[0] ?? '.',
        format: values.format as ExportFormat,
        ...(values.output ? { output: values.output } : {}),
        ...(values['max-file-size'] ? { maxFileSize: parseSize(values['max-file-size']) } : {}),
        ignore: values.ignore ?? [],
        online,
        ...(values.policy !== undefined ? { policy: nonEmpty(values.policy, '--policy') } : {}),
      };
    }
    case 'lookup': {
      only([]);
      if (rest.length !== 1) throw new UsageError('lookup takes exactly one NAME (quote names with spaces)');
      return { name: 'lookup', query: rest[0] ?? '', format: format(values.format, ['table', 'json']), online };
    }
    case 'catalog':
      only([]);
      if (online.enabled) throw new UsageError('catalog is offline data; --online does not apply');
      if (rest.length) throw new UsageError(`catalog takes no arguments, got: ${rest.join(' ')}`);
      return { name: 'catalog', format: format(values.format, ['table', 'json']) };
    default:
      throw new UsageError(`unknown command "${name}" (commands: scan, export, lookup, catalog)`);
  }
}
