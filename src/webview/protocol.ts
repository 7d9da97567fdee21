/**
 * The messages between the extension host and the Framework webview, shared by both sides (type-only imports apart
 * from the small validators below, which both bundles may use). Everything a webview sends is untrusted input: the
 * host checks it with `parseWebviewMessage` before acting on it.
 */
import type { FrameworkEvidence, FrameworkLang } from '../core/framework';

/** The only commands the webview may ask the host to run. */
export const ALLOWED_COMMANDS = ['aiOpenness.scanWorkspace', 'aiOpenness.showInView', 'aiOpenness.lookUp', 'workbench.actions.view.problems'] as const;
export type AllowedCommand = (typeof ALLOWED_COMMANDS)[number];

/** webview → host */
export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'openLink'; url: string }
  | { type: 'command'; id: AllowedCommand; args?: string[] }
  /** Open a policy file the host listed in `evidence.policy` (the host opens no other path). */
  | { type: 'openPolicy'; path: string };

/** host → webview */
export interface UpdateMessage {
  type: 'update';
  lang: FrameworkLang;
  /** media/framework/<lang>.md, with `<!-- evidence:PART -->` markers where each part's evidence goes. */
  markdown: string;
  evidence: FrameworkEvidence;
  /** ISO timestamp of this update. */
  generatedAt: string;
}
export type HostMessage = UpdateMessage;

/** Only https links leave the webview (no http, file, command or javascript URLs). */
export function isSafeLink(url: unknown): url is string {
  if (typeof url !== 'string' || url.length > 2048) return false;
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

function isAllowedCommand(id: unknown): id is AllowedCommand {
  return typeof id === 'string' && (ALLOWED_COMMANDS as readonly string[]).includes(id);
}

/** The message if it is well-formed and allowed, else undefined. Command arguments must be short strings. */
export function parseWebviewMessage(data: unknown): WebviewMessage | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const m = data as Record<string, unknown>;
  switch (m['type']) {
    case 'ready':
      return { type: 'ready' };
    case 'openLink':
      return isSafeLink(m['url']) ? { type: 'openLink', url: m['url'] } : undefined;
    case 'openPolicy': {
      const path = m['path'];
      return typeof path === 'string' && path.length > 0 && path.length <= 4096 ? { type: 'openPolicy', path } : undefined;
    }
    case 'command': {
      const id = m['id'];
      const args = m['args'];
      if (!isAllowedCommand(id)) return undefined;
      if (args === undefined) return { type: 'command', id };
      if (!Array.isArray(args) || args.length > 1 || !args.every((a) => typeof a === 'string' && a.length <= 500)) return undefined;
      return { type: 'command', id, args: args as string[] };
    }
    default:
      return undefined;
  }
}
