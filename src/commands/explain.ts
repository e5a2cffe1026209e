export async function explainCommand(..._args: unknown[]): Promise<void> {
  throw new Error('not yet');
}
