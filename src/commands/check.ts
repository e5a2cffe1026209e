export async function checkCommand(..._args: unknown[]): Promise<void> {
  throw new Error('not yet');
}
