export class DeadlineError extends Error {
  constructor(milliseconds: number) {
    super(`the database did not answer within ${milliseconds} ms`)
    this.name = 'DeadlineError'
  }
}

/**
 * Settles with the work or rejects once `milliseconds` have passed, whichever is first:
 * a caller must hear something well within Plivo's answer timeout (plivo-contract §2.9)
 * even when the database hangs. The work itself goes on and may still land.
 */
export async function withDeadline<T>(
  work: Promise<T>,
  milliseconds: number,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(milliseconds)), milliseconds)
    timer.unref()
  })
  try {
    return await Promise.race([work, deadline])
  } finally {
    clearTimeout(timer)
  }
}
