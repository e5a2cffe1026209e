/**
 * The environment apps and tests run in: little of stackdoc's own, so a run does not depend on
 * who started it. /usr/bin comes first in PATH so a `python3` the app spawns is Debian's too.
 * PYTHONDONTWRITEBYTECODE is forced last: no __pycache__ may appear in the example tree.
 */
export function runEnvironment(vars: Record<string, string>): NodeJS.ProcessEnv {
  return {
    PATH: `/usr/bin:/bin:${process.env.PATH ?? ''}`,
    HOME: process.env.HOME ?? '/tmp',
    LANG: 'C.UTF-8',
    PYTHONUNBUFFERED: '1',
    ...vars,
    PYTHONDONTWRITEBYTECODE: '1',
  };
}

/** The last lines of a program's output, for a failure message. */
export function tail(output: string, lines = 20): string {
  const all = output.trimEnd().split('\n');
  const shown = all.slice(-lines).join('\n');
  return all.length > lines ? `…\n${shown}` : shown;
}
