import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, test } from 'vitest';
import { generateKnownFields, KNOWN_FIELDS_FILE } from '../../src/verify/k8s/generate-known-fields.js';
import { unknownFields, type KnownFields } from '../../src/verify/k8s/known-fields.js';
import { verifyChapter } from '../../src/verify/index.js';
import { chapterOf, removeCopy } from './helpers.js';

const table = JSON.parse(readFileSync(KNOWN_FIELDS_FILE, 'utf8')) as KnownFields;

describe('the known-fields table', () => {
  test('matches the installed kubernetes-types and kubernetes-models (regenerate it after upgrading them)', () => {
    expect(generateKnownFields()).toEqual(table);
  });

  test('finds unknown keys at any depth, and leaves maps such as labels open', () => {
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'x', labels: { anything: 'goes' } },
      spec: { template: { spec: { containers: [{ name: 'a', image: 'i' }, { name: 'b', imagee: 'i', ports: [{ containerPort: 1, hostPortt: 2 }] }] } } },
    };
    expect(unknownFields(table, table.roots['apps/v1/Deployment']!, deployment).map((f) => f.path.join('.'))).toEqual([
      'spec.template.spec.containers.1.imagee',
      'spec.template.spec.containers.1.ports.0.hostPortt',
    ]);
  });

  test('knows the v1beta1 Ingress shape werf 1.1-era charts use', () => {
    const ingress = { spec: { rules: [{ http: { paths: [{ backend: { serviceName: 's', servicePort: 80 } }] } }] } };
    expect(unknownFields(table, table.roots['networking.k8s.io/v1beta1/Ingress']!, ingress)).toEqual([]);
    expect(unknownFields(table, table.roots['networking.k8s.io/v1/Ingress']!, ingress).map((f) => f.key)).toEqual(['serviceName', 'servicePort']);
  });
});

describe('k8s-schema', () => {
  let dir = '';
  afterEach(() => removeCopy(dir));

  test('reports wrong types from kubernetes-models once for both environments, with the template line', async () => {
    dir = chapterOf({
      'stapel/werf.yaml': 'project: demo\nconfigVersion: 1\n---\nimage: web\nfrom: python:3.11\n',
      'stapel/.helm/templates/svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: "80"\n',
      'stapel/.helm/templates/crd.yaml': 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n',
    });
    expect(await verifyChapter(dir, { only: ['k8s-schema'] })).toEqual([
      expect.objectContaining({ status: 'fail', file: 'stapel/.helm/templates/svc.yaml', line: 7, message: 'Service web: spec.ports[0].port: must be integer (rendered for stage, production)' }),
    ]);
  });
});
