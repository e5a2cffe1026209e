import { closest } from '../closest.js';

/**
 * The annotations a werf 1.1 deploy reads on a chart's objects, as tables: Helm 2's hook
 * annotations (werf 1.1 embeds Helm 2) and werf 1.1's own tracking annotations (its reference
 * page "Деплой в Kubernetes", section "Настройка отслеживания ресурсов"). Kubernetes accepts
 * any annotation, so a misspelt key is silently ignored by everyone: hence the tables.
 */

/** Helm 2's hook names (`helm.sh/hook`, comma-separated). */
export const HELM2_HOOKS = ['pre-install', 'post-install', 'pre-delete', 'post-delete', 'pre-upgrade', 'post-upgrade', 'pre-rollback', 'post-rollback', 'crd-install', 'test-success', 'test-failure'] as const;
export type Hook = (typeof HELM2_HOOKS)[number];

/** Helm 2's hook delete policies. */
const DELETE_POLICIES = ['hook-succeeded', 'hook-failed', 'before-hook-creation'];

/** Every `helm.sh/` annotation Helm 2 reads, with what its value may be. */
const HELM_KEYS: Readonly<Record<string, (value: string) => string | undefined>> = {
  'helm.sh/hook': (value) => {
    const bad = value.split(',').map((h) => h.trim()).filter((h) => !(HELM2_HOOKS as readonly string[]).includes(h));
    return bad.length ? `unknown hook ${bad.map((h) => `"${h}"`).join(', ')} (Helm 2 knows ${HELM2_HOOKS.join(', ')})` : undefined;
  },
  'helm.sh/hook-weight': (value) => (/^-?\d+$/.test(value.trim()) ? undefined : `must be an integer as a string ("1"), not ${JSON.stringify(value)}`),
  'helm.sh/hook-delete-policy': (value) => {
    const bad = value.split(',').map((p) => p.trim()).filter((p) => !DELETE_POLICIES.includes(p));
    return bad.length ? `unknown policy ${bad.join(', ')} (Helm 2 knows ${DELETE_POLICIES.join(', ')})` : undefined;
  },
  'helm.sh/resource-policy': (value) => (value === 'keep' ? undefined : 'the only policy is "keep"'),
};

const oneOf = (allowed: readonly string[]) => (value: string) => (allowed.includes(value) ? undefined : `must be one of ${allowed.join(', ')}, not ${JSON.stringify(value)}`);
const bool = oneOf(['true', 'false']);
const any = () => undefined;

/** werf 1.1's tracking annotations (`werf.io/log-regex-for-<container>` is matched by prefix). */
const WERF_KEYS: Readonly<Record<string, (value: string) => string | undefined>> = {
  'werf.io/track-termination-mode': oneOf(['WaitUntilResourceReady', 'NonBlocking']),
  'werf.io/fail-mode': oneOf(['FailWholeDeployProcessImmediately', 'HopeUntilEndOfDeployProcess', 'IgnoreAndContinueDeployProcess']),
  'werf.io/failures-allowed-per-replica': (value) => (/^\d+$/.test(value) ? undefined : `must be a number, not ${JSON.stringify(value)}`),
  'werf.io/log-regex': any,
  'werf.io/skip-logs': bool,
  'werf.io/skip-logs-for-containers': any,
  'werf.io/show-logs-only-for-containers': any,
  'werf.io/show-service-messages': bool,
};
const WERF_PREFIXED = 'werf.io/log-regex-for-';

/** werf annotations of later versions that 1.1 does not read: a chart written for 1.2 would rely on them in vain. */
const WERF_LATER: Readonly<Record<string, string>> = {
  'werf.io/weight': 'werf.io/weight arrives in werf 1.2; in werf 1.1 order hooks with helm.sh/hook-weight',
  'werf.io/deploy-dependency': 'deploy dependencies arrive in werf 1.2',
};

/** What is wrong with one annotation, or undefined when Helm 2 or werf 1.1 reads it as written (or it is not theirs). */
export function annotationProblem(key: string, value: unknown): string | undefined {
  const isHelm = key.startsWith('helm.sh/');
  const isWerf = key.startsWith('werf.io/');
  if (!isHelm && !isWerf) return undefined;
  if (typeof value !== 'string') return `${key}: annotation values are strings; quote ${JSON.stringify(value)}`;
  const later = Object.entries(WERF_LATER).find(([k]) => key === k || key.startsWith(`${k}-`));
  if (later) return `${key}: ${later[1]}`;
  const table = isHelm ? HELM_KEYS : WERF_KEYS;
  const validate = table[key] ?? (isWerf && key.startsWith(WERF_PREFIXED) ? any : undefined);
  if (!validate) {
    // `helm.sh/weight` is too far from `helm.sh/hook-weight` for an edit distance: match the last word too
    const word = key.slice(key.indexOf('/') + 1);
    const guess = closest(key, Object.keys(table)) ?? Object.keys(table).find((k) => k.endsWith(`-${word}`));
    const who = isHelm ? 'Helm 2' : 'werf 1.1';
    return `${key} is not an annotation ${who} reads, so it is ignored${guess ? ` (did you mean "${guess}"?)` : ''}`;
  }
  const problem = validate(value);
  return problem ? `${key}: ${problem}` : undefined;
}

/** The hooks an object is, from its `helm.sh/hook` annotation (none: an ordinary release object). */
export function hooksOf(annotations: Record<string, unknown>): Hook[] {
  const value = annotations['helm.sh/hook'];
  if (typeof value !== 'string') return [];
  return value.split(',').map((h) => h.trim()).filter((h): h is Hook => (HELM2_HOOKS as readonly string[]).includes(h));
}

/** `helm.sh/hook-weight` as a number (Helm's default 0). */
export function hookWeight(annotations: Record<string, unknown>): number {
  const value = annotations['helm.sh/hook-weight'];
  return typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : 0;
}
