/**
 * Compares the parts of two workbook packages: which parts of the input a result copy does not
 * hold byte for byte, leaving out those SPEC §8 lets change.
 */
import JSZip from 'jszip';

/** Parts a result copy may change (SPEC §8); xl/calcChain.xml may also be dropped. */
export const MAY_CHANGE = /^(\[Content_Types\]\.xml|xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|xl\/styles\.xml|docProps\/.*|xl\/sharedStrings\.xml|xl\/calcChain\.xml)$/;

/** The parts of `input` that `copy` lacks or holds with other bytes, but those that may change. */
export async function changedParts(input: Uint8Array, copy: Uint8Array): Promise<string[]> {
  const [before, after] = await Promise.all([JSZip.loadAsync(input), JSZip.loadAsync(copy)]);
  const changed: string[] = [];
  for (const [name, entry] of Object.entries(before.files)) {
    if (entry.dir || MAY_CHANGE.test(name)) continue;
    const kept = after.file(name);
    if (!kept || Buffer.compare(await entry.async('nodebuffer'), await kept.async('nodebuffer')) !== 0) changed.push(name);
  }
  return changed;
}

/** Names of the parts of a package. */
export async function partNames(bytes: Uint8Array): Promise<string[]> {
  return Object.values((await JSZip.loadAsync(bytes)).files)
    .filter((f) => !f.dir)
    .map((f) => f.name);
}
