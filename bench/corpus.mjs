// Deterministic benchmark corpus: ~20,000 files / ~200 MB of mixed source (py, ts, js, go, rs, java, md, yaml, json,
// ipynb, txt) with catalog model ids sprinkled in (a few per MB, at recorded lines), plus a few manifests.
// Written to bench/.corpus/<name>/ (gitignored) and reused when the parameters (including the ids) are the same.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const VERSION = 3;

/** mulberry32: small, fast, deterministic. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Vocabulary chosen to contain no model-family words.
const WORDS = (
  'value result data config string number index length buffer stream request response client server user ' +
  'content message handler options params state store cache queue worker task job event listener router ' +
  'session token payload record entry item element node tree graph matrix vector tensor batch epoch loss ' +
  'metric score label target sample input output source dest path file folder name title text body header ' +
  'footer layout widget button panel dialog window frame canvas image color width height offset margin ' +
  'padding border radius shadow opacity visible hidden enabled disabled active pending done error warning ' +
  'info debug trace logger timer clock date time zone locale region country city street account invoice ' +
  'order product price amount total balance payment customer vendor supplier shipment inventory warehouse ' +
  'embedding prompt completion temperature response_format max_tokens top_p stop retry timeout backoff'
).split(/\s+/);
const TYPES = ['int', 'str', 'float', 'bool', 'list', 'dict', 'bytes', 'None'];
const UNICODE = ['café', 'naïve', 'über', 'données', '数据', 'модель', 'جملة', '😀'];

function makePools(rand) {
  const pick = (arr) => arr[Math.floor(rand() * arr.length)];
  const id = () => pick(WORDS) + (rand() < 0.3 ? '_' + pick(WORDS) : '') + (rand() < 0.2 ? String(Math.floor(rand() * 100)) : '');
  const camel = () => pick(WORDS) + pick(WORDS).replace(/^./, (c) => c.toUpperCase());
  const sentence = (n) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const gen = {
    py: () => {
      const r = rand();
      if (r < 0.15) return `def ${id()}(${id()}: ${pick(TYPES)}, ${id()}=None) -> ${pick(TYPES)}:`;
      if (r < 0.25) return `class ${camel()}(${camel()}):`;
      if (r < 0.35) return `    # ${sentence(6 + Math.floor(rand() * 8))}`;
      if (r < 0.45) return `import ${id()}` + (rand() < 0.5 ? `.${id()}` : '');
      if (r < 0.7) return `    ${id()} = self.${id()}(${id()}, ${Math.floor(rand() * 1000)})`;
      if (r < 0.85) return `        return {"${pick(WORDS)}": ${id()}, "${pick(WORDS)}": [${id()} for ${id()} in ${id()}]}`;
      return `    if ${id()} is not None and len(${id()}) > ${Math.floor(rand() * 64)}:`;
    },
    ts: () => {
      const r = rand();
      if (r < 0.15) return `export function ${camel()}(${id()}: ${camel()}, ${id()}?: number): Promise<${camel()}> {`;
      if (r < 0.25) return `import { ${camel()}, ${camel()} } from './${pick(WORDS)}/${pick(WORDS)}';`;
      if (r < 0.35) return `  // ${sentence(6 + Math.floor(rand() * 8))}`;
      if (r < 0.6) return `  const ${camel()} = await this.${camel()}(${id()}, { ${pick(WORDS)}: ${Math.floor(rand() * 100)} });`;
      if (r < 0.8) return `  if (${camel()}.${pick(WORDS)} !== undefined) return ${camel()}.${pick(WORDS)}.map((x) => x.${pick(WORDS)});`;
      return `}`;
    },
    js: () => {
      const r = rand();
      if (r < 0.2) return `function ${camel()}(${id()}, ${id()}) {`;
      if (r < 0.3) return `const ${camel()} = require('${pick(WORDS)}');`;
      if (r < 0.4) return `  /* ${sentence(5 + Math.floor(rand() * 6))} */`;
      if (r < 0.8) return `  ${camel()}.${camel()}(${id()}, '${pick(WORDS)}', ${Math.floor(rand() * 1000)});`;
      return `}`;
    },
    go: () => {
      const r = rand();
      if (r < 0.15) return `func (s *${camel()}) ${camel()}(ctx context.Context, ${id()} ${pick(['string', 'int', '[]byte'])}) error {`;
      if (r < 0.3) return `\t${camel()}, err := s.${camel()}(ctx, ${id()})`;
      if (r < 0.45) return `\tif err != nil { return fmt.Errorf("${sentence(3)}: %w", err) }`;
      if (r < 0.6) return `// ${camel()} ${sentence(6 + Math.floor(rand() * 6))}`;
      return `\t${camel()}.${camel()} = append(${camel()}.${camel()}, ${id()})`;
    },
    rs: () => {
      const r = rand();
      if (r < 0.15) return `pub fn ${id()}(&self, ${id()}: &${camel()}) -> Result<${camel()}, Error> {`;
      if (r < 0.3) return `    let ${id()} = self.${id()}.get(&${id()}).ok_or(Error::${camel()})?;`;
      if (r < 0.45) return `    /// ${sentence(6 + Math.floor(rand() * 6))}`;
      if (r < 0.6) return `use crate::${id()}::{${camel()}, ${camel()}};`;
      return `    ${id()}.push(${camel()}::new(${Math.floor(rand() * 100)}));`;
    },
    java: () => {
      const r = rand();
      if (r < 0.15) return `    public ${camel()} ${camel()}(${camel()} ${id()}, int ${id()}) throws IOException {`;
      if (r < 0.3) return `import com.${pick(WORDS)}.${pick(WORDS)}.${camel()};`;
      if (r < 0.45) return `        // ${sentence(6 + Math.floor(rand() * 6))}`;
      return `        ${camel()} ${id()} = this.${camel()}.${camel()}(${id()}, "${pick(WORDS)}");`;
    },
    md: () => {
      const r = rand();
      if (r < 0.1) return `## ${sentence(3).replace(/^./, (c) => c.toUpperCase())}`;
      if (r < 0.2) return `- ${sentence(8)} \`${id()}\``;
      if (r < 0.25) return `${sentence(5)} ${pick(UNICODE)} ${sentence(4)}`;
      return `${sentence(10 + Math.floor(rand() * 10)).replace(/^./, (c) => c.toUpperCase())}.`;
    },
    yaml: () => {
      const r = rand();
      if (r < 0.2) return `${id()}:`;
      if (r < 0.6) return `  ${id()}: ${pick(WORDS)}-${Math.floor(rand() * 100)}`;
      if (r < 0.8) return `    - ${pick(WORDS)}`;
      return `  # ${sentence(6)}`;
    },
    json: () => `    "${id()}": ${rand() < 0.5 ? Math.floor(rand() * 1e6) : `"${pick(WORDS)} ${pick(WORDS)}"`},`,
    txt: () => (rand() < 0.05 ? `${sentence(6)} ${pick(UNICODE)}` : sentence(8 + Math.floor(rand() * 12))),
  };
  gen.ipynb = gen.py;
  const pools = {};
  for (const [k, g] of Object.entries(gen)) pools[k] = Array.from({ length: 4000 }, g);
  return pools;
}

