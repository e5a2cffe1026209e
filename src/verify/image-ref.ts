/**
 * Why a base image reference is not pinned, or undefined when it is. A build from an unpinned
 * base changes whenever the registry moves the tag, so a tested example could break unseen.
 * A digest (`@sha256:…`) pins; a tag pins unless it is missing or `latest`.
 */
export function unpinnedBecause(reference: string): string | undefined {
  if (/@sha256:[0-9a-f]{64}$/.test(reference)) return undefined;
  // Only the last path part carries the tag: `registry:5000/python` has a port, not a tag.
  const last = reference.slice(reference.lastIndexOf('/') + 1);
  const colon = last.indexOf(':');
  if (colon === -1) return `"${reference}" has no tag; pin a version (e.g. ${reference}:<version>) so every build starts from the same base`;
  const tag = last.slice(colon + 1);
  if (tag === '') return `"${reference}" has an empty tag`;
  if (tag === 'latest') return `"${reference}" uses the moving tag latest; pin a version`;
  return undefined;
}
