/**
 * A tool a check needs is not on this machine. Not a finding about the example: the CLI exits 2
 * and tells the user which Debian package brings the tool.
 */
export class MissingToolError extends Error {
  constructor(
    readonly tool: string,
    readonly install: string,
  ) {
    super(`${tool} is not available: install the Debian package ${install} (scripts/install-deps.sh installs all of them)`);
    this.name = 'MissingToolError';
  }
}
