export async function testExamplesCommand(..._args: unknown[]): Promise<void> {
  throw new Error('not yet');
}
