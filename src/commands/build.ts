export async function buildCommand(..._args: unknown[]): Promise<void> {
  throw new Error('not yet');
}
