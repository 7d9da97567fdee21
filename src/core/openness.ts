/**
 * Openness grading: where a model sits on the release gradient (API-only → hosted → restricted weights → open
 * weights → fully open) and whether it could meet the Open Source AI Definition 1.0, each with reasons in words.
 */
import type { Access, CatalogModel, CatalogPackage, Openness } from './types';
import type { ResolvedLicense } from './licenses';

const OSAID_URL = 'https://opensource.org/ai/open-source-ai-definition';

/** Sentences naming the restrictions a licence profile imposes (threshold, AUP, outputs, EU, non-commercial). */
export function restrictionSummary(license: ResolvedLicense): string[] {
  const p = license.profile;
  if (!p) return [];
  const out: string[] = [];
  if (p.commercialUse === 'no') out.push('Non-commercial use only.');
  if (p.userThreshold) out.push(p.userThreshold.note);
  if (p.revenueThreshold) out.push(p.revenueThreshold.note);
  if (p.acceptableUsePolicy) out.push(`Use is bound by an acceptable-use policy (${p.acceptableUsePolicy.url}).`);
  if (p.outputsRule) out.push(p.outputsRule);
  if (p.euRestriction) out.push(p.euRestriction);
  return out;
}

/** How a model finding is reached. Provider-hosted ids of open weights are still reached through an API. */
export function modelAccess(model: CatalogModel): Access {
  if (model.release !== 'weights') return 'api';
  return model.provider ? 'api' : 'self-hostable';
}

/** The open weights behind a provider-hosted id (Groq's `llama-3.3-70b-versatile`, `deepseek-chat`), if known. */
export interface UpstreamWeights {
  model: CatalogModel;
  license: ResolvedLicense;
}

/**
 * Grades a model. For a provider's API id of open weights, pass the upstream weights: the level is the weights'
 * (they can be self-hosted instead), while `license` — the terms you accept by calling that API — is named too.
 */
export function gradeModel(model: CatalogModel, license: ResolvedLicense, upstream?: UpstreamWeights): Openness {
  if (upstream && model.provider && model.release === 'weights' && upstream.model.id !== model.id) {
    const inner = gradeModel(upstream.model, upstream.license);
    const lead =
      upstream.license.id === license.id
        ? `${model.name} is ${model.provider}'s hosted API for the open weights ${upstream.model.id}; the weights' licence, ${license.name}, still applies.`
        : `${model.name} is ${model.provider}'s hosted API for the open weights ${upstream.model.id}: calling it is governed by ${license.name}, ` +
          `while the weights themselves are under ${upstream.license.name} and can be self-hosted instead.`;
    return { level: inner.level, osaid: inner.osaid, reasons: [lead, ...inner.reasons] };
  }
  const reasons: string[] = [];
  let level: Openness['level'];
  if (model.release === 'api-only') {
    level = 'api-only';
    reasons.push(`${model.name} is only available through ${model.provider ?? model.publisher}'s API; its weights are not published.`);
  } else if (model.release === 'hosted') {
    level = 'hosted';
    reasons.push(`${model.name} is offered only as a hosted service by ${model.provider ?? model.publisher}; its weights are not published.`);
  } else if (!license.osiApproved) {
    level = 'restricted-weights';
    reasons.push(
      `Weights are downloadable under ${license.name}, which is not an OSI-approved licence: open weights, not open source.`,
    );
    reasons.push(...restrictionSummary(license));
  } else if (model.openComponents?.code && model.openComponents.data) {
    level = 'fully-open';
    reasons.push(`Weights under ${license.name} (OSI-approved), with training code and training data published.`);
  } else {
    level = 'open-weights';
    const missing = [model.openComponents?.code ? '' : 'training code', model.openComponents?.data ? '' : 'training data']
      .filter(Boolean)
      .join(' and ');
    reasons.push(`Weights under ${license.name} (OSI-approved)${missing ? `; ${missing} not published` : ''}.`);
  }
  return { level, osaid: osaidOf(model, license, level), reasons };
}

function osaidOf(model: CatalogModel, license: ResolvedLicense, level: Openness['level']): Openness['osaid'] {
  const claimed = model.osaid?.status;
  if (level === 'api-only' || level === 'hosted') return 'no';
  if (!license.osiApproved) return 'no';
  // "yes" needs published evidence (e.g. OSI's validation list); a bare claim stays "unknown".
  if (claimed === 'yes') return model.osaid?.evidence ? 'yes' : 'unknown';
  return claimed ?? 'unknown';
}

/** OSAID reason line, appended by the caller so the level reasons come first. */
export function osaidReason(model: CatalogModel, osaid: Openness['osaid']): string {
  if (osaid === 'yes') return `Meets the Open Source AI Definition 1.0 per ${model.osaid?.evidence ?? OSAID_URL}.`;
  if (osaid === 'no') {
    return model.osaid?.note ?? `Cannot meet the Open Source AI Definition 1.0 (${OSAID_URL}): the weights or the terms are not open.`;
  }
  return model.osaid?.note ?? 'Open Source AI Definition 1.0: unknown (no published evaluation of its data and code).';
}

export function packageAccess(pkg: CatalogPackage): Access {
  switch (pkg.kind) {
    case 'api-client':
      return 'api';
    case 'local-runtime':
      return 'self-hostable';
    case 'framework':
      return 'framework';
    case 'model-hub':
      return 'hub';
  }
}

export function gradePackage(pkg: CatalogPackage, license: ResolvedLicense): Openness {
  const reasons: string[] = [];
  const role =
    pkg.kind === 'api-client'
      ? `Client for ${pkg.provider ?? 'a provider'}'s API: prompts and data go to ${pkg.provider ?? 'that provider'}.`
      : pkg.kind === 'local-runtime'
        ? 'Runs models on your own hardware.'
        : pkg.kind === 'framework'
          ? 'Framework: which models it reaches depends on your configuration.'
          : 'Downloads models and data from a model hub.';
  reasons.push(role);
  let level: Openness['level'];
  if (!license.known) {
    level = 'unknown';
    reasons.push(`The package licence "${license.id}" is not recognised.`);
  } else if (license.osiApproved) {
    level = 'open-source';
    reasons.push(`The package itself is under ${license.name} (OSI-approved).`);
  } else {
    level = 'proprietary';
    reasons.push(`The package itself is under ${license.name}, which is not OSI-approved.`);
  }
  return { level, osaid: 'not-applicable', reasons };
}
