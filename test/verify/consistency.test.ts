import { describe, expect, test } from 'vitest';
import { LineCounter, parseDocument } from 'yaml';
import { consistencyProblems, templateImageNames } from '../../src/verify/consistency/rules.js';
import type { Manifest } from '../../src/verify/helm/manifests.js';
import { imageReference } from '../../src/verify/helm/values.js';

function manifest(template: string, yaml: string): Manifest {
  const lines = new LineCounter();
  const doc = parseDocument(yaml, { lineCounter: lines });
  return { env: 'stage', template, object: doc.toJS() as Record<string, unknown>, doc, lines };
}

const deployment = (command: string) =>
  manifest('templates/deployment.yaml', `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: app
        image: ${imageReference('demo', 'web')}
        ${command}
        ports: [{name: http, containerPort: 8080}]
`);
const service = manifest('templates/service.yaml', 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n  ports: [{name: http, port: 80, targetPort: http}]\n');
const v1beta1Ingress = (port: number) =>
  manifest('templates/ingress.yaml', `apiVersion: networking.k8s.io/v1beta1\nkind: Ingress\nmetadata: {name: web}\nspec:\n  rules:\n  - http:\n      paths:\n      - backend: {serviceName: web, servicePort: ${port}}\n`);

const model = (manifests: Manifest[]) => ({
  example: { runtime: 'python' as const, port: 8080, run: { command: ['gunicorn', 'app:app'], env: {} }, expect: { path: '/', status: 200, body: 'hi' } },
  project: 'demo',
  images: new Map([['web', { cmd: ['gunicorn', 'app:app'], env: {}, file: 'stapel/werf.yaml' }]]),
  envReads: [],
  manifests,
});

describe('consistency rules', () => {
  test('named target ports and v1beta1 Ingress backends resolve', () => {
    expect(consistencyProblems(model([deployment(''), service, v1beta1Ingress(80)]))).toEqual([]);
  });

  test('an Ingress port the Service does not have is reported at its key', () => {
    expect(consistencyProblems(model([deployment(''), service, v1beta1Ingress(8080)]))).toEqual([
      { text: 'Ingress web routes to port 8080 of Service web, which has ports 80 (http)', template: 'templates/ingress.yaml', key: 'servicePort' },
    ]);
  });

  test('a container command that is not the app command is caught, naming what it starts', () => {
    const problems = consistencyProblems(model([deployment('command: ["python3", "app.py"]'), service]));
    expect(problems.map((p) => p.text)).toEqual([expect.stringContaining('no container starts the app command `gunicorn app:app` (example.json run.command): Deployment web container app starts `python3 app.py`')]);
  });

  test('image names handed to the werf helpers are found with their line', () => {
    const text = 'a:\n{{ tuple "web" . | include "werf_container_image" | indent 8 }}\n{{ include "werf_container_env" (tuple "worker" .) }}\n';
    expect(templateImageNames(text)).toEqual([
      { name: 'web', line: 2 },
      { name: 'worker', line: 3 },
    ]);
  });
});
