/**
 * Which manifest parser reads a file, by its base name (a path is accepted; only the part after the last '/' or '\'
 * counts). Lockfiles are not manifests and are never parsed: they list the whole resolved tree, not what the project
 * declares.
 *
 * Name rules:
 * - Fixed names are matched exactly as the tools spell them (package.json, pyproject.toml, Pipfile, setup.cfg,
 *   Cargo.toml, go.mod, pom.xml, build.gradle, build.gradle.kts, environment.yml / environment.yaml).
 * - pip requirements: `requirements*.txt` / `requirements*.in` and the word "requirements" joined by `-`, `_` or `.`
 *   to a prefix (`dev-requirements.txt`, `test.requirements.in`), case-insensitively. A bare substring such as
 *   `myrequirements.txt` is not taken, to avoid reading prose files. `constraints*.txt` files are NOT manifests: they
 *   only pin versions of what something else declares; they are reached through a requirements file's `-c` include
 *   (in `ManifestResult.includes`), and a caller following includes reads them with `parseRequirements`.
 * - .NET: `*.csproj`, `*.fsproj`, `*.vbproj`, `Directory.Packages.props` and `Directory.Build.props`,
 *   case-insensitively (MSBuild is).
 */
import type { ManifestParser } from '../types';
import { parseCargoToml } from './cargo';
import { parseCondaEnvironment } from './conda';
import { parseGoMod } from './gomod';
import { parseGradle } from './gradle';
import { parsePom } from './maven';
import { parsePackageJson } from './npm';
import { parseMsbuildProject } from './nuget';
import { parsePipfile } from './pipfile';
import { parsePyproject } from './pyproject';
import { parseRequirements } from './requirements';
import { parseSetupCfg } from './setupcfg';

export { parseCargoToml, parseCondaEnvironment, parseGoMod, parseGradle, parseMsbuildProject, parsePackageJson };
export { parsePipfile, parsePom, parsePyproject, parseRequirements, parseSetupCfg };

const EXACT: Record<string, ManifestParser> = {
  'package.json': parsePackageJson,
  'pyproject.toml': parsePyproject,
  Pipfile: parsePipfile,
  'setup.cfg': parseSetupCfg,
  'environment.yml': parseCondaEnvironment,
  'environment.yaml': parseCondaEnvironment,
  'Cargo.toml': parseCargoToml,
  'go.mod': parseGoMod,
  'pom.xml': parsePom,
  'build.gradle': parseGradle,
  'build.gradle.kts': parseGradle,
};

const REQUIREMENTS = /^(?:[^/\\]*[-_.])?requirements(?:[-_.][^/\\]*)?\.(?:txt|in)$/i;
const MSBUILD = /^(?:.+\.(?:csproj|fsproj|vbproj)|directory\.packages\.props|directory\.build\.props)$/i;

const LOCKFILES = new Set([
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lock',
  'bun.lockb',
  'deno.lock',
  'poetry.lock',
  'pipfile.lock',
  'mix.lock',
  'podfile.lock',
  'pdm.lock',
  'uv.lock',
  'pylock.toml',
  'pixi.lock',
  'cargo.lock',
  'go.sum',
  'go.work.sum',
  'gradle.lockfile',
  'packages.lock.json',
  'conda-lock.yml',
  'conda-lock.yaml',
  'composer.lock',
  'gemfile.lock',
  'flake.lock',
]);
/** pylock.<name>.toml (PEP 751), *.conda-lock.yml, Gradle per-configuration *.lockfile. */
const LOCKFILE_PATTERN = /^(?:pylock\..+\.toml|.+\.conda-lock\.ya?ml|.+\.lockfile)$/i;

function baseName(fileName: string): string {
  return fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
}

/** True for lockfiles (package-lock.json, yarn.lock, poetry.lock, Cargo.lock, go.sum, uv.lock, …). */
export function isLockfileName(fileName: string): boolean {
  const name = baseName(fileName);
  return LOCKFILES.has(name.toLowerCase()) || LOCKFILE_PATTERN.test(name);
}

/** The parser for a manifest file name, or undefined (also for every lockfile). */
export function manifestParserFor(fileName: string): ManifestParser | undefined {
  const name = baseName(fileName);
  if (name === '' || isLockfileName(name)) return undefined;
  const exact = EXACT[name];
  if (exact && Object.prototype.hasOwnProperty.call(EXACT, name)) return exact;
  if (REQUIREMENTS.test(name)) return parseRequirements;
  if (MSBUILD.test(name)) return parseMsbuildProject;
  return undefined;
}

/** True when `manifestParserFor` has a parser for this name. */
export function isManifestFileName(fileName: string): boolean {
  return manifestParserFor(fileName) !== undefined;
}
