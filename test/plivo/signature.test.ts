import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import plivo from 'plivo'
import {
  type SignedParams,
  buildV3Base,
  computeV2Signature,
  computeV3Signature,
  createNonce,
  isValidPlivoSignature,
  signPlivoRequest,
} from '../../src/plivo/signature.ts'

// Plivo's own cross-SDK vectors (plivo-contract §4.4).
const official = {
  token: 'Y2Q2ZDgxZmY5YWRiOTI5YmQ1Njg0MTAxZWIyOTc4',
  nonce: '31627761595286130198',
  params: {
    Direction: 'outbound',
    From: '19792014278',
    ALegUUID: '3e82ae9d-2c78-4d85-b1a4-6eae7dbafb36',
    CallUUID: '3e82ae9d-2c78-4d85-b1a4-6eae7dbafb36',
    RequestUUID: '3e82ae9d-2c78-4d85-b1a4-6eae7dbafb36',
    ALegRequestUUID: '3e82ae9d-2c78-4d85-b1a4-6eae7dbafb36',
    CallStatus: 'in-progress',
    BillRate: '0.002',
    ParentAuthID: 'MANWVLYTK4ZWU1YTY4QA',
    To: 'sip:PlivoSignature382029104058171078704104@phone-qa.voice.plivodev.com',
    'SIP-H-To':
      '<sip:PlivoSignature382029104058171078704104@52.9.11.55;transport=udp>;tag=1',
    SessionStart: '2020-04-08 11:34:33.238707',
    Event: 'StartApp',
  },
}
const officialUrl =
  'https://plivobin.non-prod.plivops.com/api/v1/validate_signature03.xml'

// Vectors generated for this project (plivo-contract §4.4 A, B, C).
const token = 'MAuthTokenForTests0000000000000000000001'
const vectorA = {
  url: 'https://example.com/plivo/answer',
  nonce: '05429567804466091622',
  params: {
    CallUUID: '2bb0a7d4-3c6c-11ee-9b1c-0242ac110002',
    From: '+14155550100',
    To: 'sip:alice230101120000@phone.plivo.com',
    CallStatus: 'ringing',
    Direction: 'inbound',
    Event: 'StartApp',
  },
  signature: 'l/YQC+++BUMBcZhu/8mFw3kQRxWnHAuZRezQD16nhqs=',
}
const vectorB = {
  url: 'https://example.com:8443/plivo/dial-action?leg=2&call=abc',
  nonce: '11111111112222222222',
  params: {
    DialStatus: 'no-answer',
    DialRingStatus: 'true',
    DialHangupCause: 'NO_ANSWER',
    DialALegUUID: '2bb0a7d4-3c6c-11ee-9b1c-0242ac110002',
    DialBLegUUID: '',
  },
  signature: 'osHx6NFcoyt7Y1WBj7Vbwkszyy94zKXuNcQ0m2Mk+Co=',
}
const vectorC = {
  url: 'http://localhost:3000/plivo/hangup?To=%2B14155550111&From=%2B14155550100&CallUUID=2bb0a7d4-3c6c-11ee-9b1c-0242ac110002&HangupCause=NORMAL_CLEARING',
  nonce: '99999999990000000000',
  signature: '4/nJ4WjXFiJC+7HIgGeyigMC7BZMjlioLl/QEu+Umno=',
}

describe('computeV3Signature', () => {
  it('reproduces Plivo’s official vectors for POST and GET, with and without a query', () => {
    const cases = [
      ['POST', `${officialUrl}/?a=b&c=d`, 'k7Pusd4OxCIjR5IfA9iedDNu/h/gbdYqdzG/MiYtd1c='],
      ['GET', `${officialUrl}/?a=b&c=d`, 'UBq8jAtd32wR8EK9VgxbBn4n5rpI/l1H9iN4WfSEHFQ='],
      ['POST', officialUrl, 'iAjE5QqI37mbkYe4w3jTMudqEzbDufdqi7sYwTu64e0='],
      ['GET', officialUrl, 'i/MQsaQSAd6fiKhOh2qeeeLHZ9faldADSb3/7+Akfbc='],
    ] as const

    for (const [method, url, expected] of cases) {
      const signature = computeV3Signature({
        url,
        method,
        params: official.params,
        nonce: official.nonce,
        authToken: official.token,
      })
      assert.equal(signature, expected, `${method} ${url}`)
    }
  })

  it('builds the base string of a query-less POST with a question mark before the fields', () => {
    assert.equal(
      buildV3Base(vectorA.url, 'POST', vectorA.params),
      'https://example.com/plivo/answer?CallStatusringingCallUUID2bb0a7d4-3c6c-11ee-9b1c-0242ac110002DirectioninboundEventStartAppFrom+14155550100Tosip:alice230101120000@phone.plivo.com',
    )
    assert.equal(
      computeV3Signature({ ...vectorA, method: 'POST', authToken: token }),
      vectorA.signature,
    )
  })

  it('sorts the URL’s query, keeps the port and lets an empty field contribute its key', () => {
    assert.equal(
      buildV3Base(vectorB.url, 'POST', vectorB.params),
      'https://example.com:8443/plivo/dial-action?call=abc&leg=2.DialALegUUID2bb0a7d4-3c6c-11ee-9b1c-0242ac110002DialBLegUUIDDialHangupCauseNO_ANSWERDialRingStatustrueDialStatusno-answer',
    )
    assert.equal(
      computeV3Signature({ ...vectorB, method: 'POST', authToken: token }),
      vectorB.signature,
    )
  })

  it('signs a GET over its decoded, sorted query', () => {
    assert.equal(
      computeV3Signature({ ...vectorC, method: 'GET', params: {}, authToken: token }),
      vectorC.signature,
    )
  })

  it('changes when the scheme, a trailing slash or the port changes', () => {
    const sign = (url: string) =>
      computeV3Signature({ ...vectorA, url, method: 'POST', authToken: token })

    assert.notEqual(sign('http://example.com/plivo/answer'), vectorA.signature)
    assert.notEqual(sign('https://example.com/plivo/answer/'), vectorA.signature)
    assert.notEqual(sign('https://example.com:443/plivo/answer'), vectorA.signature)
    assert.equal(sign('https://example.com/plivo/answer#ct=2000'), vectorA.signature)
  })
})

