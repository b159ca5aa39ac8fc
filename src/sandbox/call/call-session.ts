import { randomUUID } from 'node:crypto'
import type { HttpMethod } from '../../plivo/signature.ts'
import type { Clock } from './clock.ts'
import {
  type Hangup,
  type HangupKind,
  type HangupSource,
  describeHangup,
} from './hangup-causes.ts'
import type { ResolvedScript } from './script.ts'
import { type WebhookParams, WebhookError, sendWebhook } from './webhook.ts'
import { InvalidXmlError, type PlivoElement, parsePlivoXml } from './xml-parse.ts'

export type StepKind =
  | 'call'
  | 'webhook'
  | 'audio'
  | 'dial'
  | 'leg'
  | 'record'
  | 'hangup'
  | 'problem'

/** One line of the call's story, stamped with call time since the call started. */
export type CallStep = {
  atMs: number
  kind: StepKind
  text: string
  webhook?: {
    purpose: string
    url: string
    method: HttpMethod
    params: WebhookParams
    status?: number
    error?: string
    attempts: number
  }
}

export type CallParty = {
  authId: string
  authToken: string
  from: string
  to: string
  callerName: string
}

export type DocumentResult =
  | { elements: PlivoElement[] }
  | { failure: 'unreachable' | 'invalid'; message: string }

const MAX_DOCUMENT_BYTES = 100 * 1024

/** The state of one simulated call: its clock, its story, and how it ended. */
export class CallSession {
  readonly callUuid = randomUUID()
  readonly steps: CallStep[] = []
  /** What went wrong, first to last: failing webhooks, rejected XML. */
  readonly problems: string[] = []
  readonly startMs: number
  answeredAtMs?: number
  /** The parties that picked up when they rang, in order. */
  readonly pickedUp: string[] = []
  hangup?: Hangup
  private scheduledHangupAtMs?: number
  private readonly heldNotifications: (() => Promise<void>)[] = []

  constructor(
    readonly party: CallParty,
    readonly script: ResolvedScript,
    readonly clock: Clock,
    private readonly onStep: (step: CallStep) => void,
    private readonly webhookTimeoutMs?: number,
    /** Aborted when the caller hangs up now, e.g. on Ctrl-C while a person watches. */
    private readonly hangUpSignal?: AbortSignal,
  ) {
    this.startMs = clock.now()
  }

  get isOver(): boolean {
    return this.hangup !== undefined
  }

  elapsedMs(): number {
    return this.clock.now() - this.startMs
  }

  note(kind: StepKind, text: string, webhook?: CallStep['webhook']): void {
    const step = { atMs: this.elapsedMs(), kind, text, ...(webhook && { webhook }) }
    this.steps.push(step)
    this.onStep(step)
  }

  /** Something went wrong that the caller would not notice but the server's author must. */
  report(problem: string): void {
    this.problems.push(problem)
    this.note('problem', problem)
  }

  /** Plivo answers the caller's leg when the first verb that needs it runs. */
  answer(): void {
    if (this.answeredAtMs !== undefined || this.isOver) return
    this.answeredAtMs = this.clock.now()
    this.note('call', 'the call is answered')
  }

  scheduleHangup(afterSeconds: number): void {
    this.scheduledHangupAtMs = this.clock.now() + afterSeconds * 1000
  }

  /**
   * Lets `ms` of call time pass. Returns false when the caller (or a scheduled <Hangup>)
   * ended the call first; the clock then stops at that moment.
   */
  async wait(ms: number): Promise<boolean> {
    const callerAt =
      this.script.callerHangsUpAfterSeconds === undefined
        ? Number.POSITIVE_INFINITY
        : this.startMs + this.script.callerHangsUpAfterSeconds * 1000
    const scheduledAt = this.scheduledHangupAtMs ?? Number.POSITIVE_INFINITY
    const endAt = Math.min(callerAt, scheduledAt)
    const now = this.clock.now()

    if (endAt > now + ms) {
      if (!this.hangUpSignal?.aborted) await this.clock.sleep(ms, this.hangUpSignal)
      if (!this.hangUpSignal?.aborted) return true
      this.end(this.answeredAtMs === undefined ? 'canceled' : 'normal', 'Caller')
      return false
    }
    await this.clock.sleep(Math.max(0, endAt - now), this.hangUpSignal)
    if (scheduledAt < callerAt) this.end('scheduled', 'Plivo')
    else this.end(this.answeredAtMs === undefined ? 'canceled' : 'normal', 'Caller')
    return false
  }

