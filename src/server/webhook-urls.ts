import type { StepUrls } from '../plivo/xml.ts'

/** The paths Plivo calls; provisioning points the Application at the first three. */
export const WEBHOOK_PATHS = {
  answer: '/plivo/answer',
  hangup: '/plivo/hangup',
  fallback: '/plivo/fallback',
  dialAction: '/plivo/dial-action',
  dialCallback: '/plivo/dial-callback',
  screen: '/plivo/screen',
  recordAction: '/plivo/record-action',
  recordCallback: '/plivo/record-callback',
} as const

/**
 * Absolute webhook URLs from PUBLIC_URL: Plivo calls them and signs exactly what it
 * called, so they are built from the public address and never from the request.
 */
export function buildStepUrls(publicUrl: string): StepUrls {
  const url = (path: string, query?: Record<string, string>) => {
    const search = query ? `?${new URLSearchParams(query)}` : ''
    return `${publicUrl}${path}${search}`
  }
  return {
    dialAction: (step) => url(WEBHOOK_PATHS.dialAction, { step: String(step) }),
    dialCallback: (isScreened) =>
      url(WEBHOOK_PATHS.dialCallback, isScreened ? { screened: '1' } : undefined),
    screen: (lineName) => url(WEBHOOK_PATHS.screen, { line: lineName }),
    recordAction: url(WEBHOOK_PATHS.recordAction),
    recordCallback: url(WEBHOOK_PATHS.recordCallback),
  }
}
