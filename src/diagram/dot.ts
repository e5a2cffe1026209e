import type { ChartGraph } from './graph.js';

/**
 * The graph as Graphviz DOT: left to right, from the images through the workloads' containers
 * to the Services and Ingresses that route traffic to them. Every node and edge is written in the
 * graph's (sorted) order, so the same graph gives the same DOT text and the same layout.
 */
export function toDot(graph: ChartGraph): string {
  const lines: string[] = [
    'digraph chart {',
    '  graph [rankdir=LR, fontname="Helvetica", fontsize=11, nodesep=0.3, ranksep=0.6, pad=0.2, label=' + quote(graph.title) + ', labelloc=t];',
    '  node [fontname="Helvetica", fontsize=10, shape=box, margin="0.2,0.08", style="rounded,filled", fillcolor="#ffffff", color="#5b6b7a"];',
    '  edge [fontname="Helvetica", fontsize=9, color="#5b6b7a"];',
  ];
  for (const image of graph.images) {
    const label = [`werf ${image.kind} ${image.name}`, image.from].filter(Boolean).join('\n');
    lines.push(`  ${quote(image.id)} [label=${quote(label)}, fillcolor="#eef3fb", shape=component];`);
  }
  for (const workload of graph.workloads) {
    lines.push(`  subgraph ${quote(`cluster_${workload.id}`)} {`);
    lines.push(`    label=${quote([`${workload.kind} ${workload.name}`, ...workload.notes].join('\n'))}; style="rounded,filled"; fillcolor="${workload.kind === 'Job' || workload.kind === 'CronJob' ? '#fdf6e3' : '#f2f8f2'}"; color="#7a8b5b";`);
    for (const c of workload.containers) {
      lines.push(`    ${quote(c.id)} [label=${quote([`container ${c.name}`, ...c.ports].join('\n'))}];`);
    }
    if (workload.containers.length === 0) lines.push(`    ${quote(`${workload.id}:empty`)} [label="no containers", style=dashed];`);
    lines.push('  }');
  }
  for (const service of graph.services) {
    lines.push(`  ${quote(service.id)} [label=${quote([`Service ${service.name}`, ...service.ports].join('\n'))}, fillcolor="#f5eefb"];`);
  }
  for (const ingress of graph.ingresses) {
    lines.push(`  ${quote(ingress.id)} [label=${quote([`Ingress ${ingress.name}`, ...ingress.routes].join('\n'))}, fillcolor="#fbeeee", shape=cds];`);
  }
  if (graph.dependencies.length > 0) {
    lines.push('  subgraph "cluster_dependencies" {', '    label="subcharts (requirements.yaml)"; style=dashed; color="#999999";');
    for (const dep of graph.dependencies) lines.push(`    ${quote(dep.id)} [label=${quote(`${dep.name} ${dep.version}`.trim())}, shape=folder];`);
    lines.push('  }');
  }
  // Traffic flows right to left in the picture's reading (Ingress → Service → container); the
  // edges are drawn in that direction, with images feeding containers from the left.
  for (const edge of graph.edges) {
    const reversed = edge.from.startsWith('ingress:') || edge.from.startsWith('service:');
    const attrs = [`label=${quote(edge.label)}`];
    if (reversed) attrs.push('dir=back');
    const [a, b] = reversed ? [edge.to, edge.from] : [edge.from, edge.to];
    lines.push(`  ${quote(a)} -> ${quote(b)} [${attrs.join(', ')}];`);
  }
  lines.push('}', '');
  return lines.join('\n');
}

/** A DOT double-quoted string: backslashes and quotes escaped, newlines as centred line breaks. */
function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}
