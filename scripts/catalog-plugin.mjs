// esbuild plugin: `import catalog from 'virtual:ai-openness-catalog'` becomes the union of every JSON file under
// catalog/ (models/*.json, packages/*.json, licenses/*.json, assessments/*.json, gateways.json), read at build time in
// file-name order.
// Adding a file or an entry is a data change only: no import list to edit.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', 'catalog');
const KINDS = ['models', 'packages', 'licenses'];
/** catalog/assessments/*.json: third-party gradings. Each file holds any of these keys (arrays are concatenated, the
 * conflicts object is merged by model id). */
const ASSESSMENTS = 'assessments';
const ASSESSMENT_ARRAYS = ['assessments', 'developerScores'];

function jsonFiles(dir) {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join(dir, f));
}

/** A catalog file's JSON; a syntax error names the file. */
function readJson(root, file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`catalog: ${relative(root, file)}: ${e.message}`);
  }
}

/** Reads the catalog; every entry remembers its file (for error messages), which the bundle drops. */
export function readCatalog(root = ROOT) {
  const out = { models: [], packages: [], licenses: [], gatewayPrefixes: [], assessments: [], developerScores: [], licenseConflicts: {} };
  const files = [];
  for (const kind of KINDS) {
    for (const file of jsonFiles(join(root, kind))) {
      files.push(file);
      const data = readJson(root, file);
      if (!Array.isArray(data[kind])) throw new Error(`catalog: ${relative(root, file)} must be { "${kind}": [ … ] }`);
      out[kind].push(...data[kind]);
    }
  }
  let assessmentFiles = [];
  try {
    assessmentFiles = jsonFiles(join(root, ASSESSMENTS));
  } catch {
    // no assessments folder: nothing to merge
  }
  for (const file of assessmentFiles) {
    files.push(file);
    const data = readJson(root, file);
    let known = false;
    for (const key of ASSESSMENT_ARRAYS) {
      if (data[key] === undefined) continue;
      if (!Array.isArray(data[key])) throw new Error(`catalog: ${relative(root, file)}: "${key}" must be an array`);
      out[key].push(...data[key]);
      known = true;
    }
    if (data.licenseConflicts !== undefined) {
      if (!data.licenseConflicts || typeof data.licenseConflicts !== 'object' || Array.isArray(data.licenseConflicts))
        throw new Error(`catalog: ${relative(root, file)}: "licenseConflicts" must be an object keyed by model id`);
      for (const [id, list] of Object.entries(data.licenseConflicts)) {
        if (id.startsWith('_')) continue; // comments
        out.licenseConflicts[id] = [...(out.licenseConflicts[id] ?? []), ...list];
      }
      known = true;
    }
    if (!known) throw new Error(`catalog: ${relative(root, file)} holds none of assessments, developerScores, licenseConflicts`);
  }
  const gateways = join(root, 'gateways.json');
  files.push(gateways);
  out.gatewayPrefixes = readJson(root, gateways).gatewayPrefixes;
  return { catalog: out, files };
}

export function catalogPlugin() {
  return {
    name: 'ai-openness-catalog',
    setup(build) {
      build.onResolve({ filter: /^virtual:ai-openness-catalog$/ }, (args) => ({ path: args.path, namespace: 'ai-openness-catalog' }));
      build.onLoad({ filter: /.*/, namespace: 'ai-openness-catalog' }, () => {
        const { catalog, files } = readCatalog();
        return {
          contents: `export default ${JSON.stringify(catalog)};`,
          loader: 'js',
          watchFiles: files,
          watchDirs: [...KINDS, ASSESSMENTS].map((k) => join(ROOT, k)),
        };
      });
    },
  };
}
