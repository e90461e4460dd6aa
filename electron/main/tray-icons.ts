/**
 * The tray's two icons, drawn in code (no image files to bundle or lose): a grey ring when idle, and a green disc in
 * the ring while a grant is live, so a glance at the tray says "a port is open". Grey and green read on light and dark
 * panels alike. Pixels are BGRA, as `nativeImage.createFromBitmap` takes them; edges are anti-aliased by coverage.
 */
import type { NativeImage, nativeImage as NativeImageModule } from 'electron';

/** Which icon. */
export type TrayIconKind = 'idle' | 'live';

const RING = { b: 0x80, g: 0x80, r: 0x80 };
const LIVE = { b: 0x44, g: 0x9e, r: 0x2e };

/** The icon's pixels: `size`×`size`, BGRA, premultiplied-free (straight alpha). */
export function trayIconBitmap(kind: TrayIconKind, size: number): Buffer {
  const px = Buffer.alloc(size * size * 4);
  const c = size / 2;
  const outer = size / 2 - 0.5;
  const ring = Math.max(1.5, size / 10);
  const disc = outer - ring - size / 16;
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const d = Math.hypot(x + 0.5 - c, y + 0.5 - c);
      // Coverage in [0, 1] of the ring (outer edge minus inner edge) and of the disc, one pixel of soft edge each.
      const clamp = (v: number) => Math.min(1, Math.max(0, v));
      const inRing = clamp(outer - d + 0.5) * clamp(d - (outer - ring) + 0.5);
      const inDisc = kind === 'live' ? clamp(disc - d + 0.5) : 0;
      const colour = inDisc > 0 ? LIVE : RING;
      const a = Math.max(inRing, inDisc);
      const i = (y * size + x) * 4;
      px[i] = colour.b;
      px[i + 1] = colour.g;
      px[i + 2] = colour.r;
      px[i + 3] = Math.round(a * 255);
    }
  return px;
}

/** Both icons as NativeImages, at 32 px for a scale factor of 2 (crisp on HiDPI trays, 16 pt elsewhere). */
export function trayIcons(
  images: Pick<typeof NativeImageModule, 'createFromBitmap'>,
): Record<TrayIconKind, NativeImage> {
  const make = (kind: TrayIconKind) =>
    images.createFromBitmap(trayIconBitmap(kind, 32), { width: 32, height: 32, scaleFactor: 2 });
  return { idle: make('idle'), live: make('live') };
}
