/**
 * Renders a template once per distinct input it actually reads. Ten chapters render the same
 * Dockerfile or chart template ten times, each with its chapter's values, and most of those
 * renders read none of the values the chapter changed. Rendering is deterministic: a render that
 * reads the same top-level values as an earlier one takes the same path through the template and
 * writes the same text. So each render's scope is watched (a Proxy records every top-level name
 * Liquid looks up), and a later render whose scope agrees on all of those names reuses the text.
 *
 * Watching the reads, rather than asking liquidjs's static analysis which variables a template
 * uses, is what keeps this exact: the analysis cannot follow an include whose file name is a
 * variable, and it misses names read through a custom tag.
 */

/** Reads of the scope's top-level names: `all` when Liquid enumerated the whole scope. */
type Reads = Set<string> | 'all';

/** The texts one template rendered, grouped by the names a render read. */
interface Reading {
  names: string[];
  outputs: Map<string, string>;
}

export class RenderMemo {
  private readonly readings = new Map<string, Reading[]>();
  /** Serialized top-level values, per scope object: a chapter's scope serves many templates. */
  private readonly serialized = new WeakMap<object, Map<string, string>>();

  /**
   * The text of `template` rendered with `scope` plus `extra` (per render values, such as the
   * inherited text), from an earlier render when one read the same values, else from `render`.
   */
  render(template: string, scope: Record<string, unknown>, extra: Record<string, string>, render: (env: object) => string): string {
    const readings = this.readings.get(template) ?? [];
    for (const reading of readings) {
      const hit = reading.outputs.get(this.key(reading.names, scope, extra));
      if (hit !== undefined) return hit;
    }
    const reads: { names: Reads } = { names: new Set() };
    const text = render(watched({ ...scope, ...extra }, reads));
    // A render that enumerated the whole scope depends on every name in it.
    const names = reads.names === 'all' ? [...new Set([...Object.keys(scope), ...Object.keys(extra)])].sort() : [...reads.names].sort();
    let reading = readings.find((r) => r.names.length === names.length && r.names.every((n, i) => n === names[i]));
    if (reading === undefined) readings.push((reading = { names, outputs: new Map() }));
    reading.outputs.set(this.key(names, scope, extra), text);
    this.readings.set(template, readings);
    return text;
  }

  /** The values of `names` in this scope, as one string; a name the scope lacks counts too. */
  private key(names: string[], scope: Record<string, unknown>, extra: Record<string, string>): string {
    let cache = this.serialized.get(scope);
    if (cache === undefined) this.serialized.set(scope, (cache = new Map()));
    const parts: string[] = [];
    for (const name of names) {
      if (Object.hasOwn(extra, name)) {
        parts.push(`${name}=${JSON.stringify(extra[name])}`);
        continue;
      }
      let json = cache.get(name);
      if (json === undefined) cache.set(name, (json = Object.hasOwn(scope, name) ? JSON.stringify(scope[name]) : '-'));
      parts.push(`${name}=${json}`);
    }
    return parts.join('\0');
  }
}

/** `scope` behind a Proxy that records each top-level name looked up in it. */
function watched(scope: Record<string, unknown>, reads: { names: Reads }): object {
  const note = (key: string | symbol): void => {
    if (typeof key === 'string' && reads.names !== 'all') reads.names.add(key);
  };
  return new Proxy(scope, {
    has(target, key) {
      note(key);
      return Reflect.has(target, key);
    },
    get(target, key, receiver) {
      note(key);
      return Reflect.get(target, key, receiver);
    },
    getOwnPropertyDescriptor(target, key) {
      note(key);
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
    ownKeys(target) {
      reads.names = 'all';
      return Reflect.ownKeys(target);
    },
  });
}
