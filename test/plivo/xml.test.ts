import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { XMLParser } from 'fast-xml-parser'
import {
  cleanText,
  renderResponse,
  renderScreenPrompt,
  renderStep,
} from '../../src/plivo/xml.ts'

const urls = {
  dialAction: (step: number) =>
    `https://calls.example.com/plivo/dial-action?step=${step}&x=1`,
  dialCallback: (isScreened: boolean) =>
    `https://calls.example.com/plivo/dial-callback${isScreened ? '?screened=1' : ''}`,
  screen: (line: string) =>
    `https://calls.example.com/plivo/screen?line=${encodeURIComponent(line)}`,
  recordAction: 'https://calls.example.com/plivo/record-action',
  recordCallback: 'https://calls.example.com/plivo/record-callback',
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' })

describe('building Plivo XML', () => {
  it('dials every app with the action, callback and timeout, escaping the query', () => {
    const xml = renderStep(
      {
        kind: 'dial',
        step: 0,
        apps: [{ id: 1, label: 'mobile', sipUri: 'sip:ada123@phone.plivo.com' }],
        timeout: 25,
        screening: false,
        lineName: 'Sales',
      },
      urls,
      { name: 'Joe "J" <Smith> & Co' },
    )
    assert.equal(
      xml,
      '<Response><Dial action="https://calls.example.com/plivo/dial-action?step=0&amp;x=1" ' +
        'method="POST" redirect="true" timeout="25" ' +
        'callerName="Sales: Joe &quot;J&quot; &lt;Smith&gt; &amp; Co" ' +
        'callbackUrl="https://calls.example.com/plivo/dial-callback" callbackMethod="POST">' +
        '<User>sip:ada123@phone.plivo.com</User></Dial></Response>',
    )
    const dial = parser.parse(xml).Response.Dial
    assert.equal(dial.callerName, 'Sales: Joe "J" <Smith> & Co')
  })

  it('asks a screened app to press a key before it takes the call', () => {
    const xml = renderStep(
      {
        kind: 'dial',
        step: 1,
        apps: [],
        timeout: 20,
        screening: true,
        lineName: 'Sales & Co',
      },
      urls,
    )
    assert.match(
      xml,
      /confirmSound="https:\/\/calls\.example\.com\/plivo\/screen\?line=Sales%20%26%20Co"/,
    )
    assert.match(xml, / confirmKey="1"/)
    assert.equal(
      renderScreenPrompt('Sales'),
      '<Response><Speak>Call for Sales. Press 1 to take it.</Speak></Response>',
    )
  })

  it('speaks the greeting and records a voicemail with explicit limits', () => {
    const xml = renderStep(
      { kind: 'voicemail', greeting: 'Hi <there>\u0007 "you"', reason: 'no-answer' },
      urls,
    )
    assert.equal(
      xml,
      '<Response><Speak>Hi &lt;there&gt; &quot;you&quot;</Speak>' +
        '<Record action="https://calls.example.com/plivo/record-action" method="POST" ' +
        'callbackUrl="https://calls.example.com/plivo/record-callback" callbackMethod="POST" ' +
        'fileFormat="mp3" maxLength="120" timeout="15" finishOnKey="#" playBeep="true"/>' +
        '</Response>',
    )
  })

  it('leaves out a greeting that cleans to nothing rather than send an empty <Speak/>', () => {
    const xml = renderStep({ kind: 'voicemail', greeting: '\u0001\u0002', reason: 'no-answer' }, urls)
    assert.match(xml, /^<Response><Record /)
  })

  it('answers the end of a bridged call with an empty document, which hangs up', () => {
    assert.equal(renderStep({ kind: 'hangup' }, urls), '<Response/>')
    assert.match(
      renderStep({ kind: 'not-in-service' }, urls),
      /<Speak>Sorry.*<\/Speak><Hangup\/>/,
    )
  })

  it('refuses to send a document that does not parse', () => {
    assert.throws(() => renderResponse([{ name: 'Bad Name' }]), /does not parse/)
  })

  it('cuts outside text to length without splitting characters', () => {
    assert.equal(cleanText('  a\n\n b\u0000c  '), 'a bc')
    assert.equal(cleanText('😀😀😀', 2), '😀😀')
  })
})
