import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { quote } from '../../errors.ts'
import {
  ELEMENTS,
  type ElementSpec,
  RESPONSE_CHILDREN,
  SSML_TAGS,
  type ValueKind,
} from './xml-schema.ts'

/** One element of a Plivo document, attributes as written, body with entities decoded. */
export type PlivoElement = {
  name: string
  attributes: Readonly<Record<string, string>>
  body: string
  children: readonly PlivoElement[]
}

/** A document Plivo would refuse; the call fails with 8011 / 8012 (plivo-contract §2.1). */
export class InvalidXmlError extends Error {
  override name = 'InvalidXmlError'
}

/** Valid Plivo XML that this simulator cannot carry out, such as <GetDigits>. */
export class UnsupportedVerbError extends Error {
  override name = 'UnsupportedVerbError'
}

type Node = Record<string, unknown> & { ':@'?: Record<string, string> }

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  commentPropName: '#comment',
  // Decodes numeric character references; named ones beyond XML's five are refused above.
  htmlEntities: true,
})

/** Parses an answer, action or redirect document and checks it as Plivo would. */
export function parsePlivoXml(text: string): PlivoElement[] {
  if (!text.trim()) throw new InvalidXmlError('the reply is empty, not a <Response>')
  const wellFormed = XMLValidator.validate(text)
  if (wellFormed !== true) {
    const { msg, line, col } = wellFormed.err
    const where = col === undefined ? `line ${line}` : `line ${line}, column ${col}`
    throw new InvalidXmlError(`the XML is not well-formed: ${msg} (${where})`)
  }

  const entity = findUndefinedEntity(text)
  if (entity)
    throw new InvalidXmlError(`the XML uses an undefined entity ${quote(entity)}`)

  const roots = elementsOf(parser.parse(text) as Node[], 'the document')
  if (roots.length !== 1 || roots[0].name !== 'Response') {
    const names = roots.map((root) => `<${root.name}>`).join(', ') || 'nothing'
    throw new InvalidXmlError(`the root must be one <Response>, found ${names}`)
  }
  if (Object.keys(roots[0].attributes).length > 0) {
    throw new InvalidXmlError('<Response> takes no attributes')
  }

  for (const child of roots[0].children) {
    if (!(RESPONSE_CHILDREN as readonly string[]).includes(child.name)) {
      throw new InvalidXmlError(`<${child.name}> is not a Plivo verb`)
    }
    checkElement(child)
  }
  return [...roots[0].children]
}

function checkElement(element: PlivoElement): void {
  const spec = ELEMENTS[element.name]
  if (!spec) throw new InvalidXmlError(`<${element.name}> is not a Plivo element`)
  if (!spec.isSimulated) {
    throw new UnsupportedVerbError(`the simulator does not carry out <${element.name}>`)
  }

  for (const [attribute, value] of Object.entries(element.attributes)) {
    const kind = spec.attributes[attribute]
    if (!kind) {
      throw new InvalidXmlError(`<${element.name}> has no attribute ${quote(attribute)}`)
    }
    checkValue(element.name, attribute, value, kind)
  }

  checkBody(element, spec)
  for (const child of element.children) {
    if (!spec.children.includes(child.name)) {
      throw new InvalidXmlError(`<${child.name}> cannot be inside <${element.name}>`)
    }
    if (!SSML_TAGS.includes(child.name)) checkElement(child)
  }
  if (element.name === 'Dial' && element.children.length === 0) {
    throw new InvalidXmlError('<Dial> must contain at least one <User> or <Number>')
  }
}

function checkBody(element: PlivoElement, spec: ElementSpec): void {
  const body = element.body.trim()
  const where = `<${element.name}>`

  if (spec.body === 'none' && body) throw new InvalidXmlError(`${where} takes no text`)
  if (spec.body === 'text' && !body && element.children.length === 0) {
    throw new InvalidXmlError(`${where} needs text to say`)
  }
  if (spec.body === 'sip-uri' && !/^sips?:[^\s@]+@[^\s@]+$/.test(body)) {
    throw new InvalidXmlError(`${where} needs a sip: URI, not ${quote(body)}`)
  }
  if (spec.body === 'number' && !/^\+?\d+$/.test(body)) {
    throw new InvalidXmlError(`${where} needs a phone number, not ${quote(body)}`)
  }
  if (spec.body === 'url' && !isHttpUrl(body)) {
    throw new InvalidXmlError(`${where} needs an http(s) URL, not ${quote(body)}`)
  }
}

function checkValue(element: string, attribute: string, value: string, kind: ValueKind) {
  const fail = (expected: string) => {
    const where = `<${element} ${attribute}=${quote(value)}>`
    throw new InvalidXmlError(`${where} must be ${expected}`)
  }

  if (typeof kind === 'object') {
    if (!kind.oneOf.includes(value)) fail(`one of ${kind.oneOf.join(', ')}`)
    return
  }
  if (kind === 'boolean' && value !== 'true' && value !== 'false') fail('true or false')
  if (kind === 'seconds' && !/^\d+$/.test(value)) fail('a whole number')
  if (kind === 'method' && value !== 'GET' && value !== 'POST') fail('GET or POST')
  if (kind === 'url' && !isHttpUrl(value)) fail('an http(s) URL')
  if (kind === 'key' && !/^[0-9#*]$/.test(value)) fail('one of 0-9, # or *')
  if (kind === 'keys' && value !== 'none' && !/^[0-9#*]+$/.test(value)) {
    fail('keys from 0-9, # and *, or none')
  }
}

/** XML defines five named entities; the validator lets HTML ones such as &nbsp; through. */
function findUndefinedEntity(text: string): string | undefined {
  const markup = text.replace(/<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>/g, '')
  const named = markup.match(/&[A-Za-z_][\w.-]*;/g) ?? []
  return named.find(
    (entity) => !['&amp;', '&lt;', '&gt;', '&quot;', '&apos;'].includes(entity),
  )
}

function isHttpUrl(text: string): boolean {
  if (!URL.canParse(text)) return false
  const { protocol } = new URL(text)
  return protocol === 'http:' || protocol === 'https:'
}

/** Turns the parser's ordered nodes into elements, refusing stray text between verbs. */
function elementsOf(nodes: Node[], where: string): PlivoElement[] {
  const elements: PlivoElement[] = []

  for (const node of nodes) {
    const name = Object.keys(node).find((key) => key !== ':@')
    if (!name || name === '#comment') continue
    if (name === '#text') {
      if (String(node[name]).trim()) {
        throw new InvalidXmlError(`unexpected text in ${where}: ${quote(node[name])}`)
      }
      continue
    }

    const inner = node[name] as Node[]
    // Text between verbs is stray; inside a verb that takes text, or one refused later
    // for its name, it is left for that check.
    const spec = ELEMENTS[name]
    const takesNoText = name === 'Response' || (spec?.isSimulated && spec.body === 'none')
    elements.push({
      name,
      attributes: { ...node[':@'] },
      body: textOf(inner),
      children: elementsOf(takesNoText ? inner : inner.filter(isElement), `<${name}>`),
    })
  }
  return elements
}

function isElement(node: Node): boolean {
  const name = Object.keys(node).find((key) => key !== ':@')
  return name !== undefined && name !== '#text' && name !== '#comment'
}

/** The element's own text and that of its SSML children, as it would be spoken. */
function textOf(nodes: Node[]): string {
  return nodes
    .map((node) => {
      if ('#text' in node) return String(node['#text'])
      const name = Object.keys(node).find((key) => key !== ':@')
      return name && SSML_TAGS.includes(name) ? textOf(node[name] as Node[]) : ''
    })
    .join('')
}
