import { XMLValidator } from 'fast-xml-parser'
import type { CallStep } from '../routing/types.ts'

// Plivo XML is built here by hand rather than with the SDK's `plivo.Response()`: the SDK
// turns `&quot;` back into `"` inside attributes and so emits broken XML for a caller name
// or greeting holding a double quote (plivo-contract §2.7, pitfall 16).

export type XmlAttributes = Record<string, string | number | boolean | undefined>

export type XmlElement = {
  name: string
  attributes?: XmlAttributes
  text?: string
  children?: XmlElement[]
}

/** Renders a `<Response>` document and proves that it parses before anyone plays it. */
export function renderResponse(children: XmlElement[]): string {
  const xml = renderElement({ name: 'Response', children })
  const verdict = XMLValidator.validate(xml)
  if (verdict !== true) {
    throw new Error(`built Plivo XML does not parse: ${verdict.err.msg}`)
  }
  return xml
}

function renderElement(element: XmlElement): string {
  const attributes = Object.entries(element.attributes ?? {})
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => ` ${name}="${escapeXml(String(value))}"`)
    .join('')
  const body = element.text !== undefined ? escapeXml(element.text) : ''
  const children = (element.children ?? []).map(renderElement).join('')

  if (!body && !children) return `<${element.name}${attributes}/>`
  return `<${element.name}${attributes}>${body}${children}</${element.name}>`
}

/**
 * Makes outside text (caller names, greetings) safe to place in XML: characters XML 1.0
 * forbids are dropped, whitespace runs collapse, and the text is cut to `maxLength`.
 */
export function cleanText(text: string, maxLength = 500): string {
  return Array.from(
    text
      .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
      .replace(/\s+/g, ' ')
      .trim(),
  )
    .slice(0, maxLength)
    .join('')
}

function escapeXml(text: string): string {
  return cleanText(text, Number.POSITIVE_INFINITY)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;')
}

export type StepUrls = {
  /** The Dial action URL of a ring step; the step rides in its query. */
  dialAction(step: number): string
  /** Dial callback events; whether the line screens rides in its query. */
  dialCallback(isScreened: boolean): string
  /** What a screened app hears on pick-up, before pressing the key. */
  screen(lineName: string): string
  recordAction: string
  recordCallback: string
}

export type Caller = { name?: string; number?: string }

// Voicemail settings: the product's choice, written out so that Plivo's changing defaults
// never matter (plivo-contract §2.4: `finishOnKey` differs between docs).
const VOICEMAIL = { maxLength: 120, silenceTimeout: 15, finishOnKey: '#' }
const SCREEN_KEY = '1'
const NOT_IN_SERVICE = 'Sorry, the number you have called is not in service. Goodbye.'

/** Plivo XML for a routing decision. */
export function renderStep(step: CallStep, urls: StepUrls, caller: Caller = {}): string {
  switch (step.kind) {
    case 'dial':
      return renderResponse([
        {
          name: 'Dial',
          attributes: {
            action: urls.dialAction(step.step),
            method: 'POST',
            redirect: true,
            timeout: step.timeout,
            callerName: describeCaller(caller, step.lineName),
            callbackUrl: urls.dialCallback(step.screening),
            callbackMethod: 'POST',
            ...(step.screening && {
              confirmSound: urls.screen(step.lineName),
              confirmKey: SCREEN_KEY,
            }),
          },
          children: step.apps.map((app) => ({ name: 'User', text: app.sipUri })),
        },
      ])

    case 'voicemail': {
      // An empty <Speak/> is not playable; a greeting that cleans to nothing is left out.
      const greeting = cleanText(step.greeting)
      return renderResponse([
        ...(greeting ? [{ name: 'Speak', text: greeting }] : []),
        {
          name: 'Record',
          attributes: {
            action: urls.recordAction,
            method: 'POST',
            callbackUrl: urls.recordCallback,
            callbackMethod: 'POST',
            fileFormat: 'mp3',
            maxLength: VOICEMAIL.maxLength,
            timeout: VOICEMAIL.silenceTimeout,
            finishOnKey: VOICEMAIL.finishOnKey,
            playBeep: true,
          },
        },
      ])
    }

    case 'not-in-service':
      return renderResponse([{ name: 'Speak', text: NOT_IN_SERVICE }, { name: 'Hangup' }])

    case 'goodbye':
      return renderResponse([
        { name: 'Speak', text: 'Thank you. Goodbye.' },
        { name: 'Hangup' },
      ])

    case 'hangup':
      return renderResponse([])
  }
}

/** What a screened app hears when it picks up: whose call, and the key to take it. */
export function renderScreenPrompt(lineName: string): string {
  const line = cleanText(lineName, 60) || 'your line'
  return renderResponse([
    { name: 'Speak', text: `Call for ${line}. Press ${SCREEN_KEY} to take it.` },
  ])
}

/** The name shown on the ringing apps: the line, then who calls (50 characters at most). */
function describeCaller(caller: Caller, lineName: string): string {
  const who = cleanText(caller.name ?? '') || cleanText(caller.number ?? '') || 'Unknown'
  return cleanText(`${lineName}: ${who}`, 50)
}
