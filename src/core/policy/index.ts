/**
 * The policy gate (issue 7): contracts, parsing, evaluation, loading and editing, VS Code-free.
 */
export * from './types';
export { MODEL_LEVELS, POLICY_KEYS, parsePolicy, policySyntax, resolvePolicyLicense } from './parse';
export { POLICY_HELP_URI, evaluatePolicy, exceptionMatcher, hasViolationAtOrAbove, type ExceptionMatcher } from './evaluate';
export { checkPolicy, findPolicyFile, loadPolicy } from './load';
export { addException, newPolicyText } from './edit';
