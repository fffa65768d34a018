/**
 * One-off generator for the Teams app icons: `npx tsx manifests/tools/make-icons.ts`.
 * Writes manifests/color.png (192×192, white rings on a calm blue square) and manifests/outline.png
 * (32×32, white rings on transparent). The motif is two overlapping circles: "samverkan", two parties
 * working together. The PNGs are committed; this script is only needed to change them.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { encodePng, type RgbaImage } from './png';

/** Same value as `accentColor` in manifest.template.json. */
const ACCENT_RGB: Rgb = [0x2f, 0x6b, 0xa8];
const LENS_RGB: Rgb = [0xa8, 0xc8, 0xe8];
const WHITE: Rgb = [0xff, 0xff, 0xff];

type Rgb = [number, number, number];
/** A colour with coverage, or undefined for nothing (transparent). */
type Paint = (x: number, y: number) => Rgb | undefined;

interface Rings {
  /** Centre of the left ring; the right one is mirrored around the image centre. */
  cx: number;
  cy: number;
  radius: number;
  stroke: number;
}

function ringsPaint({ cx, cy, radius, stroke }: Rings, size: number, fill: { background?: Rgb; lens?: Rgb }): Paint {
  const cx2 = size - cx;
  return (x, y) => {
    const d1 = Math.hypot(x - cx, y - cy);
    const d2 = Math.hypot(x - cx2, y - cy);
    if (Math.abs(d1 - radius) <= stroke / 2 || Math.abs(d2 - radius) <= stroke / 2) return WHITE;
    if (fill.lens && d1 < radius && d2 < radius) return fill.lens;
    return fill.background;
  };
}

/** Renders with 4×4 supersampling; colours are averaged over covered samples, alpha is the coverage. */
function render(size: number, paint: Paint): RgbaImage {
  const n = 4;
  const rgba = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const sum = [0, 0, 0];
      let covered = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const c = paint(x + (sx + 0.5) / n, y + (sy + 0.5) / n);
          if (!c) continue;
          covered++;
          c.forEach((v, k) => (sum[k]! += v));
        }
      }
      const alpha = Math.round((covered / (n * n)) * 255);
      // Transparent pixels stay white (RGB) so that the outline icon holds no other colour at all.
      const rgb = covered === 0 ? WHITE : sum.map((v) => Math.round(v / covered));
      rgba.set([...rgb, alpha], (y * size + x) * 4);
    }
  }
  return { width: size, height: size, rgba };
}

export function makeColorIcon(): RgbaImage {
  return render(192, ringsPaint({ cx: 76, cy: 96, radius: 32, stroke: 10 }, 192, { background: ACCENT_RGB, lens: LENS_RGB }));
}

export function makeOutlineIcon(): RgbaImage {
  return render(32, ringsPaint({ cx: 11.5, cy: 16, radius: 8.5, stroke: 2.25 }, 32, {}));
}

function main(): void {
  const dir = path.resolve(__dirname, '..');
  for (const [file, image] of [
    ['color.png', makeColorIcon()],
    ['outline.png', makeOutlineIcon()],
  ] as const) {
    writeFileSync(path.join(dir, file), encodePng(image));
    console.log(`wrote ${path.join(dir, file)} (${image.width}×${image.height})`);
  }
}

if (require.main === module) main();
