import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drawChapterDiagram } from '../../src/diagram/draw.js';
import { ROOT, stackdoc } from '../helpers/cli.js';
import { copyFixture } from '../helpers/fixture.js';

const OUT = join(ROOT, 'out');
const shipped = readdirSync(OUT)
  .filter((stack) => !stack.startsWith('.') && stack !== 'preview')
  .flatMap((stack) => readdirSync(join(OUT, stack, 'examples')).map((chapter) => join(stack, 'examples', chapter)))
  .sort();

describe('chart diagrams', () => {
  it('exist for every shipped example tree', () => {
    expect(shipped.length).toBeGreaterThanOrEqual(4);
    for (const chapter of shipped) expect(readFileSync(join(OUT, chapter, 'diagram.svg'), 'utf8')).toMatch(/^<\?xml[^\n]*\n<!-- stackdoc diagram format \d+, drawn from the example tree sha256:[0-9a-f]{64} -->\n/);
  });

  for (const chapter of shipped) {
    it(`${chapter}: drawn twice from a copy, byte for byte the committed diagram`, async () => {
      // The picture's title names the chapter folder, so the copy keeps the folder's name.
      const copy = join(mkdtempSync(join(tmpdir(), 'stackdoc-diagram-')), basename(chapter));
      cpSync(join(OUT, chapter), copy, { recursive: true });
      const first = await drawChapterDiagram(copy);
      const second = await drawChapterDiagram(copy);
      expect(first.status).toBe('drawn');
      expect(first.status === 'drawn' && second.status === 'drawn' && first.svg === second.svg).toBe(true);
      expect(first.status === 'drawn' && first.svg).toBe(readFileSync(join(OUT, chapter, 'diagram.svg'), 'utf8'));
    });
  }

  it('draws CronJobs, subcharts, and artifacts imported into the image', async () => {
    const dir = copyFixture(join(import.meta.dirname, '../fixtures/preview/site'));
    expect(stackdoc(['build', 'skeleton.md', '--profiles', 'profiles', '--out', 'out'], dir).code).toBe(0);
    const tree = join(dir, 'out/lang-fw/examples/010-hello');
    writeFileSync(join(tree, 'stapel/werf.yaml'), 'project: demo\nconfigVersion: 1\n---\nartifact: assets\nfrom: node:20\n---\nimage: app\nfrom: lang:1.2\nimport:\n- artifact: assets\n  add: /app/dist\n  to: /app/static\n  after: install\n');
    writeFileSync(join(tree, 'stapel/.helm/requirements.yaml'), 'dependencies:\n- name: redis\n  version: 10.5.7\n  repository: https://charts.example.com\n');
    writeFileSync(join(tree, 'stapel/.helm/templates/cleanup.yaml'), [
      'apiVersion: batch/v1beta1', 'kind: CronJob', 'metadata:', '  name: cleanup', 'spec:', '  schedule: "*/15 * * * *"', '  jobTemplate:', '    spec:', '      template:', '        spec:',
      '          restartPolicy: Never', '          containers:', '          - name: cleanup', '{{ tuple "app" . | include "werf_container_image" | indent 12 }}', '',
    ].join('\n'));
    const drawn = await drawChapterDiagram(tree);
    if (drawn.status !== 'drawn') throw new Error(drawn.reason);
    const svg = drawn.svg.replace(/&#45;/g, '-').replace(/&gt;/g, '>').replace(/&#160;/g, ' ');
    expect(svg).toContain('>schedule: */15 * * * *</text>');
    expect(svg).toContain('>redis 10.5.7</text>');
    expect(svg).toContain('<title>image:artifact:assets->image:image:app</title>');
    expect(svg).toContain('<title>image:image:app->workload:CronJob:cleanup:container:cleanup</title>');
  });

  it('draws Ingress → Service → container, the hook Job and the werf image feeding both containers', async () => {
    const dir = copyFixture(join(import.meta.dirname, '../fixtures/preview/site'));
    expect(stackdoc(['build', 'skeleton.md', '--profiles', 'profiles', '--out', 'out'], dir).code).toBe(0);
    const drawn = await drawChapterDiagram(join(dir, 'out/lang-fw/examples/010-hello'));
    if (drawn.status !== 'drawn') throw new Error(drawn.reason);
    const svg = drawn.svg.replace(/&#45;/g, '-').replace(/&gt;/g, '>').replace(/&#160;/g, ' ');
    const titles = [...svg.matchAll(/<title>([^<]*)<\/title>/g)].map((m) => m[1]!);
    expect(titles).toEqual(expect.arrayContaining([
      'cluster_workload:Deployment:demo',
      'cluster_workload:Job:demo-migrate',
      'image:image:app->workload:Deployment:demo:container:app',
      'image:image:app->workload:Job:demo-migrate:container:migrate',
      'workload:Deployment:demo:container:app->service:demo',
      'service:demo->ingress:demo',
    ]));
    expect(svg).toContain('>hook: pre-install,pre-upgrade</text>');
    expect(svg).toContain('>80 → 8080</text>');
    // The article embeds it through its diagram hole.
    expect(readFileSync(join(dir, 'out/lang-fw/article.md'), 'utf8')).toContain('](examples/010-hello/diagram.svg)');
  });
});
