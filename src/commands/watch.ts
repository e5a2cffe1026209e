export async function watchBuild(..._args: unknown[]): Promise<void> {
  throw new Error('not yet');
}
