import { describe, expect, it } from 'vitest';
import { KINDS } from '../../src/verify/k8s/roots.js';
import { minorOf, notServedBecause, SERVED } from '../../src/verify/k8s/served.js';

describe('Kubernetes versions that serve each kind', () => {
  it('knows every kind k8s-schema validates', () => {
    expect(Object.keys(SERVED).sort()).toEqual(Object.keys(KINDS).sort());
  });

  it('takes the CronJob and Ingress of a 1.20 chart, and says what to use instead of the rest', () => {
    expect(notServedBecause('batch/v1beta1/CronJob', 20)).toBeUndefined();
    expect(notServedBecause('networking.k8s.io/v1/Ingress', 20)).toBeUndefined();
    expect(notServedBecause('batch/v1/CronJob', 20)).toBe('batch/v1 CronJob is served from Kubernetes 1.21 on; Kubernetes 1.20 serves CronJob as batch/v1beta1');
    expect(notServedBecause('batch/v1beta1/CronJob', 25)).toBe('batch/v1beta1 CronJob was removed after Kubernetes 1.24; Kubernetes 1.25 serves CronJob as batch/v1');
    expect(notServedBecause('extensions/v1beta1/Ingress', 22)).toBe('extensions/v1beta1 Ingress was removed after Kubernetes 1.21; Kubernetes 1.22 serves Ingress as networking.k8s.io/v1');
    expect(notServedBecause('networking.k8s.io/v1/Ingress', 18)).toBe('networking.k8s.io/v1 Ingress is served from Kubernetes 1.19 on; Kubernetes 1.18 serves Ingress as extensions/v1beta1, networking.k8s.io/v1beta1');
  });

  it('reads only 1.N versions', () => {
    expect(minorOf('1.20')).toBe(20);
    expect(minorOf('v1.20.0')).toBeUndefined();
    expect(minorOf('2.0')).toBeUndefined();
  });
});
