/** Seed names the simulator accepts: `demo`, `empty`, `scale:<vms>:<subs>`. */
import { Estate } from '../model/estate';
import { demoEstate } from './demo';
import { scaleEstate } from './scale';

/** Builds the estate a seed name describes; throws with the accepted forms otherwise. */
export function buildSeed(seed: string): Estate {
  if (seed === 'demo') return demoEstate();
  if (seed === 'empty') {
    const e = new Estate();
    e.seed = 'empty';
    return e;
  }
  const m = seed.match(/^scale:(\d+):(\d+)$/);
  if (m) return scaleEstate(Number(m[1]), Number(m[2]));
  throw new Error(`unknown seed '${seed}': use demo, empty or scale:<vms>:<subs> (e.g. scale:5000:20)`);
}
