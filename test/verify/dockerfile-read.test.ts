import { describe, expect, test } from 'vitest';
import { baseImages, envPairs, imageStart, instructions } from '../../src/verify/docker/dockerfile.js';

describe('reading a Dockerfile', () => {
  test('joins continued lines and skips comments inside them', () => {
    const text = 'FROM python:3.11\nRUN apt-get update \\\n    # why\n    && apt-get install -y curl\nCMD ["gunicorn", "app:app"]\n';
    expect(instructions(text)).toEqual([
      { keyword: 'FROM', args: 'python:3.11', line: 1 },
      { keyword: 'RUN', args: 'apt-get update && apt-get install -y curl', line: 2 },
      { keyword: 'CMD', args: '["gunicorn", "app:app"]', line: 5 },
    ]);
  });

  test('takes the start command and ENV of the final stage, or of the target', () => {
    const text = 'FROM node:20 AS assets\nCMD ["npm", "run", "build"]\nFROM python:3.11\nENV A=1 B="two words"\nENTRYPOINT ["tini", "--"]\nCMD gunicorn app:app\n';
    expect(imageStart(text)).toEqual({ env: { A: '1', B: 'two words' }, entrypoint: ['tini', '--'], cmd: ['/bin/sh', '-c', 'gunicorn app:app'], cmdLine: 6 });
    expect(imageStart(text, 'assets').cmd).toEqual(['npm', 'run', 'build']);
  });

  test('ENV forms and base images (stages and scratch are not images to pin)', () => {
    expect(envPairs('LEGACY some value')).toEqual({ LEGACY: 'some value' });
    expect(baseImages('FROM node:20 AS build\nFROM build\nFROM scratch\nFROM --platform=linux/amd64 nginx\n')).toEqual([
      { reference: 'node:20', line: 1 },
      { reference: 'nginx', line: 4 },
    ]);
  });
});
