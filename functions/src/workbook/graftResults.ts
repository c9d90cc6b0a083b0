/**
 * The result copy of SPEC §8, made at the package level: the input file's parts are kept byte
 * for byte; the result sheets, rendered with ExcelJS (writeResults.ts), are grafted in as new
 * worksheet parts (strings inline, styles appended to the input's styles with their indices
 * remapped) and listed in the workbook, its relationships and the content types, with their
 * print titles as defined names. Result sheets of an earlier run with the same names are
 * replaced, and only those. Result sheets go after every other sheet, so no existing sheet's
 * index (`localSheetId`) moves but for the earlier result sheets taken out. Browser-safe: the
 * CLI and the browser mode share it.
 */
import JSZip from 'jszip';
import type { AssessmentResult } from '../domain/types.js';
import {
  attributeByLocalName,
  attributes,
  element,
  type Element,
  elements,
  escapeXml,
  partFolder,
  REL_NS,
  relationships,
  relsPartOf,
  resolveTarget,
  setAttribute,
  STYLES_REL,
  WORKSHEET_REL,
  WORKSHEET_TYPE,
} from './ooxml.js';
import { openPackage } from './openPackage.js';
import { writeResultSheets } from './writeResults.js';

const STYLES_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml';
/** First id of a custom number format. */
const FIRST_CUSTOM_FORMAT = 164;

/** A text edit of one part: replace `[start, end)` with `text`. */
interface Edit {
  start: number;
  end: number;
  text: string;
}

