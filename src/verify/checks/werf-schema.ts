import type { ValidateFunction } from 'ajv';
import { createAjv } from '../ajv.js';
import type { Chapter, Check } from '../chapter.js';
import { describeSchemaErrors } from '../schema-errors.js';
import { VARIANTS, type Finding, type Variant } from '../types.js';
import { lineAt } from '../yaml-locate.js';
import type { WerfConfig, WerfDocument } from '../werf/config.js';
import { meaningProblems } from '../werf/meaning.js';
import { artifactSchema, dockerfileImageSchema, metaSchema, stapelImageSchema } from '../werf/schema.js';

/**
 * werf-schema: both variants exist, and each werf.yaml document passes our werf 1.1 schema
 * (ajv, werf/schema.ts); then the meaning checks (werf/meaning.ts): pinned base images,
 * stageDependencies inside `add`, unique names, references that resolve, the Dockerfile exists.
 */
export const werfSchemaCheck: Check = {
  async run(chapter) {
    const validators = await (compiled ??= compileValidators());
    const findings: Finding[] = [];
    const present = chapter.variants();
    for (const variant of VARIANTS) {
      if (present.includes(variant)) findings.push(...(await checkVariant(chapter, variant, validators)));
      else findings.push({ variant, status: 'fail', message: `${variant}/ is missing: every chapter ships a Stapel and a Dockerfile build`, file: `${variant}/` });
    }
    return findings;
  },
};

type Validators = Record<'meta' | 'stapel' | 'dockerfile' | 'artifact', ValidateFunction>;

let compiled: Promise<Validators> | undefined;

async function compileValidators(): Promise<Validators> {
  const ajv = await createAjv();
  return {
    meta: ajv.compile(metaSchema),
    stapel: ajv.compile(stapelImageSchema),
    dockerfile: ajv.compile(dockerfileImageSchema),
    artifact: ajv.compile(artifactSchema),
  };
}

async function checkVariant(chapter: Chapter, variant: Variant, validators: Validators): Promise<Finding[]> {
  const read = await chapter.werf(variant);
  switch (read.status) {
    case 'missing':
      return [{ variant, status: 'fail', message: `${read.file} is missing`, file: read.file }];
    case 'template-error':
      return [{ variant, status: 'fail', message: `werf.yaml does not render as a Go template (werf 1.1 renders it before reading it): ${read.message}`, file: read.file, line: read.line }];
    case 'invalid-yaml':
      return read.errors.map((e) => ({ variant, status: 'fail', message: `not valid YAML: ${e.message}`, file: read.file, line: e.line }));
  }
  const { config } = read;
  const failures: Finding[] = [];
  const fail = (doc: WerfDocument, path: readonly (string | number)[], message: string, atKey = false) =>
    failures.push({ variant, status: 'fail', message, file: config.file, line: lineAt(doc.doc, config.lines, path, atKey) });

  config.docs.forEach((doc, index) => {
    const validate = validatorFor(doc, validators);
    if (!validate) {
      fail(doc, [], `document ${index + 1} is none of project (meta), image or artifact`);
      return;
    }
    if (!validate(doc.data)) {
      for (const problem of describeSchemaErrors(validate.errors ?? [])) fail(doc, problem.path, problem.message, problem.atKey);
    }
  });
  // Meaning checks assume the shapes the schema guarantees.
  if (failures.length === 0) {
    for (const problem of meaningProblems(config, variant, chapter.variantDir(variant))) fail(problem.doc, problem.path, problem.message, problem.atKey);
  }
  if (failures.length > 0) return failures;
  return [{ variant, status: 'pass', message: summary(config), file: config.file }];
}

function validatorFor(doc: WerfDocument, validators: Validators): ValidateFunction | undefined {
  switch (doc.kind) {
    case 'meta':
      return validators.meta;
    case 'artifact':
      return validators.artifact;
    case 'image':
      return 'dockerfile' in doc.data ? validators.dockerfile : validators.stapel;
    default:
      return undefined;
  }
}

function summary(config: WerfConfig): string {
  const images = config.docs.filter((d) => d.kind === 'image' || d.kind === 'artifact').map((d) => `${d.kind} ${String(d.data[d.kind])}`);
  const rendered = config.rendered ? ` (rendered as a Go template${config.rendered.envRead.length ? `; env read: ${config.rendered.envRead.join(', ')}` : ''})` : '';
  return `werf 1.1 config is valid: ${images.join(', ') || 'no images'}${rendered}`;
}
