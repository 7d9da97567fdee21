/**
 * The online part of hover cards: what the Hub or a registry said (source, date, agreement with the catalog), and the
 * card of a Hub model the catalog lacks. Everything from the network is escaped; links are https only.
 */
import type { Lang } from './labels';
import { escapeMarkdown, markdownLink as link } from './report/markdown';
import type { OnlineNote } from './online/types';

/** Where an online answer stands for the hover: not asked (setting off / untrusted), on its way, or here. */
export type OnlineState = { state: 'off' } | { state: 'pending' } | { state: 'done'; note: OnlineNote };

const TEXT = {
  en: {
    online: 'Online',
    says: (src: string, what: string) => `${src} says **${what}**`,
    inherited: (chain: string) => `inherited through base_model from ${chain}`,
    fetched: (date: string, cached: boolean) => `fetched ${date}${cached ? ', from the cache' : ''}`,
    agrees: 'agrees with the catalog',
    differs: 'differs from the catalog: both are shown, check the model card',
    gated: (how: string) => `gated on the Hub (${how}): accept its terms there first`,
    failed: (e: string) => `look-up failed: ${e}. The offline answer stands.`,
    notInCatalog: 'not in the AI Openness catalog',
    hubModel: 'Named as a Hugging Face model in this file.',
    off: 'Licence unknown offline. Turn on **aiOpenness.online** (trusted workspaces only) to read it from the Hub, or read the model card.',
    pending: 'Asking the Hugging Face Hub… hover again in a moment.',
    modelCard: 'model card',
  },
  id: {
    online: 'Daring',
    says: (src: string, what: string) => `${src} menyatakan **${what}**`,
    inherited: (chain: string) => `diwarisi lewat base_model dari ${chain}`,
    fetched: (date: string, cached: boolean) => `diambil ${date}${cached ? ', dari cache' : ''}`,
    agrees: 'sesuai dengan katalog',
    differs: 'berbeda dari katalog: keduanya ditampilkan, periksa kartu modelnya',
    gated: (how: string) => `dibatasi (gated) di Hub (${how}): setujui ketentuannya di sana dulu`,
    failed: (e: string) => `pencarian gagal: ${e}. Jawaban luring tetap berlaku.`,
    notInCatalog: 'tidak ada di katalog AI Openness',
    hubModel: 'Disebut sebagai model Hugging Face di berkas ini.',
    off: 'Lisensi tidak diketahui secara luring. Aktifkan **aiOpenness.online** (hanya di ruang kerja tepercaya) untuk membacanya dari Hub, atau baca kartu modelnya.',
    pending: 'Menanyakan Hugging Face Hub… arahkan kursor lagi sebentar lagi.',
    modelCard: 'kartu model',
  },
};

/** One Markdown paragraph on an online answer (empty when there is nothing to say). */
export function onlineMarkdown(n: OnlineNote, lang: Lang): string {
  const t = TEXT[lang];
  if (n.error) return `**${t.online}:** ${escapeMarkdown(t.failed(n.error))}`;
  const l = n.license;
  if (!l) return '';
  const what = l.license === 'other' && l.name ? l.name : l.license;
  const parts = [t.says(escapeMarkdown(l.source), escapeMarkdown(what))];
  if (l.license === 'other' && l.url && /^https:\/\//i.test(l.url)) parts.push(link(l.url, l.url));
  if (l.inheritedFrom?.length) parts.push(escapeMarkdown(t.inherited(l.inheritedFrom.join(' ← '))));
  parts.push(`${t.fetched(l.fetchedAt.slice(0, 10), Boolean(n.cached))} (${link('source', l.from)})`);
  if (n.agreesWithCatalog !== undefined) parts.push(n.agreesWithCatalog ? t.agrees : `⚠ ${t.differs}`);
  const lines = [`**${t.online}:** ${parts.join(' · ')}`];
  if (l.gated) lines.push(escapeMarkdown(t.gated(String(l.gated))));
  if (l.note) lines.push(escapeMarkdown(l.note));
  return lines.join('\n\n');
}

/** The hover card of a Hub id the catalog lacks. */
export function discoveredCardMarkdown(name: string, online: OnlineState, lang: Lang): string {
  const t = TEXT[lang];
  const head = `**${escapeMarkdown(name)}** — ${t.notInCatalog} · ${link(t.modelCard, `https://huggingface.co/${name}`)}`;
  const body =
    online.state === 'off' ? t.off : online.state === 'pending' ? t.pending : onlineMarkdown(online.note, lang) || t.off;
  return [head, t.hubModel, body].join('\n\n');
}
