/**
 * stackdoc's command line: each command parses its options and calls one pipeline stage.
 * Commands import their modules lazily, so a command loads only what it needs.
 */
import { Command, CommanderError, Option } from 'commander';
import { UserError } from './util/errors.js';

const program = new Command('stackdoc')
  .description('Build multi-stack deployment guides from one skeleton article and per-stack profiles.')
  .version('0.1.0')
  .showHelpAfterError()
  .exitOverride();

/** Whether `{{…}}` can be holes; `auto` decides per file and says why (src/skeleton/legacy.ts). */
function legacyHolesOption(): Option {
  return new Option('--legacy-holes <when>', 'read {{…}} as holes: auto (in skeletons only), on, off').choices(['auto', 'on', 'off']).default('auto');
}

program
  .command('scan')
  .description('list every hole left in skeletons, grouped by chapter (default: the skeletons in seeds/)')
  .argument('[files...]', 'Markdown skeletons')
  .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
  .addOption(legacyHolesOption())
  .action(async (files: string[], opts: { format: 'text' | 'json'; legacyHoles: 'on' | 'off' | 'auto' }) => {
    const { scanCommand } = await import('./commands/scan.js');
    return scanCommand(files, opts);
  });

program
  .command('migrate')
  .description('rewrite legacy {{…}} holes as canonical <<id: text>>, leaving every other byte as it is')
  .argument('<file>', 'Markdown skeleton')
  .option('-o, --output <file>', 'write here instead of standard output')
  .addOption(legacyHolesOption())
  .action(async (file: string, opts: { output?: string; legacyHoles: 'on' | 'off' | 'auto' }) => {
    const { migrateCommand } = await import('./commands/migrate.js');
    return migrateCommand(file, opts);
  });

program
  .command('build')
  .description('fill a skeleton for a stack and write out/<stack>/article.md, the report and example trees')
  .argument('[skeleton]', 'Markdown skeleton (default: the builds listed in stackdoc.yaml)')
  .option('--stack <layers>', 'layers (python/flask, node, python/flask/pip/pytest/webpack) or the output folder name (default: chosen by the front-matter)')
  .option('--out <dir>', 'output folder', 'out')
  .option('--profiles <dir>', 'profiles folder', 'profiles')
  .option('--dry-run', 'print what would be written, write nothing')
  .option('--check', 'write nothing; exit 1 when the files in the output folder are stale')
  .option('--strict', 'exit 1 when holes remain unfilled')
  .option('--watch', 'rebuild when the skeleton or a profile file changes')
  .option('--force', 'write even when --out is /, the home folder or a folder above the working folder')
  .option('--shard <index/total>', 'only this shard of the work, e.g. 2/4 (default: GitLab parallel: CI_NODE_INDEX/CI_NODE_TOTAL)')
  .action(async (skeleton: string | undefined, opts) => {
    const { buildCommand } = await import('./commands/build.js');
    return buildCommand(skeleton, opts);
  });

program
  .command('explain')
  .description('show which layer and file fill a hole id, and what they override')
  .argument('<id>', 'hole id, e.g. framework.name')
  .argument('[skeleton]', 'Markdown skeleton (picks the stack from its front-matter)')
  .option('--stack <layers>', 'layers (python/flask, node, a full layer path) or the output folder name')
  .option('--profiles <dir>', 'profiles folder', 'profiles')
  .action(async (id: string, skeleton: string | undefined, opts) => {
    const { explainCommand } = await import('./commands/explain.js');
    return explainCommand(id, skeleton, opts);
  });

