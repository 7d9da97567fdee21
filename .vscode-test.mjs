// The same extension-host suite under @vscode/test-cli + @vscode/test-electron, where VS Code desktop can be
// downloaded (a developer laptop, a CI with internet): `npm run test:electron`. Here (no download possible) the suite
// runs in code-server instead: `npm run test:vscode`.
import { defineConfig } from '@vscode/test-cli';

export default defineConfig({
  files: 'out/test/suite/*.test.js',
  workspaceFolder: './test/fixtures/workspace',
  mocha: { ui: 'bdd', timeout: 60000 },
});
