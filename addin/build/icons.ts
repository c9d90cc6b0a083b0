/**
 * The ribbon and add-in icons, drawn as PNGs at build time (no image files in the repository):
 * flat shapes on a rounded tile, anti-aliased by supersampling, encoded with node:zlib.
 */
import { deflateSync } from 'node:zlib';

type Rgba = readonly [number, number, number, number];
/** A shape in unit coordinates (0..1 across the icon): whether a point lies inside. */
type Shape = (x: number, y: number) => boolean;
interface Layer {
  shape: Shape;
  color: Rgba;
}

const EXCEL_GREEN: Rgba = [33, 115, 70, 255];
const BRAND_BLUE: Rgba = [47, 85, 151, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const PALE: Rgba = [220, 235, 226, 255];

const roundedRect =
  (x0: number, y0: number, x1: number, y1: number, r: number): Shape =>
  (x, y) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const cx = Math.min(Math.max(x, x0 + r), x1 - r);
    const cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };

const rect = (x0: number, y0: number, x1: number, y1: number): Shape => roundedRect(x0, y0, x1, y1, 0);

/** A thick polyline (a tick, a stroke). */
const stroke =
  (points: readonly [number, number][], width: number): Shape =>
  (x, y) =>
    points.slice(1).some(([x1, y1], i) => {
      const [x0, y0] = points[i]!;
      const dx = x1 - x0;
      const dy = y1 - y0;
      const t = Math.max(0, Math.min(1, ((x - x0) * dx + (y - y0) * dy) / (dx * dx + dy * dy)));
      return (x - x0 - t * dx) ** 2 + (y - y0 - t * dy) ** 2 <= (width / 2) ** 2;
    });

const tile = (color: Rgba): Layer => ({ shape: roundedRect(0.04, 0.04, 0.96, 0.96, 0.16), color });

const bars: Layer[] = [
  { shape: rect(0.22, 0.56, 0.34, 0.8), color: WHITE },
  { shape: rect(0.44, 0.42, 0.56, 0.8), color: WHITE },
  { shape: rect(0.66, 0.24, 0.78, 0.8), color: WHITE },
];

/** The drawings, by the names the manifest uses. */
export const ICONS: Record<string, readonly Layer[]> = {
  // The add-in: a rising bar chart on Excel green.
  icon: [tile(EXCEL_GREEN), ...bars],
  // 计算考核: bars with a baseline, on the brand blue.
  compute: [tile(BRAND_BLUE), ...bars, { shape: rect(0.16, 0.8, 0.84, 0.85), color: WHITE }],
  // 校验: a tick on green.
  validate: [tile(EXCEL_GREEN), { shape: stroke([[0.24, 0.52], [0.43, 0.7], [0.77, 0.3]], 0.12), color: WHITE }],
  // 打开面板: a window with its side pane.
  pane: [
    tile(BRAND_BLUE),
    { shape: roundedRect(0.18, 0.22, 0.82, 0.78, 0.04), color: WHITE },
    { shape: rect(0.56, 0.3, 0.75, 0.7), color: BRAND_BLUE },
    { shape: rect(0.25, 0.3, 0.5, 0.36), color: PALE },
  ],
};

const SAMPLES = 4;

/** RGBA pixels of a drawing at `size`×`size`, each pixel averaged over SAMPLES² points. */
function raster(layers: readonly Layer[], size: number): Uint8Array {
  const pixels = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const x = (px + (sx + 0.5) / SAMPLES) / size;
          const y = (py + (sy + 0.5) / SAMPLES) / size;
          const top = [...layers].reverse().find((l) => l.shape(x, y));
          if (!top) continue;
          // Premultiplied, so that edges blend towards transparency rather than black.
          const alpha = top.color[3] / 255;
          for (let c = 0; c < 3; c++) sum[c]! += top.color[c]! * alpha;
          sum[3]! += top.color[3];
        }
      }
      const n = SAMPLES * SAMPLES;
      const a = sum[3]! / n;
      const offset = (py * size + px) * 4;
      for (let c = 0; c < 3; c++) pixels[offset + c] = a === 0 ? 0 : Math.round(sum[c]! / n / (a / 255));
      pixels[offset + 3] = Math.round(a);
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A PNG (8-bit RGBA) of the named icon at `size` pixels. */
export function iconPng(name: string, size: number): Buffer {
  const layers = ICONS[name];
  if (!layers) throw new Error(`unknown icon ${name}`);
  const pixels = raster(layers, size);
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    // Filter type 0 (none) at the start of every scanline.
    rows[y * (size * 4 + 1)] = 0;
    Buffer.from(pixels.buffer, y * size * 4, size * 4).copy(rows, y * (size * 4 + 1) + 1);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(6, 9); // RGBA
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', new Uint8Array())]);
}
