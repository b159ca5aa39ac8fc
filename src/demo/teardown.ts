/**
 * What the demo has started, to stop in the reverse order: the server before the
 * database it writes to. Every step runs even when an earlier one fails, so that a
 * failure never leaves a port or the database open; the first failure is rethrown.
 */
export class Teardown {
  private readonly steps: (() => Promise<void> | void)[] = []

  add(step: () => Promise<void> | void): void {
    this.steps.push(step)
  }

  async run(): Promise<void> {
    let failure: unknown
    for (const step of this.steps.splice(0).reverse()) {
      try {
        await step()
      } catch (error) {
        failure ??= error
      }
    }
    if (failure !== undefined) throw failure
  }
}
