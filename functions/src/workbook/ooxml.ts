/**
 * Small text-level helpers for the XML parts of an .xlsx package: attributes, entities, child
 * elements and relationship targets. Parts are edited as text so that everything the helpers
 * do not touch stays byte for byte. Browser-safe (no node: imports).
 */

/** Namespace of the transitional SpreadsheetML parts. */
export const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
/** Namespace of relationship ids (`r:id`) inside parts. */
export const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export const WORKSHEET_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
export const WORKSHEET_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet';
export const STYLES_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML text with its entities resolved. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, name: string) => {
      if (name[0] === '#') {
        const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
      }
      return ENTITIES[name] ?? whole;
    });
}

/** Cell text with its entities and OOXML's `_xHHHH_` escapes resolved. */
export function decodeXml(text: string): string {
  return decodeEntities(text).replace(/_x([0-9a-fA-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Text escaped for an attribute value or element content. */
export const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The attributes of an opening tag (the text between the name and `>`), names with their prefixes. */
export function attributes(tag: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) found.set(m[1]!, decodeEntities(m[2] ?? m[3] ?? ''));
  return found;
}

/** The value of an attribute given by local name, whatever its prefix (`r:id`, `id`). */
export function attributeByLocalName(attrs: Map<string, string>, local: string): string | undefined {
  for (const [name, value] of attrs) if (name === local || name.endsWith(`:${local}`)) return value;
  return undefined;
}

/** Sets (or adds) one attribute in an opening tag such as `<sheets count="2">`. */
export function setAttribute(openTag: string, name: string, value: string): string {
  const pattern = new RegExp(`(\\s${name.replace(/[.:]/g, '\\$&')}\\s*=\\s*)("[^"]*"|'[^']*')`);
  if (pattern.test(openTag)) return openTag.replace(pattern, `$1"${escapeXml(value)}"`);
  return openTag.replace(/\s*(\/?>)$/, ` ${name}="${escapeXml(value)}"$1`);
}

/** One element found in a part: where it sits, its opening tag and its content. */
export interface Element {
  start: number;
  end: number;
  /** The opening tag, `<x:sheets count="2">` (the whole element when self-closing). */
  open: string;
  /** The content between the tags; null when self-closing. */
  inner: string | null;
  /** Where the content starts (for a self-closing element: where the element ends). */
  innerStart: number;
}

/** Pattern of an element by local name with any prefix; group 1 is the prefix, 2 the attributes, 3 a `/`. */
const openPattern = (local: string): RegExp => new RegExp(`<([\\w.-]+:)?${local}(?=[\\s/>])([^>]*?)(/?)>`, 'g');

/**
 * Every element of the given local name from `from` on, with its content. Elements of that name
 * must not nest (true of every element these helpers are used on).
 */
export function elements(xml: string, local: string, from = 0, to = xml.length): Element[] {
  const found: Element[] = [];
  const pattern = openPattern(local);
  pattern.lastIndex = from;
  for (let m = pattern.exec(xml); m && m.index < to; m = pattern.exec(xml)) {
    const innerStart = m.index + m[0].length;
    if (m[3] === '/') {
      found.push({ start: m.index, end: innerStart, open: m[0], inner: null, innerStart });
      continue;
    }
    const close = `</${m[1] ?? ''}${local}>`;
    const closeAt = xml.indexOf(close, innerStart);
    if (closeAt < 0) throw new Error(`unclosed <${local}>`);
    found.push({ start: m.index, end: closeAt + close.length, open: m[0], inner: xml.slice(innerStart, closeAt), innerStart });
    pattern.lastIndex = closeAt + close.length;
  }
  return found;
}

/** The first element of that local name, or null. */
export function element(xml: string, local: string, from = 0): Element | null {
  const pattern = openPattern(local);
  pattern.lastIndex = from;
  const m = pattern.exec(xml);
  if (!m) return null;
  return elements(xml, local, m.index, m.index + 1)[0] ?? null;
}

/** The text of every `<t>` of a string item (`<si>`, `<is>`), leaving out phonetic runs (`<rPh>`). */
export function stringItemText(inner: string): string {
  const body = inner.replace(/<([\w.-]+:)?rPh\b[\s\S]*?<\/([\w.-]+:)?rPh>/g, '');
  return elements(body, 't')
    .map((t) => decodeXml(t.inner ?? ''))
    .join('');
}

/** The folder of a part, `xl/` for `xl/workbook.xml`. */
export const partFolder = (part: string): string => part.slice(0, part.lastIndexOf('/') + 1);

/** The relationships part of a part: `xl/_rels/workbook.xml.rels`. */
export const relsPartOf = (part: string): string => `${partFolder(part)}_rels/${part.slice(part.lastIndexOf('/') + 1)}.rels`;

/** A relationship target as a package part name without the leading slash (absolute or relative targets). */
export function resolveTarget(sourcePart: string, target: string): string {
  const path = target.startsWith('/') ? target.slice(1) : partFolder(sourcePart) + target;
  const parts: string[] = [];
  for (const segment of decodeURIComponent(path).split('/')) {
    if (segment === '..') parts.pop();
    else if (segment !== '.' && segment !== '') parts.push(segment);
  }
  return parts.join('/');
}

/** One `<Relationship>` of a relationships part. */
export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
  element: Element;
}

/** The relationships of a `.rels` part. */
export function relationships(relsXml: string): Relationship[] {
  return elements(relsXml, 'Relationship').map((e) => {
    const attrs = attributes(e.open);
    return {
      id: attrs.get('Id') ?? '',
      type: attrs.get('Type') ?? '',
      target: attrs.get('Target') ?? '',
      external: attrs.get('TargetMode') === 'External',
      element: e,
    };
  });
}
