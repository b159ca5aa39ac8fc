/** Time as the provisioner sees it; tests pass a simulated one so that nothing waits for real. */
export type Clock = {
  now(): number
  sleep(ms: number): Promise<void>
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
}
