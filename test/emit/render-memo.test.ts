import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { RenderMemo } from '../../src/emit/render-memo.js';
import { createLiquid, renderTemplate } from '../../src/profile/liquid.js';

/** A profiles folder with the given files, and a Liquid engine over it. */
function engine(files: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'stackdoc-memo-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const liquid = createLiquid(dir, () => '');
  let renders = 0;
  const memo = new RenderMemo();
  const render = (file: string, scope: Record<string, unknown>, extra: Record<string, string> = {}) =>
    memo.render(file, scope, extra, (env) => {
      renders++;
      return renderTemplate(liquid, file, files[file]!, env);
    });
  return { render, renders: () => renders };
}

describe('rendering once per distinct input', () => {
  test('chapters that differ only in values the template never reads share one render', () => {
    const { render, renders } = engine({ 'Dockerfile': 'FROM << image.from >>\n' });
    const image = { from: 'python:3.12' };
    expect(render('Dockerfile', { image, services: [] })).toBe('FROM python:3.12\n');
    expect(render('Dockerfile', { image: { from: 'python:3.12' }, services: ['redis'], redis: { host: 'r' } })).toBe('FROM python:3.12\n');
    expect(renders()).toBe(1);
    // a value it does read changed: rendered again
    expect(render('Dockerfile', { image: { from: 'python:3.13' }, services: [] })).toBe('FROM python:3.13\n');
    expect(renders()).toBe(2);
  });

  test('a name the first scope lacked counts: defining it later renders again', () => {
    const { render, renders } = engine({ 'app.env': '<% if redis %>REDIS=<< redis.host >><% endif %>\n' });
    // strictVariables: an undefined name in `if` is an error, so the key is declared empty first
    expect(render('app.env', { redis: false })).toBe('\n');
    expect(render('app.env', { redis: { host: 'r' } })).toBe('REDIS=r\n');
    expect(renders()).toBe(2);
  });

  test('a branch taken reads other names: each set of reads is remembered apart', () => {
    const { render, renders } = engine({ 'x': '<% if tls %><< cert >><% else %><< port >><% endif %>' });
    expect(render('x', { tls: true, cert: 'c', port: 1 })).toBe('c');
    expect(render('x', { tls: false, cert: 'c', port: 1 })).toBe('1');
    expect(render('x', { tls: false, cert: 'other', port: 1 })).toBe('1');
    expect(render('x', { tls: true, cert: 'c', port: 2 })).toBe('c');
    expect(renders()).toBe(2);
    expect(render('x', { tls: false, cert: 'c', port: 3 })).toBe('3');
    expect(renders()).toBe(3);
  });

  test('an include whose file name is a value (which static analysis cannot follow) still counts its reads', () => {
    const { render, renders } = engine({
      'main': '<% include part %>',
      'a.txt': 'A << who >>',
      'b.txt': 'B << who >>',
    });
    expect(render('main', { part: 'a.txt', who: 'x' })).toBe('A x');
    expect(render('main', { part: 'a.txt', who: 'y' })).toBe('A y');
    expect(render('main', { part: 'b.txt', who: 'y' })).toBe('B y');
    expect(render('main', { part: 'b.txt', who: 'y', unrelated: 1 })).toBe('B y');
    expect(renders()).toBe(3);
  });

  test('per-render values (the inherited text) are part of the input', () => {
    const { render, renders } = engine({ 'werf.yaml': '<< inherited >>\nextra: 1\n' });
    expect(render('werf.yaml', {}, { inherited: 'a: 1' })).toBe('a: 1\nextra: 1\n');
    expect(render('werf.yaml', {}, { inherited: 'a: 2' })).toBe('a: 2\nextra: 1\n');
    expect(render('werf.yaml', {}, { inherited: 'a: 1' })).toBe('a: 1\nextra: 1\n');
    expect(renders()).toBe(2);
  });
});