const EXT_WEIGHTS = [
  ['py', 20],
  ['ts', 15],
  ['js', 10],
  ['go', 8],
  ['rs', 7],
  ['java', 8],
  ['md', 10],
  ['yaml', 6],
  ['json', 8],
  ['ipynb', 3],
  ['txt', 5],
];

function sprinkleLine(ext, id) {
  switch (ext) {
    case 'py':
      return `MODEL_NAME = "${id}"`;
    case 'ts':
    case 'js':
      return `  const model = '${id}';`;
    case 'go':
      return `\tModel: "${id}",`;
    case 'rs':
      return `    let model = "${id}";`;
    case 'java':
      return `        String model = "${id}";`;
    case 'md':
      return `We run \`${id}\` for this.`;
    case 'yaml':
      return `  model: ${id}`;
    case 'json':
      return `    "model": "${id}",`;
    case 'ipynb':
      return `model = "${id}"`;
    default:
      return `model=${id}`;
  }
}

const MANIFESTS = {
  'package.json': '{\n  "name": "app",\n  "dependencies": {\n    "openai": "^4.0.0",\n    "express": "^4.19.2"\n  }\n}\n',
  'requirements.txt': 'openai>=1.40\nanthropic==0.39.0\ntransformers>=4.44\nrequests\n',
  'pyproject.toml': '[project]\nname = "svc"\nversion = "0.1.0"\ndependencies = ["langchain>=0.2", "httpx"]\n',
  'Cargo.toml': '[package]\nname = "svc"\nversion = "0.1.0"\n\n[dependencies]\nserde = "1"\n',
  'go.mod': 'module example.com/svc\n\ngo 1.22\n\nrequire github.com/sashabaranov/go-openai v1.32.0\n',
};