/** Applies non-overlapping edits (insertions are edits with start = end). */
function applyEdits(xml: string, edits: readonly Edit[]): string {
  let out = xml;
  for (const e of [...edits].sort((a, b) => b.start - a.start || b.end - a.end)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** Where the content of an element ends (just before its closing tag). */
const innerEnd = (e: Element): number => e.innerStart + (e.inner ?? '').length;

/** The prefix (`x:` or '') the part's root element uses for the main namespace. */
function mainPrefix(xml: string, root: string): string {
  return new RegExp(`<([\\w.-]+:)?${root}[\\s>]`).exec(xml)?.[1] ?? '';
}

/** Tags of a fragment written without prefix, given the target part's prefix. */
const withPrefix = (fragment: string, prefix: string): string => (prefix ? fragment.replace(/<(\/?)([A-Za-z])/g, `<$1${prefix}$2`) : fragment);

async function text(zip: JSZip, part: string): Promise<string | null> {
  return (await zip.file(part)?.async('string')) ?? null;
}

/** The result sheets rendered by ExcelJS into a package of their own. */
interface Rendered {
  sheets: { name: string; xml: string }[];
  /** Print titles and areas: name, sheet index among the rendered sheets, formula. */
  names: { name: string; sheet: number; formula: string }[];
  styles: string;
  /** The content of each shared string item (`<si>`), to be written inline. */
  strings: string[];
}

async function render(result: AssessmentResult): Promise<Rendered> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  writeResultSheets(workbook, result);
  const zip = await JSZip.loadAsync(await workbook.xlsx.writeBuffer());
  const workbookXml = (await text(zip, 'xl/workbook.xml')) ?? '';
  const rels = relationships((await text(zip, 'xl/_rels/workbook.xml.rels')) ?? '');
  if (Object.keys(zip.files).some((name) => name.startsWith('xl/worksheets/_rels/'))) {
    throw new Error('result sheets with relationships cannot be grafted');
  }
  const sheets: Rendered['sheets'] = [];
  for (const sheet of elements(workbookXml, 'sheet')) {
    const attrs = attributes(sheet.open);
    const rel = rels.find((r) => r.id === attributeByLocalName(attrs, 'id'))!;
    sheets.push({ name: attrs.get('name') ?? '', xml: (await text(zip, resolveTarget('xl/workbook.xml', rel.target))) ?? '' });
  }
  const names = elements(workbookXml, 'definedName').map((d) => {
    const attrs = attributes(d.open);
    return { name: attrs.get('name') ?? '', sheet: Number(attrs.get('localSheetId')), formula: d.inner ?? '' };
  });
  const strings = elements((await text(zip, 'xl/sharedStrings.xml')) ?? '', 'si').map((si) => si.inner ?? '');
  return { sheets, names, styles: (await text(zip, 'xl/styles.xml')) ?? '', strings };
}

/** The style sections in the order the schema wants them. */
const STYLE_SECTIONS = ['numFmts', 'fonts', 'fills', 'borders', 'cellStyleXfs', 'cellXfs', 'cellStyles', 'dxfs', 'tableStyles', 'colors', 'extLst'];

/**
 * Adds items to a section of styles.xml (creating it where the schema puts it) and sets its count.
 * An item the section already holds, character for character, is reused: a rerun adds no styles.
 * @returns the new part and the index of each item
 */
function appendToSection(xml: string, section: string, child: string, items: readonly string[]): { xml: string; indices: number[] } {
  const prefix = mainPrefix(xml, 'styleSheet');
  const found = element(xml, section);
  const existing = found?.inner ? elements(found.inner, child).map((e) => found.inner!.slice(e.start, e.end)) : [];
  const at = new Map<string, number>();
  existing.forEach((item, index) => at.set(item, at.get(item) ?? index));
  const added: string[] = [];
  const indices = items.map((item) => {
    const text = withPrefix(item, prefix);
    let index = at.get(text);
    if (index === undefined) {
      index = existing.length + added.length;
      at.set(text, index);
      added.push(text);
    }
    return index;
  });
  if (added.length === 0) return { xml, indices };
  const count = String(existing.length + added.length);
  if (found && found.inner !== null) {
    const open = setAttribute(found.open, 'count', count);
    const edits = [
      { start: found.start, end: found.start + found.open.length, text: open },
      { start: innerEnd(found), end: innerEnd(found), text: added.join('') },
    ];
    return { xml: applyEdits(xml, edits), indices };
  }
  const created = `<${prefix}${section} count="${count}">${added.join('')}</${prefix}${section}>`;
  if (found) return { xml: applyEdits(xml, [{ start: found.start, end: found.end, text: created }]), indices };
  const later = STYLE_SECTIONS.slice(STYLE_SECTIONS.indexOf(section) + 1)
    .map((name) => element(xml, name))
    .find((e) => e !== null);
  const insertAt = later ? later.start : xml.lastIndexOf('</');
  return { xml: applyEdits(xml, [{ start: insertAt, end: insertAt, text: created }]), indices };
}

/** The child elements of a section of a styles part, as text. */
function sectionItems(xml: string, section: string, child: string): string[] {
  const found = element(xml, section);
  return found?.inner ? elements(found.inner, child).map((e) => found.inner!.slice(e.start, e.end)) : [];
}

/** Index maps from the rendered styles into the input's styles. */
interface StyleMap {
  xf(index: number): number;
  dxf(index: number): number;
}

/**
 * Appends the rendered styles to the input's styles part. The rendered defaults (font 0, fills
 * 0 and 1, border 0, cell format 0) map onto the input's own defaults, so that plain cells of
 * the result sheets look like plain cells of the workbook.
 */
function mergeStyles(target: string, rendered: string): { xml: string; map: StyleMap } {
  let xml = target;
  const formatIds = new Map<number, number>();
  const known = new Map<string, number>();
  let nextFormat = FIRST_CUSTOM_FORMAT;
  for (const f of elements(xml, 'numFmt')) {
    const attrs = attributes(f.open);
    const id = Number(attrs.get('numFmtId'));
    known.set(attrs.get('formatCode') ?? '', id);
    nextFormat = Math.max(nextFormat, id + 1);
  }
  const newFormats: string[] = [];
  for (const f of elements(rendered, 'numFmt')) {
    const attrs = attributes(f.open);
    const code = attrs.get('formatCode') ?? '';
    const id = known.get(code) ?? nextFormat++;
    if (!known.has(code)) {
      known.set(code, id);
      newFormats.push(`<numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`);
    }
    formatIds.set(Number(attrs.get('numFmtId')), id);
  }
  xml = appendToSection(xml, 'numFmts', 'numFmt', newFormats).xml;

  /** Adds a section's items but the first `shared` ones, which map onto the input's own. */
  const merge = (section: string, child: string, shared: number, items = sectionItems(rendered, section, child)): ((index: number) => number) => {
    const keep = sectionItems(xml, section, child).length >= shared ? shared : 0;
    const appended = appendToSection(xml, section, child, items.slice(keep));
    xml = appended.xml;
    return (index) => (index < keep ? index : appended.indices[index - keep]!);
  };
  const font = merge('fonts', 'font', 1);
  const fill = merge('fills', 'fill', 2);
  const border = merge('borders', 'border', 1);
  const cellXfs = sectionItems(rendered, 'cellXfs', 'xf').map((xf) =>
    xf.replace(/^<xf\b[^>]*?\/?>/, (open) => {
      const attrs = attributes(open);
      let out = open;
      const numFmt = Number(attrs.get('numFmtId') ?? 0);
      out = setAttribute(out, 'numFmtId', String(formatIds.get(numFmt) ?? numFmt));
      out = setAttribute(out, 'fontId', String(font(Number(attrs.get('fontId') ?? 0))));
      out = setAttribute(out, 'fillId', String(fill(Number(attrs.get('fillId') ?? 0))));
      out = setAttribute(out, 'borderId', String(border(Number(attrs.get('borderId') ?? 0))));
      return setAttribute(out, 'xfId', '0');
    }),
  );
  const xf = merge('cellXfs', 'xf', 1, cellXfs);
  const dxf = merge('dxfs', 'dxf', 0);
  return { xml, map: { xf, dxf } };
}

/** A rendered worksheet ready for the input package: styles remapped, strings inline, not selected. */
function adaptSheet(xml: string, map: StyleMap, strings: readonly string[]): string {
  return xml
    .replace(/(<(?:c|row)\s[^>]*?\bs=")(\d+)"/g, (_, head: string, s: string) => `${head}${map.xf(Number(s))}"`)
    .replace(/(<col\s[^>]*?\bstyle=")(\d+)"/g, (_, head: string, s: string) => `${head}${map.xf(Number(s))}"`)
    .replace(/(\bdxfId=")(\d+)"/g, (_, head: string, d: string) => `${head}${map.dxf(Number(d))}"`)
    .replace(/<c(\s[^>]*?)\st="s"([^>]*)><v>(\d+)<\/v><\/c>/g, (_, a: string, b: string, i: string) => `<c${a} t="inlineStr"${b}><is>${strings[Number(i)] ?? ''}</is></c>`)
    .replace(/\stabSelected="(1|true)"/g, '');
}

/** A name not yet taken among `taken` (compared case-insensitively, as part names are). */
function freeName(taken: Set<string>, make: (n: number) => string): string {
  for (let n = 1; ; n++) {
    const name = make(n);
    if (!taken.has(name.toLowerCase())) {
      taken.add(name.toLowerCase());
      return name;
    }
  }
}

/** Adds or removes overrides in [Content_Types].xml. */
function editContentTypes(xml: string, remove: ReadonlySet<string>, add: readonly { part: string; type: string }[]): string {
  const edits: Edit[] = elements(xml, 'Override')
    .filter((o) => remove.has((attributes(o.open).get('PartName') ?? '').replace(/^\//, '').toLowerCase()))
    .map((o) => ({ start: o.start, end: o.end, text: '' }));
  const close = xml.lastIndexOf('</');
  const prefix = mainPrefix(xml, 'Types');
  const added = add.map((a) => `<${prefix}Override PartName="/${escapeXml(a.part)}" ContentType="${a.type}"/>`).join('');
  return applyEdits(xml, [...edits, { start: close, end: close, text: added }]);
}

/** Adds or removes relationships in a .rels part (created when missing). */
function editRelationships(xml: string | null, remove: ReadonlySet<string>, add: readonly { id: string; type: string; target: string }[]): string {
  const base = xml ?? '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';
  const edits: Edit[] = relationships(base)
    .filter((r) => remove.has(r.id))
    .map((r) => ({ start: r.element.start, end: r.element.end, text: '' }));
  const close = base.lastIndexOf('</');
  const prefix = mainPrefix(base, 'Relationships');
  const added = add.map((r) => `<${prefix}Relationship Id="${r.id}" Type="${r.type}" Target="${escapeXml(r.target)}"/>`).join('');
  return applyEdits(base, [...edits, { start: close, end: close, text: added }]);
}

/**
 * The input workbook with the result sheets of `result` added (all six for an `ok` result, only
 * 校验问题 otherwise), replacing earlier ones of the same names. Every part of the input but the
 * workbook, its relationships, the content types and the styles comes back byte for byte.
 * @throws WorkbookFileError when the bytes are not a workbook
 */
export async function graftResultSheets(bytes: Uint8Array, result: AssessmentResult): Promise<Uint8Array> {
  const { zip, workbookPart } = await openPackage(bytes);
  const rendered = await render(result);
  const folder = partFolder(workbookPart);
  const relsPart = relsPartOf(workbookPart);
  let workbookXml = (await text(zip, workbookPart))!;
  const relsXml = await text(zip, relsPart);
  const rels = relationships(relsXml ?? '');
  const taken = new Set(Object.keys(zip.files).map((n) => n.toLowerCase()));

  // Earlier result sheets of the same names go, with their parts and their sheet-scoped names.
  const replaced = new Set(rendered.sheets.map((s) => s.name.toLowerCase()));
  const sheets = elements(workbookXml, 'sheet');
  const removedIndices: number[] = [];
  const removedRels = new Set<string>();
  const removedParts = new Set<string>();
  sheets.forEach((sheet, index) => {
    const attrs = attributes(sheet.open);
    if (!replaced.has((attrs.get('name') ?? '').toLowerCase())) return;
    removedIndices.push(index);
    const id = attributeByLocalName(attrs, 'id') ?? '';
    removedRels.add(id);
    const rel = rels.find((r) => r.id === id);
    if (rel && !rel.external) {
      const part = resolveTarget(workbookPart, rel.target);
      removedParts.add(part.toLowerCase());
      zip.remove(part);
      zip.remove(relsPartOf(part));
    }
  });
  const remaining = sheets.length - removedIndices.length;
  const shift = (index: number): number => index - removedIndices.filter((r) => r < index).length;

  // Styles: appended to the input's, or the rendered part itself when the input has none.
  const stylesRel = rels.find((r) => r.type === STYLES_REL && !r.external);
  const stylesPart = stylesRel ? resolveTarget(workbookPart, stylesRel.target) : null;
  const targetStyles = stylesPart ? await text(zip, stylesPart) : null;
  const newRels: { id: string; type: string; target: string }[] = [];
  const newTypes: { part: string; type: string }[] = [];
  const relIds = new Set(rels.map((r) => r.id.toLowerCase()));
  let map: StyleMap = { xf: (i) => i, dxf: (i) => i };
  if (stylesPart && targetStyles !== null) {
    const merged = mergeStyles(targetStyles, rendered.styles);
    map = merged.map;
    zip.file(stylesPart, merged.xml, { createFolders: false });
  } else {
    const part = freeName(taken, (n) => `${folder}styles${n === 1 ? '' : n}.xml`);
    zip.file(part, rendered.styles, { createFolders: false });
    newRels.push({ id: freeName(relIds, (n) => `rId${n}`), type: STYLES_REL, target: part.slice(folder.length) });
    newTypes.push({ part, type: STYLES_TYPE });
  }

  // The result sheets as new parts.
  const prefix = mainPrefix(workbookXml, 'workbook');
  // Only a prefix declared on the root is in scope for new elements (openpyxl declares `r` on each <sheet>).
  const root = new RegExp(`<([\\w.-]+:)?workbook[\\s>][^>]*>`).exec(workbookXml)?.[0] ?? '';
  const relPrefix = new RegExp(`xmlns:([\\w.-]+)="${REL_NS}"`).exec(root)?.[1];
  let sheetId = Math.max(0, ...sheets.map((s) => Number(attributes(s.open).get('sheetId')) || 0));
  const sheetElements = rendered.sheets.map((sheet) => {
    const part = freeName(taken, (n) => `${folder}worksheets/sheet${n}.xml`);
    zip.file(part, adaptSheet(sheet.xml, map, rendered.strings), { createFolders: false });
    const id = freeName(relIds, (n) => `rId${n}`);
    newRels.push({ id, type: WORKSHEET_REL, target: part.slice(folder.length) });
    newTypes.push({ part, type: WORKSHEET_TYPE });
    const relAttr = relPrefix ? `${relPrefix}:id="${id}"` : `xmlns:r="${REL_NS}" r:id="${id}"`;
    return `<${prefix}sheet name="${escapeXml(sheet.name)}" sheetId="${++sheetId}" ${relAttr}/>`;
  });

  // workbook.xml: sheets out and in, sheet-scoped names shifted, the window kept on a sheet that exists.
  const edits: Edit[] = removedIndices.map((i) => ({ start: sheets[i]!.start, end: sheets[i]!.end, text: '' }));
  const sheetsElement = element(workbookXml, 'sheets')!;
  edits.push({ start: innerEnd(sheetsElement), end: innerEnd(sheetsElement), text: sheetElements.join('') });
  const definedNames = element(workbookXml, 'definedNames');
  for (const name of definedNames?.inner ? elements(workbookXml, 'definedName', definedNames.innerStart, innerEnd(definedNames)) : []) {
    const local = attributes(name.open).get('localSheetId');
    if (local === undefined) continue;
    const index = Number(local);
    if (removedIndices.includes(index)) edits.push({ start: name.start, end: name.end, text: '' });
    else if (shift(index) !== index) edits.push({ start: name.start, end: name.start + name.open.length, text: setAttribute(name.open, 'localSheetId', String(shift(index))) });
  }
  const addedNames = rendered.names
    .map((n) => `<${prefix}definedName name="${escapeXml(n.name)}" localSheetId="${remaining + n.sheet}">${n.formula}</${prefix}definedName>`)
    .join('');
  if (definedNames?.inner != null) {
    edits.push({ start: innerEnd(definedNames), end: innerEnd(definedNames), text: addedNames });
  } else if (addedNames) {
    const after = element(workbookXml, 'externalReferences') ?? element(workbookXml, 'functionGroups') ?? sheetsElement;
    const block = `<${prefix}definedNames>${addedNames}</${prefix}definedNames>`;
    edits.push(definedNames ? { start: definedNames.start, end: definedNames.end, text: block } : { start: after.end, end: after.end, text: block });
  }
  const total = remaining + rendered.sheets.length;
  for (const view of elements(workbookXml, 'workbookView')) {
    let open = view.open;
    for (const key of ['activeTab', 'firstSheet']) {
      const value = attributes(open).get(key);
      if (value === undefined) continue;
      const moved = shift(Number(value));
      if (moved !== Number(value) || moved >= total) open = setAttribute(open, key, String(moved < total ? moved : 0));
    }
    if (open !== view.open) edits.push({ start: view.start, end: view.start + view.open.length, text: open });
  }
  workbookXml = applyEdits(workbookXml, edits);
  zip.file(workbookPart, workbookXml, { createFolders: false });
  zip.file(relsPart, editRelationships(relsXml, removedRels, newRels), { createFolders: false });
  const types = (await text(zip, '[Content_Types].xml'))!;
  zip.file('[Content_Types].xml', editContentTypes(types, removedParts, newTypes), { createFolders: false });
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}
