/// <reference lib="dom" />
// The picture of a step's structure: classic buckets (the main array, then overflow) or Swiss
// tables, as bars whose filled part is the entries they hold. The simulation keeps counts, not
// which slot holds which key, so a bar's fill is an average over what it stands for — the
// caption says so, and gives the exact counts.
import type { ClassicStructure, SwissStructure } from '../../../server/src/sim';

export interface Colours { fill: string; empty: string; extra: string; tomb: string; text: string }

interface Bar { capacity: number; used: number; tombstones: number; extra?: boolean }

/** At most this many bars: more would be thinner than a pixel on a narrow panel. */
const MAX_BARS = 256;

const num = (n: number) => Math.round(n).toLocaleString('en-US');

/** Bars for a classic map: its 2^B buckets in groups of `per`, then the overflow buckets in use. */
function classicBars(s: ClassicStructure): { bars: Bar[]; caption: string } {
  // Buckets come in powers of two: so does what a bar stands for.
  const per = 2 ** Math.max(0, Math.ceil(Math.log2(s.buckets / (MAX_BARS - 16))));
  const groups = Math.max(1, Math.ceil(s.buckets / per));
  // The main array's slots; the overflow buckets hold the rest of the entries.
  const slots = 8 * (s.buckets + s.overflow);
  const load = slots ? s.count / slots : 0;
  const bars: Bar[] = [];
  for (let i = 0; i < groups; i++) bars.push({ capacity: 8 * per, used: 8 * per * load, tombstones: 0 });
  const over = Math.min(16, Math.ceil(s.overflow / per));
  for (let i = 0; i < over; i++) bars.push({ capacity: 8 * per, used: 8 * per * load, tombstones: 0, extra: true });
  const unit = per === 1 ? 'Each bar is one bucket' : `Each bar stands for ${num(per)} buckets`;
  const grow = s.oldbuckets ? `; growing: ${num(s.oldbuckets)} old buckets, ${num(s.nevacuate)} evacuated` : '';
  const caption = `${num(s.count)} entries in 2^${s.B} = ${num(s.buckets)} buckets of 8 slots, ${num(s.prealloc)} preallocated overflow buckets, ` +
    `${num(s.overflow)} overflow in use (right, other colour)${grow}. ${unit}; fill = average load ${(100 * load).toFixed(1)} %.`;
  return { bars, caption };
}

/** Bars for a Swiss map: one per table in directory order (height = capacity), or the small map's one group. */
function swissBars(s: SwissStructure): { bars: Bar[]; caption: string } {
  if (s.small) {
    return { bars: [{ capacity: 8, used: s.count, tombstones: 0 }], caption: `${num(s.count)} entries in a small map: one group of 8 slots, no table.` };
  }
  const per = Math.max(1, Math.ceil(s.tables.length / MAX_BARS));
  const bars: Bar[] = [];
  for (let i = 0; i < s.tables.length; i += per) {
    const ts = s.tables.slice(i, i + per);
    bars.push({
      capacity: ts.reduce((a, t) => a + t.capacity, 0) / ts.length,
      used: ts.reduce((a, t) => a + t.used, 0) / ts.length,
      tombstones: ts.reduce((a, t) => a + t.tombstones, 0) / ts.length,
    });
  }
  const slots = s.tables.reduce((a, t) => a + t.capacity, 0);
  const tomb = s.tables.reduce((a, t) => a + t.tombstones, 0);
  const unit = per === 1 ? 'Each bar is one table' : `Each bar is the average of ${num(per)} tables`;
  const caption = `${num(s.count)} entries in ${num(s.tables.length)} tables (${num(slots)} slots, groups of 8), directory of ${num(s.dirLen)} ` +
    `(global depth ${s.globalDepth})${tomb ? `, ${num(tomb)} tombstones (other colour)` : ''}. ${unit}; height = capacity, fill = slots used.`;
  return { bars, caption };
}

export function occupancyCaption(s: ClassicStructure | SwissStructure | undefined): string {
  if (!s) return 'Dropped (m = nil): nothing left once the GC runs.';
  return (s.runtime === 'classic' ? classicBars(s) : swissBars(s)).caption;
}

/** Draws the structure on the canvas (sized to its CSS box) and returns the caption. */
export function drawOccupancy(canvas: HTMLCanvasElement, s: ClassicStructure | SwissStructure | undefined, c: Colours): string {
  const ratio = globalThis.devicePixelRatio || 1;
  const w = Math.max(1, Math.round(canvas.clientWidth * ratio)), h = Math.max(1, Math.round(canvas.clientHeight * ratio));
  canvas.width = w;
  canvas.height = h;
  const g = canvas.getContext('2d');
  if (!g) return occupancyCaption(s);
  g.clearRect(0, 0, w, h);
  if (!s) {
    g.fillStyle = c.text;
    g.font = `${12 * ratio}px sans-serif`;
    g.fillText('dropped: no storage', 8 * ratio, h / 2);
    return occupancyCaption(s);
  }
  const { bars, caption } = s.runtime === 'classic' ? classicBars(s) : swissBars(s);
  const maxCap = Math.max(...bars.map((b) => b.capacity), 1);
  const pad = 4 * ratio;
  const slot = (w - 2 * pad) / bars.length;
  const gap = slot > 4 * ratio ? Math.min(2 * ratio, slot / 4) : 0;
  const full = h - 2 * pad;
  bars.forEach((b, i) => {
    const x = pad + i * slot, bw = Math.max(1, slot - gap);
    const bh = full * (b.capacity / maxCap);
    const y0 = h - pad;
    // Overflow buckets show in their colour even when empty (faint), the main array in grey.
    g.fillStyle = b.extra ? c.extra : c.empty;
    g.globalAlpha = b.extra ? 0.3 : 1;
    g.fillRect(x, y0 - bh, bw, bh);
    g.globalAlpha = 1;
    const uh = bh * Math.min(1, b.used / b.capacity);
    g.fillStyle = b.extra ? c.extra : c.fill;
    g.fillRect(x, y0 - uh, bw, uh);
    if (b.tombstones) {
      const th = bh * Math.min(1, b.tombstones / b.capacity);
      g.fillStyle = c.tomb;
      g.fillRect(x, y0 - uh - th, bw, th);
    }
  });
  return caption;
}
