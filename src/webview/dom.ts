/**
 * Small DOM builders for the webview. Text goes in through textContent / text nodes only, so data from a scan (file
 * names, model ids) can never become markup.
 */
import type { AllowedCommand, WebviewMessage } from './protocol';
import { isSafeLink } from './protocol';

type Child = Node | string;

/** `el('li', { class: 'x', text: 'y' }, ...children)`; `text` sets textContent; other keys become attributes. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Record<string, string> & { text?: string } = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value);
  }
  node.append(...children);
  return node;
}

/** A real anchor (focusable, Enter activates it); the document's click handler sends it to the host. */
export function link(url: string, text: string, label?: string): Node {
  if (!isSafeLink(url)) return document.createTextNode(text);
  const a = el('a', { href: url, text, title: url });
  if (label) a.setAttribute('aria-label', label);
  return a;
}

export function list(items: HTMLElement[], className = 'items'): HTMLElement {
  return el('ul', { class: className }, ...items);
}

export function commandButton(
  label: string,
  id: AllowedCommand,
  args: string[] | undefined,
  post: (m: WebviewMessage) => void,
): HTMLButtonElement {
  const button = el('button', { type: 'button', class: 'command', text: label });
  button.addEventListener('click', () => post(args ? { type: 'command', id, args } : { type: 'command', id }));
  return button;
}
