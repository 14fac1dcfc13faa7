/**
 * Needs lapse: a need that nobody works on (no service owns it, or it was turned down at its
 * first leg and the user has not applied again yet) does not wait for ever. After an exponential
 * time with mean `spellEndings.lapseAfterDays` it is met elsewhere (ordinary services, collective
 * measures, family or voluntary help) or the user stops asking, whichever comes first: the need
 * closes without a gain. Domain brief §5 ("the need lapses or is met elsewhere"); Vabø 2019 (those
 * the savings cap turns away get ordinary home care, prevention through collective measures).
 * The rate is an assumption. docs/model.md §5.
 */
import { exponential } from '../../engine/distributions.js';
import type { Handler } from '../../engine/scheduler.js';
import { SPELL_ENDINGS, type SpellEnding } from './spellReasons.js';
import { NS, type Need, type Ports, type User, type World } from './world.js';

export function lapse(w: World, p: Ports): Pick<Ports, 'startLapse' | 'stopLapse' | 'closeUnserved'> & { onLapse: Handler } {
  const { sim, spec, rec, trace, users } = w;
  const rEndings = w.streams.spellEndings;
  const mean = spec.spellEndings.lapseAfterDays;

  /** Nobody works on the need from now: its lapse clock starts (memoryless, so one clock per stretch). */
  const startLapse = (u: User, n: Need) => {
    if (mean === null || sim.isPending(n.lapseHandle)) return;
    n.lapseHandle = sim.schedule(exponential(rEndings, mean), w.ev.lapse, u.id, n.index);
  };

  /** Someone works on the need again: no lapse. */
  const stopLapse = (n: Need) => {
    sim.cancel(n.lapseHandle);
    n.lapseHandle = -1;
  };

  /** The need ends without a service (it lapsed, or the leadership had it met across mandates). */
  const closeUnserved = (u: User, n: Need, how: SpellEnding) => {
    sim.cancel(n.handle);
    sim.cancel(n.checkHandle);
    n.handle = -1;
    n.checkHandle = -1;
    if (n.state === NS.Unowned) p.clearUnowned(u, n);
    stopLapse(n);
    n.state = NS.Closed;
    n.at = -1;
    n.turnedDown = false;
    n.closedAt = sim.now;
    n.episodeReferral = NaN;
    const e = rec.spellEndings;
    e.time.push(sim.now);
    e.user.push(u.id);
    e.kind.push(SPELL_ENDINGS.indexOf(how));
    trace.add(sim.now, u.id, 'needLapsed', -1, n.index, SPELL_ENDINGS.indexOf(how));
    // Every need closed: the user leaves the books as any user with nothing open does.
    p.maybeRecover(u);
  };

  const onLapse: Handler = (uid, ni) => {
    const u = users[uid];
    // Not cancelled when the user leaves; a lean run may have released the needs by now.
    if (u.gone) return;
    const n = u.needs[ni];
    n.lapseHandle = -1;
    if (n.state === NS.Unowned || (n.state === NS.Latent && n.turnedDown)) closeUnserved(u, n, 'lapsed');
  };

  return { startLapse, stopLapse, closeUnserved, onLapse };
}
