import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { cacheDir } from '../../src/verify/cache.js';
import { rendererBinary } from '../../src/verify/helm/build.js';
import { renderChart } from '../../src/verify/helm/render.js';
import { verifyChapter } from '../../src/verify/index.js';
import { readWerfConfig } from '../../src/verify/werf/config.js';
import { chapterOf, removeCopy } from './helpers.js';

const WERF = 'project: demo\nconfigVersion: 1\n---\nimage: web\nfrom: python:3.11\n';

describe('helm-render', () => {
  let dir = '';
  afterEach(() => removeCopy(dir));

  const chart = (templates: Record<string, string>, values = '') => {
    const files: Record<string, string> = { 'stapel/werf.yaml': WERF, 'stapel/.helm/values.yaml': values };
    for (const [name, text] of Object.entries(templates)) files[`stapel/.helm/templates/${name}`] = text;
    dir = chapterOf(files);
  };

  test('renders with sprig, Helm functions, werf helpers and per-environment values', async () => {
    chart(
      {
        '_helpers.tpl': '{{- define "labels" -}}\napp: {{ .Chart.Name }}\nenv: {{ .Values.global.env }}\n{{- end -}}',
        'cm.yaml': [
          'metadata:',
          '  labels:',
          '{{ include "labels" . | indent 4 }}',
          'data:',
          '  settings: {{ .Values.settings | toYaml | nindent 4 }}',
          '  greeting: {{ tpl .Values.greeting . | quote }}',
          '  replicas: {{ pluck .Values.global.env .Values.replicas | first | default .Values.replicas._default }}',
          'containers:',
          '- name: web',
          '{{ tuple "web" . | include "werf_container_image" | indent 2 }}',
          '  env:',
          '{{ tuple "web" . | include "werf_container_env" | indent 2 }}',
        ].join('\n'),
      },
      'settings: {b: 2, a: [x]}\ngreeting: "hi from {{ .Release.Name }}"\nreplicas: {_default: 1, production: 3}\n',
    );
    const werf = await readWerfConfig(dir, 'stapel');
    const outcome = await renderChart(dir, 'stapel', werf);
    expect(outcome.status).toBe('ok');
    if (outcome.status !== 'ok') return;
    expect(outcome.renders.map((r) => r.env)).toEqual(['stage', 'production']);
    expect(outcome.renders[1]!.files).toEqual([
      {
        template: 'templates/cm.yaml',
        text: [
          'metadata:',
          '  labels:',
          '    app: demo',
          '    env: production',
          'data:',
          '  settings: ',
          '    a:',
          '    - x',
          '    b: 2',
          '  greeting: "hi from demo-production"',
          '  replicas: 3',
          'containers:',
          '- name: web',
          '  image: registry.example.com/demo/web:verify',
          '  imagePullPolicy: Always',
          '  env:',
          '  - name: DOCKER_IMAGE_ID',
          `    value: "sha256:${'0'.repeat(64)}"`,
        ].join('\n'),
      },
    ]);
  });

  test('a failed required names the template, the line and the message', async () => {
    chart({ 'a.yaml': 'a: 1\nb: {{ required "set .Values.host" .Values.host }}\n' });
    expect(await verifyChapter(dir, { only: ['helm-render'] })).toEqual([
      expect.objectContaining({ status: 'fail', file: 'stapel/.helm/templates/a.yaml', line: 2, message: 'set .Values.host (rendering for stage)' }),
    ]);
  });

  test('an image werf.yaml does not build is an error', async () => {
    chart({ 'd.yaml': 'x:\n{{ tuple "worker" . | include "werf_container_image" | indent 2 }}\n' });
    expect(await verifyChapter(dir, { only: ['helm-render'] })).toEqual([
      expect.objectContaining({ status: 'fail', file: 'stapel/.helm/templates/d.yaml', line: 2, message: expect.stringContaining('image "worker" is not defined in werf.yaml (it defines: web)') }),
    ]);
  });

  test('output that is not YAML fails', async () => {
    chart({ 'bad.yaml': 'a: {{ "[unclosed" }}\n' });
    expect(await verifyChapter(dir, { only: ['helm-render'] })).toEqual([
      expect.objectContaining({ status: 'fail', file: 'stapel/.helm/templates/bad.yaml', message: expect.stringContaining('renders to invalid YAML for stage') }),
      expect.objectContaining({ status: 'fail', file: 'stapel/.helm/templates/bad.yaml', message: expect.stringContaining('renders to invalid YAML for production') }),
    ]);
  });

  test('the renderer is compiled once into the cache, never into the tree', async () => {
    const binary = await rendererBinary();
    expect(binary.startsWith(cacheDir())).toBe(true);
    expect(existsSync(binary)).toBe(true);
    expect(await rendererBinary()).toBe(binary);
    expect(cacheDir()).toBe(join(import.meta.dirname, '../../node_modules/.cache/stackdoc'));
  });
});
