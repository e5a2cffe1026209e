import type { Graphviz } from '@hpcc-js/wasm-graphviz';

let engine: Promise<Graphviz> | undefined;

/**
 * Lays DOT out as SVG with Graphviz compiled to WebAssembly (@hpcc-js/wasm-graphviz): no system
 * package, and the same version everywhere, so the same DOT gives the same bytes. Loaded once per
 * process and only by the commands that draw.
 */
export async function dotToSvg(dot: string): Promise<string> {
  engine ??= import('@hpcc-js/wasm-graphviz').then(({ Graphviz }) => Graphviz.load());
  return (await engine).dot(dot);
}
