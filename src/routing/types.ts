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
  /** Every app is screened; otherwise only the apps that may answer by themselves. */
  screening: boolean
  /** When the line takes calls; undefined: always. */
  hours?: LineHours
  /** Spoken outside the hours instead of the greeting; null for the default. */
  closedGreeting?: string | null
}

/** Opening hours in the line's own time zone, wall-clock `HH:MM` (closes exclusive). */
export type LineHours = {
  zone: string
  weekly: { weekday: number; opens: string; closes: string }[]
  /** Dates (`YYYY-MM-DD`, in the line's zone) on which the line stays closed all day. */
  closures: string[]
}

export type AppTarget = {
  id: number
  label: string
  sipUri: string
  /** A device that can pick up by itself (a phone's own voicemail): it is screened. */
  mayAutoAnswer?: boolean
  /** The app's user, copied onto the call's attempts. */
  userName?: string
}

/** Why the caller is sent to voicemail. */
export type VoicemailReason =
  | 'out-of-hours'
  | 'nobody-available'
  | 'no-answer'
  | 'server-error'

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
  | { kind: 'voicemail'; greeting: string; reason: VoicemailReason }
  | { kind: 'not-in-service' }
  | { kind: 'goodbye' }
  | { kind: 'hangup' }
