// The shapes the routing decisions work on. They hold only what a decision needs, in our
// own camelCase words; the database and Plivo's parameter names stay at the boundary.

export type RingStrategy = 'simultaneous' | 'sequential' | 'round-robin'

export type LineRoute = {
  id: number
  name: string
  ringStrategy: RingStrategy
  /** Seconds each ring step lasts before the next one (or voicemail). */
  ringTimeout: number
  greeting: string | null
  screening: boolean
}

export type AppTarget = { id: number; label: string; sipUri: string }

export type MemberRoute = {
  userId: number
  name: string
  isAvailable: boolean
  apps: AppTarget[]
}

/** Plivo's webhook parameters, decoded: every value is a string. */
export type WebhookParams = Readonly<Record<string, string>>

/** What the caller hears next. */
export type CallStep =
  | {
      kind: 'dial'
      /** Which ring step this is: 0 first, then one per member for sequential lines. */
      step: number
      apps: AppTarget[]
      timeout: number
      screening: boolean
      lineName: string
    }
  | { kind: 'voicemail'; greeting: string }
  | { kind: 'not-in-service' }
  | { kind: 'goodbye' }
  | { kind: 'hangup' }