  end(kind: HangupKind, source: HangupSource): void {
    if (this.isOver) return
    this.hangup = describeHangup(kind, source)
    const { code, name } = this.hangup
    this.note('hangup', `the call ends: ${code} ${name} (by ${source})`)
  }

  /** Parameters on every request about the caller's leg (plivo-contract §3.2, §3.3). */
  standardParams(): Record<string, string> {
    const status = this.isOver
      ? 'completed'
      : this.answeredAtMs
        ? 'in-progress'
        : 'ringing'
    return {
      CallUUID: this.callUuid,
      From: this.party.from,
      To: this.party.to,
      CallerName: this.party.callerName,
      Direction: 'inbound',
      CallStatus: status,
    }
  }

  /**
   * Posts a notification whose answer Plivo ignores; a failure is reported, not fatal.
   * The script may have it delivered twice, or held back until the call is over, since
   * Plivo delivers webhooks twice, late or out of order (§2.9).
   */
  async notify(purpose: string, url: string, method: HttpMethod, params: WebhookParams) {
    const deliver = async () => {
      const sent = await this.send(purpose, url, method, params)
      if (!sent.ok) this.report(`the ${purpose} at ${url} failed: ${sent.message}`)
    }

    const { webhookDelivery } = this.script
    if (webhookDelivery === 'late') {
      this.heldNotifications.push(deliver)
      return
    }
    await deliver()
    if (webhookDelivery === 'twice') await deliver()
  }

  /** Delivers the notifications held back by `webhookDelivery: 'late'`, newest first. */
  async deliverHeldNotifications(): Promise<void> {
    for (const deliver of this.heldNotifications.splice(0).reverse()) await deliver()
  }

  /** Requests a document (answer, action, redirect) and checks it as Plivo would. */
  async fetchDocument(
    purpose: string,
    url: string,
    method: HttpMethod,
    params: WebhookParams,
  ): Promise<DocumentResult> {
    const sent = await this.send(purpose, url, method, params)
    if (!sent.ok) return { failure: 'unreachable', message: sent.message }
    if (Buffer.byteLength(sent.body) > MAX_DOCUMENT_BYTES) {
      return { failure: 'invalid', message: 'the XML is larger than 100 KB' }
    }

    try {
      return { elements: parsePlivoXml(sent.body) }
    } catch (error) {
      if (!(error instanceof InvalidXmlError)) throw error
      return { failure: 'invalid', message: error.message }
    }
  }

  private async send(
    purpose: string,
    url: string,
    method: HttpMethod,
    params: WebhookParams,
  ): Promise<{ ok: true; body: string } | { ok: false; message: string }> {
    const request = { purpose, url, method, params }
    try {
      const response = await sendWebhook({
        url,
        method,
        params,
        authToken: this.party.authToken,
        timeoutMs: this.webhookTimeoutMs,
      })
      const retried = response.attempts > 1 ? ` after ${response.attempts} attempts` : ''
      this.note('webhook', `${purpose} ${method} ${url} → ${response.status}${retried}`, {
        ...request,
        status: response.status,
        attempts: response.attempts,
      })
      return { ok: true, body: response.body }
    } catch (error) {
      if (!(error instanceof WebhookError)) throw error
      const tries = error.attempts > 1 ? ` (${error.attempts} attempts)` : ''
      this.note(
        'webhook',
        `${purpose} ${method} ${url} failed: ${error.message}${tries}`,
        {
          ...request,
          status: error.status,
          error: error.message,
          attempts: error.attempts,
        },
      )
      return { ok: false, message: error.message }
    }
  }
}
