/**
 * A user who dropped out is found again. Outreach reaches a disengaged user in three ways:
 * case-finding by link persons (their referral reaches users who no longer ask), a coordinator
 * (Model II's `reachesOut`), and, if `spellEndings.crisisFindsDisengaged`, a crisis, which brings
 * the user into contact with emergency services or the GP. The user engages again: the setbacks
 * are forgiven, needs nobody holds because the user had dropped out are referred again, and latent
 * needs can be self-referred again. Domain brief §5 ("outreach finds the user again"); Florell 2022
 * (no-shows lead to exclusion; outreach and crises in ROP work). Crises as a way back are an
 * assumption. docs/model.md §3 and §5.
 */
import { SPELL_ENDINGS } from './spellReasons.js';
import { NS, type Ports, type User, type World } from './world.js';

export function reengagement(w: World, p: Ports): Pick<Ports, 'reengage'> {
  const { sim, rec, trace } = w;

  const reengage = (u: User) => {
    if (!u.disengaged || u.gone) return;
    u.disengaged = false;
    u.setbacks = 0;
    trace.add(sim.now, u.id, 'reengaged');
    const e = rec.spellEndings;
    e.time.push(sim.now);
    e.user.push(u.id);
    e.kind.push(SPELL_ENDINGS.indexOf('reengaged'));
    for (const n of u.needs) {
      if (n.state === NS.Latent) p.scheduleReferralCheck(u, n);
      else if (n.state === NS.Unowned && n.route !== null && !sim.isPending(n.handle)) {
        // Held only by the dropping out: nobody was going to send it again. It is sent now.
        p.clearUnowned(u, n);
        p.enterSystem(u, n);
      } else if (n.state === NS.Unowned) p.keepSpell(n.spellRow, n.unownedWhy);
    }
  };

  return { reengage };
}