/** Generates (or reuses) the corpus. `ids`: model ids to sprinkle. Returns { dir, meta }. */
export function ensureCorpus({ root, files = 20000, megabytes = 200, seed = 42, ids, perMb = 3 }) {
  const params = { VERSION, files, megabytes, seed, perMb, ids: [...ids].sort() };
  const key = createHash('sha256').update(JSON.stringify(params)).digest('hex').slice(0, 12);
  const dir = join(root, `corpus-${key}`);
  const metaPath = join(dir, 'meta.json');
  if (existsSync(metaPath)) return { dir: join(dir, 'files'), meta: JSON.parse(readFileSync(metaPath, 'utf8')) };
  // One corpus at a time on disk: drop the others (other parameters or catalog ids).
  if (existsSync(root)) {
    for (const d of readdirSync(root)) if (d.startsWith('corpus-')) rmSync(join(root, d), { recursive: true, force: true });
  }
  const rand = prng(seed);
  const pools = makePools(prng(seed + 1));
  const pick = (arr) => arr[Math.floor(rand() * arr.length)];
  const totalWeight = EXT_WEIGHTS.reduce((n, [, w]) => n + w, 0);
  const pickExt = () => {
    let r = rand() * totalWeight;
    for (const [e, w] of EXT_WEIGHTS) if ((r -= w) < 0) return e;
    return 'txt';
  };
  // Sizes: log-normal around a few KB, a long tail, scaled to the target total.
  const raw = Array.from({ length: files }, () => {
    const u = Math.max(1e-9, rand());
    const v = rand();
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    return Math.min(2_000_000, Math.exp(8.6 + 1.1 * z));
  });
  const scale = (megabytes * 1e6) / raw.reduce((a, b) => a + b, 0);
  const base = join(dir, 'files');
  const sprinkles = [];
  let bytes = 0;
  const dirsPerTop = 25;
  const leafCount = Math.max(1, Math.round(files / 20));
  for (let i = 0; i < files; i++) {
    const leaf = i % leafCount;
    const rel = `p${String(Math.floor(leaf / dirsPerTop)).padStart(3, '0')}/m${String(leaf % dirsPerTop).padStart(2, '0')}`;
    const ext = pickExt();
    const name = `${pick(WORDS)}_${i}.${ext}`;
    const target = Math.max(200, Math.round(raw[i] * scale));
    const pool = pools[ext];
    const lines = [];
    let size = 0;
    while (size < target) {
      const l = pick(pool);
      lines.push(l);
      size += l.length + 1;
    }
    // Sprinkles: perMb per MB on average.
    const expected = (target / 1e6) * perMb;
    let k = Math.floor(expected) + (rand() < expected - Math.floor(expected) ? 1 : 0);
    const placed = [];
    while (k-- > 0) {
      const at = Math.floor(rand() * (lines.length + 1));
      const id = pick(ids);
      lines.splice(at, 0, sprinkleLine(ext, id));
      for (const p of placed) if (p.index >= at) p.index++;
      placed.push({ index: at, id });
    }
    let text;
    const relPath = `${rel}/${name}`;
    if (ext === 'ipynb') {
      // One cell per 40 lines; every source line is one JSON string (the JSON itself is pretty-printed, one line per
      // source line, so a sprinkle's file line is computable).
      const out = ['{', ' "cells": ['];
      const lineOf = new Map();
      for (let c = 0; c < lines.length; c += 40) {
        out.push('  {', '   "cell_type": "code",', '   "metadata": {},', '   "outputs": [],', '   "source": [');
        const chunk = lines.slice(c, c + 40);
        chunk.forEach((l, j) => {
          lineOf.set(c + j, out.length + 1);
          out.push('    ' + JSON.stringify(l + (j < chunk.length - 1 ? '\n' : '')) + (j < chunk.length - 1 ? ',' : ''));
        });
        out.push('   ]', c + 40 < lines.length ? '  },' : '  }');
      }
      out.push(' ],', ' "metadata": {"kernelspec": {"name": "python3"}},', ' "nbformat": 4,', ' "nbformat_minor": 5', '}', '');
      text = out.join('\n');
      for (const p of placed) sprinkles.push({ path: relPath, line: lineOf.get(p.index), id: p.id });
    } else {
      text = lines.join('\n') + '\n';
      for (const p of placed) sprinkles.push({ path: relPath, line: p.index + 1, id: p.id });
    }
    mkdirSync(join(base, rel), { recursive: true });
    writeFileSync(join(base, relPath), text);
    bytes += Buffer.byteLength(text);
  }
  // A few manifests (parsed, never model-matched).
  let manifests = 0;
  for (let t = 0; t < 10; t++) {
    for (const [name, content] of Object.entries(MANIFESTS)) {
      const rel = `p${String(t).padStart(3, '0')}/m00/${name}`;
      mkdirSync(dirname(join(base, rel)), { recursive: true });
      writeFileSync(join(base, rel), content);
      bytes += Buffer.byteLength(content);
      manifests++;
    }
  }
  const meta = { params, files: files + manifests, bytes, sprinkles };
  writeFileSync(metaPath, JSON.stringify(meta));
  return { dir: base, meta };
}