program
  .command('test-examples')
  .description('verify every example tree offline and run its app (writes a test stamp on success)')
  .option('--stack <layers>', 'only this stack: layers (node, python/flask) or its folder name under out/')
  .option('--chapter <name>', 'only this chapter (e.g. 010-hello-world)')
  .option('--out <dir>', 'output folder', 'out')
  .option('--profiles <dir>', 'profiles folder (to resolve --stack)', 'profiles')
  .option('--shard <index/total>', 'only this shard of the work, e.g. 2/4 (default: GitLab parallel: CI_NODE_INDEX/CI_NODE_TOTAL)')
  .option('--timings', 'after the summary, print the time each check took over all trees, slowest first')
  .action(async (opts) => {
    const { testExamplesCommand } = await import('./commands/test-examples.js');
    return testExamplesCommand(opts);
  });

program
  .command('check')
  .description("gate CI on the skeleton's checklist: holes, examples, snippets, foreign words")
  .argument('[skeletons...]', 'Markdown skeletons (default: the builds in stackdoc.yaml, else every skeleton in seeds/)')
  .option('--stack <layers>', 'layers (python/flask, node, a full layer path) or the output folder name')
  .addOption(
    new Option('--format <format>', 'report format').choices(['text', 'json', 'gitlab', 'sarif', 'junit']).default('text'),
  )
  .option('--output <file>', 'write the report here instead of standard output')
  .option('--out <dir>', 'output folder holding the example trees', 'out')
  .option('--profiles <dir>', 'profiles folder', 'profiles')
  .option('--baseline <file>', 'fail only on findings not in this baseline')
  .option('--write-baseline [file]', 'write the current findings as the baseline (default: .stackdoc-baseline.json)')
  .option('--shard <index/total>', 'only this shard of the work, e.g. 2/4 (default: GitLab parallel: CI_NODE_INDEX/CI_NODE_TOTAL)')
  .option('--merge <reports...>', 'check nothing: merge reports of shards (written with --format json) into one report')
  .action(async (skeletons: string[], opts) => {
    const { checkCommand } = await import('./commands/check.js');
    return checkCommand(skeletons, opts);
  });

program
  .command('preview')
  .description('render a browsable site under out/preview/: stacks × chapters, articles with holes marked and their provenance')
  .argument('[skeleton]', 'Markdown skeleton (default: the builds listed in stackdoc.yaml)')
  .option('--stack <layers>', 'layers (python/flask, node, python/flask/pip/pytest/webpack) or the output folder name (default: chosen by the front-matter)')
  .option('--out <dir>', 'output folder', 'out')
  .option('--profiles <dir>', 'profiles folder', 'profiles')
  .option('--watch', 'rebuild on changes (as build --watch does), serve the site on 127.0.0.1 and reload open pages')
  .option('--port <n>', 'port for --watch (0: a free one)', '0')
  .option('--force', 'write even when --out is /, the home folder or a folder above the working folder')
  .action(async (skeleton: string | undefined, opts) => {
    const { previewCommand } = await import('./commands/preview.js');
    return previewCommand(skeleton, opts);
  });

program
  .command('init-profile')
  .description("scaffold a new profile layer from what the skeleton asks (never overwrites; --force adds what is missing)")
  .argument('<layer>', 'layer folder under profiles/, e.g. go or go/gin')
  .argument('[skeleton]', 'Markdown skeleton (default: the first in seeds/)')
  .requiredOption('--kind <kind>', 'language, framework, package_manager, unit_tests, assets_generator or ci')
  .option('--profiles <dir>', 'profiles folder', 'profiles')
  .option('--force', 'the layer exists: add only the files it lacks')
  .action(async (layer: string, skeleton: string | undefined, opts) => {
    const { initProfileCommand } = await import('./commands/init-profile.js');
    return initProfileCommand(layer, skeleton, opts);
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Help and version exit 0; every usage error exits 2, as documented.
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else if (error instanceof UserError) {
    console.error(`stackdoc: ${error.format()}`);
    process.exitCode = 2;
  } else {
    console.error(`stackdoc: internal error: ${(error as Error).stack ?? String(error)}`);
    console.error('This is a bug in stackdoc; please report it with the command you ran.');
    process.exitCode = 2;
  }
}
