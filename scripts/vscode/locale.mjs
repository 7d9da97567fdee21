// A display language for a test code-server. `--locale xx` alone is not enough: VS Code falls back to English (for
// the workbench and for `vscode.env.language` in extensions) unless a language pack for xx is registered in
// <user-data>/languagepacks.json. No language pack can be downloaded here, so this registers an empty one: VS Code
// itself stays in English (nothing is translated), but the locale is resolved to xx, so extensions see
// `vscode.env.language === 'xx'` and VS Code loads their package.nls.xx.json and l10n/bundle.l10n.xx.json.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Registers an empty language pack for `locale` in the sandbox's user-data folder (before code-server starts). */
export function registerEmptyLanguagePack(sandbox, locale) {
  const dir = join(sandbox.root, `language-pack-${locale}`);
  mkdirSync(dir, { recursive: true });
  const translations = join(dir, 'main.i18n.json');
  writeFileSync(translations, JSON.stringify({ version: '1.0.0', contents: {} }));
  const id = `ai-openness-test.empty-language-pack-${locale}`;
  const packs = {
    [locale]: {
      hash: createHash('md5').update(id).update('0.0.1').digest('hex'),
      extensions: [{ extensionIdentifier: { id }, version: '0.0.1' }],
      translations: { vscode: translations },
      label: locale,
    },
  };
  writeFileSync(join(sandbox.userData, 'languagepacks.json'), JSON.stringify(packs));
}
