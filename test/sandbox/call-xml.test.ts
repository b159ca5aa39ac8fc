import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  InvalidXmlError,
  UnsupportedVerbError,
  parsePlivoXml,
} from '../../src/sandbox/call/xml-parse.ts'

describe('parsePlivoXml', () => {
  it('reads verbs in order with their attributes, decoding every XML escape', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<Response>
  <!-- what our server sends for a caller named Zoë "Z" O'Neil & Co -->
  <Dial callerName="Sales: Zo&#235; &quot;Z&quot; O&apos;Neil &amp; Co" timeout="20">
    <User>sip:jane230101120000@phone.plivo.com</User>
    <Number>+14155550111</Number>
  </Dial>
  <Speak voice="WOMAN">Tom &amp; Jerry<break time="1s"/> say &#x201C;hi&#x201D;</Speak>
</Response>`

    const [dial, speak] = parsePlivoXml(xml)

    assert.deepEqual(dial.attributes, {
      callerName: 'Sales: Zoë "Z" O\'Neil & Co',
      timeout: '20',
    })
    assert.deepEqual(
      dial.children.map((child) => [child.name, child.body]),
      [
        ['User', 'sip:jane230101120000@phone.plivo.com'],
        ['Number', '+14155550111'],
      ],
    )
    assert.equal(speak.body, 'Tom & Jerry say “hi”')
  })

  it('accepts an empty Response, which simply ends the call', () => {
    assert.deepEqual(parsePlivoXml('<Response/>'), [])
    assert.deepEqual(parsePlivoXml('<Response></Response>'), [])
  })

  const refused: [string, string, string][] = [
    [
      'a lower-case verb',
      '<Response><speak>Hi</speak></Response>',
      '<speak> is not a Plivo verb',
    ],
    [
      'a second root',
      '<Response/><Response/>',
      'the root must be one <Response>, found <Response>, <Response>',
    ],
    [
      'an HTML entity',
      '<Response><Speak>a&nbsp;b</Speak></Response>',
      'the XML uses an undefined entity "&nbsp;"',
    ],
    [
      'text between verbs',
      '<Response>hello<Hangup/></Response>',
      'unexpected text in <Response>: "hello"',
    ],
    [
      'text in a Dial',
      '<Response><Dial>sip:a@b.c</Dial></Response>',
      'unexpected text in <Dial>: "sip:a@b.c"',
    ],
    [
      'a Dial method in lower case',
      '<Response><Dial method="post"><User>sip:a@b.c</User></Dial></Response>',
      '<Dial method="post"> must be GET or POST',
    ],
    [
      'a relative action URL',
      '<Response><Record action="/record"/></Response>',
      '<Record action="/record"> must be an http(s) URL',
    ],
    [
      'a two-key confirmKey',
      '<Response><Dial confirmKey="12"><User>sip:a@b.c</User></Dial></Response>',
      '<Dial confirmKey="12"> must be one of 0-9, # or *',
    ],
    [
      'a Record with text',
      '<Response><Record>now</Record></Response>',
      'unexpected text in <Record>: "now"',
    ],
    [
      'an attribute on Response',
      '<Response version="2"/>',
      '<Response> takes no attributes',
    ],
    [
      'a Redirect without a URL',
      '<Response><Redirect/></Response>',
      '<Redirect> needs an http(s) URL, not ""',
    ],
    [
      'a Hangup reason Plivo lacks',
      '<Response><Hangup reason="later"/></Response>',
      '<Hangup reason="later"> must be one of rejected, busy',
    ],
  ]

  for (const [what, xml, message] of refused) {
    it(`refuses ${what}`, () => {
      assert.throws(() => parsePlivoXml(xml), new InvalidXmlError(message))
    })
  }

  it('tells apart valid verbs that the simulator does not carry out', () => {
    assert.throws(
      () => parsePlivoXml('<Response><Conference>room</Conference></Response>'),
      new UnsupportedVerbError('the simulator does not carry out <Conference>'),
    )
  })
})
