/**
 * A strict reader for the small XML of config.xml: elements, attributes, text,
 * comments and the prolog. It throws on anything malformed rather than guessing,
 * which is all a test needs; the full XML grammar (DTDs, CDATA) is not accepted.
 */
export interface XmlElement {
  readonly name: string
  readonly attributes: Readonly<Record<string, string>>
  readonly children: XmlElement[]
  text: string
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

function decode(text: string): string {
  return text.replace(/&([a-z]+|#\d+|#x[\da-f]+);|&/gi, (match, name: string | undefined) => {
    if (!name) throw new Error('bare & in XML')
    if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16))
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)))
    const value = entities[name]
    if (value === undefined) throw new Error(`unknown entity ${match}`)
    return value
  })
}

const name = '[A-Za-z_][\\w.:-]*'
const attribute = new RegExp(`\\s+(${name})\\s*=\\s*(?:"([^"<]*)"|'([^'<]*)')`, 'y')
const openTag = new RegExp(`<(${name})`, 'y')

export function parseXml(source: string): XmlElement {
  let at = 0
  const fail = (why: string): never => {
    throw new Error(`${why} at offset ${at}`)
  }
  const after = (marker: string, what: string) => {
    const found = source.indexOf(marker, at)
    return found < 0 ? fail(what) : found + marker.length
  }
  const skipMisc = () => {
    for (;;) {
      const space = /^\s+/.exec(source.slice(at))
      if (space) at += space[0].length
      else if (source.startsWith('<!--', at)) at = after('-->', 'open comment')
      else if (source.startsWith('<?', at)) at = after('?>', 'open instruction')
      else return
    }
  }
  const element = (): XmlElement => {
    openTag.lastIndex = at
    const open = openTag.exec(source) ?? fail('expected an element')
    at = openTag.lastIndex
    const attributes: Record<string, string> = {}
    for (;;) {
      attribute.lastIndex = at
      const match = attribute.exec(source)
      if (!match) break
      if (match[1]! in attributes) fail(`duplicate attribute ${match[1]}`)
      attributes[match[1]!] = decode(match[2] ?? match[3] ?? '')
      at = attribute.lastIndex
    }
    const node: XmlElement = { name: open[1]!, attributes, children: [], text: '' }
    const end = /^\s*(\/?)>/.exec(source.slice(at)) ?? fail(`malformed tag <${node.name}>`)
    at += end[0].length
    if (end[1]) return node
    for (;;) {
      const next = source.indexOf('<', at)
      if (next < 0) fail(`<${node.name}> is never closed`)
      node.text += decode(source.slice(at, next))
      at = next
      if (source.startsWith('</', at)) {
        const close = /^<\/([^>\s]+)\s*>/.exec(source.slice(at)) ?? fail('malformed end tag')
        if (close[1] !== node.name) fail(`</${close[1]}> closes <${node.name}>`)
        at += close[0].length
        return node
      }
      if (source.startsWith('<!--', at)) skipMisc()
      else node.children.push(element())
    }
  }
  skipMisc()
  const root = element()
  skipMisc()
  if (at !== source.length) fail('content after the root element')
  return root
}

export const childrenNamed = (parent: XmlElement, name: string) =>
  parent.children.filter((child) => child.name === name)
