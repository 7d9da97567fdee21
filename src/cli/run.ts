/**
 * The CLI as a function of its inputs (arguments, environment, streams), so tests can run it in-process.
 */
import { promises as fsp } from 'node:fs';
import { basename, resolve } from 'node:path';
import { createEngine } from '../core/engine';
import { lookup } from '../core/lookup';
import { renderCard } from '../core/report/card';
import { renderMarkdown } from '../core/report/markdown';
import { renderTable } from '../core/report/table';
import { HELP, parseCommand, UsageError, type Command } from './args';
import { renderCatalogTable } from './catalogTable';
import { runExport } from './exportCli';
import { onlineOptionsFromEnv } from './online';
import { emit, policyExitCode, policyJson, renderPolicySection, reportOnlineErrors, reportPolicyProblems, scanForCli } from './policyCli';
import { enrichLookup } from '../core/online/enrich';
import { readGgufLicense } from '../core/online/gguf';
import { agreesWithCatalog } from '../core/online/resolver';
import { nodeFileSystem } from '../core/fs';
import { onlineLine, renderOnlineOnly } from '../core/report/card';
import type { FetchLike, OnlineNote } from '../core/online/types';
import pkg from '../../package.json';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Whether standard output is a terminal (colour is used only then, and never with NO_COLOR). */
  isTTY: boolean;
  columns?: number;
  signal?: AbortSignal;
  /** The network, for `--online` (tests pass one bound to a local server). Default: the global fetch. */
  fetch?: FetchLike;
}

async function execute(cmd: Command, io: CliIo): Promise<number> {
  const color = io.isTTY && !io.env['NO_COLOR'] && io.env['TERM'] !== 'dumb';
  const width = Math.min(Math.max(io.columns ?? 80, 60), 120);
  switch (cmd.name) {
    case 'help':
      io.stdout(HELP);
      return 0;
    case 'version':
      io.stdout(`${pkg.version}\n`);
      return 0;
    case 'scan': {
      const scan = await scanForCli(cmd, io);
      const policy = policyJson(scan);
      const text =
        cmd.format === 'json'
          ? JSON.stringify(policy ? { ...scan.result, policy } : scan.result, null, 2) + '\n'
          : cmd.format === 'markdown'
            ? renderMarkdown(scan.result, scan.policy.result)
            : renderTable(scan.result, { color: color && !cmd.output, width }) +
              (scan.policy.result ? '\n' + renderPolicySection(scan, { color: color && !cmd.output, width }) : '');
      await emit(io, text, cmd.output);
      reportPolicyProblems(io, scan);
      return policyExitCode(scan.policy, cmd.failOn);
    }
    case 'export':
      return runExport(cmd, io);
    case 'lookup': {
      const engine = createEngine();
      const gguf = /\.gguf$/i.test(cmd.query) ? resolve(io.cwd, cmd.query) : undefined;
      const results = lookup(engine, gguf ? basename(gguf) : cmd.query);
      let online: OnlineNote | undefined;
      if (gguf && (await fsp.stat(gguf).catch(() => undefined))?.isFile()) {
        // A local GGUF file: its header states the licence (read without reading the weights). No network involved.
        const g = await readGgufLicense(nodeFileSystem(), gguf);
        online = g === undefined ? { error: 'the GGUF header has no general.license' } : 'error' in g ? { error: g.error } : { license: g };
        if (online.license && results[0]) {
          const agree = agreesWithCatalog(engine, results[0].license.id, online.license);
          if (agree !== undefined) online.agreesWithCatalog = agree;
        }
      }
      if (cmd.online.enabled && !online) {
        const r = await enrichLookup(engine, cmd.query, results, onlineOptionsFromEnv(io.env, cmd.online.refresh, io.fetch));
        reportOnlineErrors(io, r.errors);
        online = r.online;
      }
      const found = results.length > 0 || Boolean(online?.license);
      if (cmd.format === 'json') io.stdout(JSON.stringify({ query: cmd.query, results, ...(online ? { online } : {}) }, null, 2) + '\n');
      else if (online?.license && !results.length) io.stdout(renderOnlineOnly(cmd.query, online, { color, width }));
      else if (!results.length) io.stdout(`"${cmd.query}" is not in the catalog.\n`);
      else {
        io.stdout(results.map((r) => renderCard(r, { color, width })).join('\n'));
        if (online) io.stdout(`  ${onlineLine(online)}\n`);
      }
      return found ? 0 : 1;
    }
    case 'catalog': {
      const { catalog } = createEngine();
      if (cmd.format === 'json') {
        io.stdout(JSON.stringify({ models: catalog.models, packages: catalog.packages, licenses: catalog.licenses }, null, 2) + '\n');
      } else io.stdout(renderCatalogTable(catalog, width));
      return 0;
    }
  }
}

/** Runs one CLI invocation; returns the exit status. Never throws. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    return await execute(parseCommand(argv), io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`ai-openness: ${e.message}\nRun "ai-openness --help" for usage.\n`);
      return 2;
    }
    const code = typeof e === 'object' && e && 'code' in e ? String((e as { code: unknown }).code) : '';
    const path = typeof e === 'object' && e && 'path' in e ? String((e as { path: unknown }).path) : '';
    if (code && path) {
      io.stderr(`ai-openness: ${path}: ${code === 'ENOENT' ? 'no such file or folder' : code === 'EACCES' ? 'permission denied' : code}\n`);
      return 2;
    }
    if (e instanceof Error && e.name === 'AbortError') {
      io.stderr('ai-openness: cancelled\n');
      return 130;
    }
    io.stderr(`ai-openness: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 2;
  }
}
