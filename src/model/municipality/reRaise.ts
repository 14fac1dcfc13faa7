/**
 * Re-raising a grey-zone need: a need that no service's mandate covers has no route, so nothing
 * re-applies for it. Relatives (users with relatives, after an exponential time with mean
 * `spellEndings.reRaise.relativesAfterDays`) or the user's coordinator (at a contact, through the
 * `chaseDelay` hook), whichever comes first, raise it with the coordinating unit and the
 * municipality's leadership. With chance `directedProbability` the leadership uses its authority
 * and has the need met across mandates (an ad hoc arrangement, no service's queue): the spell ends.
 * Otherwise it is raised again later. Rorgemoen 2020 (coordinators "press from below", report
 * system barriers; no formal escalation path); Systad 2021 (owning a case needs decision
 * authority); Bjørkquist & Jerndahl Fineide 2019 (advocates even out the services' power; informal
 * cross-mandate help). The delay and the chance are assumptions. docs/model.md §5.
 */
import { bernoulli, exponential } from '../../engine/distributions.js';
import type { Handler } from '../../engine/scheduler.js';
import { SPELL_ENDINGS } from './spellReasons.js';
import { NS, type Need, type Ports, type User, type World } from './world.js';

export function reRaise(w: World, p: Ports): Pick<Ports, 'startReRaise'> & { onReRaise: Handler } {
  const { sim, spec, rec, trace, users } = w;
  const rEndings = w.streams.spellEndings;
  const rr = spec.spellEndings.reRaise;

  /** Someone will raise the grey-zone need: relatives, or the coordinator if sooner; nobody without either. */
  const startReRaise = (u: User, n: Need) => {
    // Relatives who are worn out (relatives.ts) no longer press for it.
    const relatives = u.relatives && p.relativesChase(u) ? exponential(rEndings, rr.relativesAfterDays) : Infinity;
    const d = p.followUp(u, relatives);
    if (Number.isFinite(d)) n.handle = sim.schedule(d, w.ev.reRaise, u.id, n.index);
  };

  const onReRaise: Handler = (uid, ni) => {
    const u = users[uid];
    if (u.gone) return; // a lean run may have released the needs
    const n = u.needs[ni];
    n.handle = -1;
    if (n.state !== NS.Unowned) return;
    const directed = bernoulli(rEndings, rr.directedProbability);
    const e = rec.spellEndings;
    e.time.push(sim.now);
    e.user.push(uid);
    e.kind.push(SPELL_ENDINGS.indexOf('reRaised'));
    trace.add(sim.now, uid, 'reRaised', -1, ni, directed ? 1 : 0);
    if (directed) p.closeUnserved(u, n, 'directed');
    else startReRaise(u, n);
  };

  return { startReRaise, onReRaise };
}
