/**
 * Contracts of the policy gate (issue 7): the policy a team commits at the workspace root (`.ai-openness.json` or
 * `.ai-openness.yaml`), the rules it turns on, and the violations a scan gives. Shared by the CLI (`scan --policy`,
 * `export --format sarif`), the exports and the editor (Problems, quick fixes, status).
 */
import type { Finding, Location, OpennessLevel } from '../types';

/** File names looked for at a root, in this order (the first that exists wins; two at once is a warning). */
export const POLICY_FILE_NAMES = ['.ai-openness.json', '.ai-openness.yaml', '.ai-openness.yml'] as const;

export type PolicySeverity = 'error' | 'warning';

/** Rule ids: diagnostic codes, SARIF rule ids, the names `exceptions` use. */
export type RuleId =
  | 'deny-license'
  | 'license-not-allowed'
  | 'minimum-openness'
  | 'non-commercial'
  | 'api-only'
  | 'not-osi-approved';

export const RULE_IDS: readonly RuleId[] = [
  'deny-license',
  'license-not-allowed',
  'minimum-openness',
  'non-commercial',
  'api-only',
  'not-osi-approved',
];

/** A licence as the policy names it, with the id it resolves to (SPDX, LicenseRef-…, or a Hub tag's profile). */
export interface PolicyLicense {
  written: string;
  resolved: string;
}

export interface PolicyException {
  /** gitignore-style pattern on the finding's location path (relative to the root, `/`-separated); all paths if absent. */
  path?: string;
  /** Model id / package name (as written or canonical); `*` wildcards allowed; all findings if absent. */
  id?: string;
  /** Rules it lifts; all rules if absent. */
  rules?: RuleId[];
  /** Why (required: an exception without a reason is a policy error). */
  reason: string;
}

/** A parsed, valid policy. Absent rules are off. */
export interface Policy {
  /** Path of the file it was read from (relative to the root, or as given). */
  file: string;
  denyLicenses?: { licenses: PolicyLicense[]; severity: PolicySeverity };
  allowLicenses?: { licenses: PolicyLicense[]; severity: PolicySeverity };
  /** Models below this level violate (packages are not graded on this scale and are exempt). */
  minimumOpenness?: { level: OpennessLevel; severity: PolicySeverity };
  forbidNonCommercial?: { severity: PolicySeverity };
  forbidApiOnly?: { severity: PolicySeverity };
  requireOsiApproved?: { severity: PolicySeverity };
  exceptions: PolicyException[];
}

/** A problem in the policy file itself, with its position (1-based line and column). */
export interface PolicyProblem {
  file: string;
  line: number;
  column: number;
  message: string;
  /** `error`: the policy cannot be used (the scan still reports findings); `warning`: an unknown key, a duplicate… */
  severity: PolicySeverity;
}

export interface Violation {
  rule: RuleId;
  severity: PolicySeverity;
  /** One sentence naming the finding, its licence or level, and the rule (English; the editor localises the rule). */
  message: string;
  finding: Finding;
  /** The locations it applies to (those not lifted by an exception). */
  locations: Location[];
  /** Where to read more: the licence page, or the README's policy section. */
  helpUri: string;
}

export interface PolicyResult {
  /** The policy used, when one was found and is valid. */
  policy?: Policy;
  problems: PolicyProblem[];
  violations: Violation[];
  /** Locations lifted by exceptions, with the exception's reason (reported, not hidden). */
  excepted: { rule: RuleId; finding: Finding; location: Location; reason: string }[];
}
