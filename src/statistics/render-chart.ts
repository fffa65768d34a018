import { CHART_FONT } from './chart-spec';

/** The font files the chart is drawn with, shipped in node_modules (no system fonts needed). */
const FONTS = ['@expo-google-fonts/inter/400Regular/Inter_400Regular.ttf', '@expo-google-fonts/inter/600SemiBold/Inter_600SemiBold.ttf'];

export interface RenderOptions {
  /** Largest PNG wanted, in bytes; a larger one is drawn again at 3/4, then 1/2 of the scale (default 60 000). */
  readonly maxBytes: number;
  /**
   * Pixels per chart unit tried first (default 1: the chart is 600-1000 units wide, more than a card
   * shows, and anti-aliased text at a fractional scale compresses to twice the bytes).
   */
  readonly scale: number;
}

export const DEFAULT_RENDER_OPTIONS: RenderOptions = { maxBytes: 60_000, scale: 1 };

/**
 * A Vega-Lite spec as SVG, drawn by Vega itself (headless: no browser, no canvas). Vega and
 * Vega-Lite are ES modules only, hence the dynamic imports (loaded on first use).
 */
export async function chartSvg(spec: Record<string, unknown>): Promise<string> {
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  // Warnings go nowhere: the spec is ours and tested; errors still throw.
  const logger = vega.logger(vega.Error);
  const compiled = vegaLite.compile(spec as never, { logger }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logger });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * The chart as a PNG: Vega draws the SVG, resvg (Rust, shipped prebuilt in its npm package) turns it
 * into pixels with the bundled font. The PNG goes into the card as a data: URI, so it is kept small:
 * above `maxBytes` it is drawn again at a smaller scale.
 */
export async function renderChartPng(spec: Record<string, unknown>, options: RenderOptions = DEFAULT_RENDER_OPTIONS): Promise<Buffer> {
  // Loaded on first use, like Vega: a bot that never draws a chart never loads the native renderer.
  const { Resvg } = await import('@resvg/resvg-js');
  const fontFiles = FONTS.map((f) => require.resolve(f));
  const svg = await chartSvg(spec);
  let png: Buffer | undefined;
  for (const scale of [options.scale, options.scale * 0.75, options.scale * 0.5]) {
    png = new Resvg(svg, {
      font: { loadSystemFonts: false, fontFiles, defaultFontFamily: CHART_FONT, sansSerifFamily: CHART_FONT },
      fitTo: { mode: 'zoom', value: scale },
    })
      .render()
      .asPng();
    if (png.length <= options.maxBytes) break;
  }
  return png!;
}