describe('computeV2Signature', () => {
  it('reproduces the official and the project’s V2 vectors', () => {
    assert.equal(
      computeV2Signature('https://answer.url', '12345', 'my_auth_token'),
      'ehV3IKhLysWBxC1sy8INm0qGoQYdYsHwuoKjsX7FsXc=',
    )
    assert.equal(
      computeV2Signature('https://example.com/plivo/answer?x=1', vectorA.nonce, token),
      'VYHnL/DrSg40Pm137hZAhPA41ch12aUjNJ4okhgxYiI=',
    )
  })
})

describe('signPlivoRequest', () => {
  it('produces headers that the SDK’s own validators accept', () => {
    const params: SignedParams = { ...vectorA.params, CallerName: 'Zoë "Z" Müller & Co' }
    const url = 'https://tunnel.example.com:8443/plivo/answer?line=sales&x=a+b'
    const headers = signPlivoRequest({
      url,
      method: 'POST',
      params,
      authToken: token,
      mainAuthToken: 'MainAccountToken000000000000000000000000',
    })

    assert.match(headers['X-Plivo-Signature-V3-Nonce'], /^\d{20}$/)
    assert.equal(
      headers['X-Plivo-Signature-V2-Nonce'],
      headers['X-Plivo-Signature-V3-Nonce'],
    )
    const nonce = headers['X-Plivo-Signature-V3-Nonce']
    const v3 = headers['X-Plivo-Signature-V3']
    const maV3 = headers['X-Plivo-Signature-Ma-V3']
    assert.equal(plivo.validateV3Signature('POST', url, nonce, token, v3, params), true)
    assert.equal(
      plivo.validateV3Signature(
        'POST',
        url,
        nonce,
        'MainAccountToken000000000000000000000000',
        maV3,
        params,
      ),
      true,
    )
    assert.equal(
      plivo.validateSignature(url, nonce, headers['X-Plivo-Signature-V2'], token),
      true,
    )
  })

  it('agrees with the SDK for repeated keys and GET parameters passed apart from the URL', () => {
    const url = 'http://127.0.0.1:4000/hook?b=2&a=1&a=0'
    const params: SignedParams = { Digits: ['9', '1'], To: '+14155550111' }
    const nonce = createNonce()

    for (const method of ['GET', 'POST'] as const) {
      const signature = computeV3Signature({
        url,
        method,
        params,
        nonce,
        authToken: token,
      })
      const copy = { Digits: ['9', '1'], To: '+14155550111' }
      assert.equal(
        plivo.validateV3Signature(method, url, nonce, token, signature, copy),
        true,
      )
    }
  })
})

describe('isValidPlivoSignature', () => {
  const valid = {
    url: vectorA.url,
    method: 'POST',
    params: vectorA.params,
    nonce: vectorA.nonce,
    signature: vectorA.signature,
    authToken: token,
  }

  it('accepts the contract’s vectors, including a lower-case method', () => {
    assert.equal(isValidPlivoSignature(valid), true)
    assert.equal(isValidPlivoSignature({ ...valid, method: 'post' }), true)
    assert.equal(
      isValidPlivoSignature({ ...vectorB, method: 'POST', authToken: token }),
      true,
    )
    assert.equal(
      isValidPlivoSignature({ ...vectorC, method: 'GET', params: {}, authToken: token }),
      true,
    )
  })

  it('accepts any one of several comma-separated signatures, exactly as written', () => {
    const list = `AAAAbogus=,${vectorA.signature}`
    assert.equal(isValidPlivoSignature({ ...valid, signature: list }), true)
    assert.equal(
      isValidPlivoSignature({ ...valid, signature: `AAAAbogus=, ${vectorA.signature}` }),
      false,
    )
  })

  it('rejects a changed field, a wrong token, a missing header or an unknown method', () => {
    const tampered = { ...vectorA.params, From: '+14155550199' }
    assert.equal(isValidPlivoSignature({ ...valid, params: tampered }), false)
    assert.equal(isValidPlivoSignature({ ...valid, authToken: `${token}x` }), false)
    assert.equal(isValidPlivoSignature({ ...valid, signature: undefined }), false)
    assert.equal(isValidPlivoSignature({ ...valid, nonce: undefined }), false)
    assert.equal(isValidPlivoSignature({ ...valid, method: 'PUT' }), false)
  })

  it('leaves the caller’s list values in the order they were sent', () => {
    const params = { Digits: ['9', '1'] }
    isValidPlivoSignature({ ...valid, params })
    assert.deepEqual(params.Digits, ['9', '1'])
  })
})
