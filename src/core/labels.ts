/**
 * Words shared by every view (card, tree, framework, status bar, reports), in the languages the product speaks, so
 * that one level reads the same everywhere.
 */
import type { OpennessLevel } from './types';

export type Lang = 'en' | 'id';

const LEVELS: Record<Lang, Record<OpennessLevel, string>> = {
  en: {
    'api-only': 'API only',
    hosted: 'hosted only',
    'restricted-weights': 'restricted weights',
    'open-weights': 'open weights',
    'fully-open': 'fully open',
    'open-source': 'open source',
    proprietary: 'proprietary',
    unknown: 'unknown',
  },
  id: {
    'api-only': 'hanya lewat API',
    hosted: 'hanya layanan hosting',
    'restricted-weights': 'bobot terbatas',
    'open-weights': 'bobot terbuka',
    'fully-open': 'terbuka sepenuhnya',
    'open-source': 'sumber terbuka',
    proprietary: 'proprietari',
    unknown: 'tidak diketahui',
  },
};

/** The openness level's label, lower-case ("restricted weights", "bobot terbatas"). */
export function levelLabel(level: OpennessLevel, lang: Lang): string {
  return LEVELS[lang][level] ?? level;
}

/** The same with a capital first letter, for labels that start a line or a group. */
export function levelTitle(level: OpennessLevel, lang: Lang): string {
  const s = levelLabel(level, lang);
  return s.charAt(0).toUpperCase() + s.slice(1);
}
