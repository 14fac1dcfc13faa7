/**
 * The designs by name: a scenario's `design.kind` picks one. A new design is one new file here,
 * plus its schema section, and a line below.
 */
import type { MunicipalitySpec } from '../../../scenario/schema.js';
import type { Design } from './design.js';
import { pathwayDesign } from './pathway.js';
import { relayDesign } from './relay.js';
import { teamDesign } from './team.js';

export function designFor(spec: MunicipalitySpec): Design {
  const d = spec.design;
  switch (d.kind) {
    case 'relay':
      return relayDesign(spec);
    case 'team':
      return teamDesign(spec, d.team);
    case 'pathway':
      return pathwayDesign(spec, d);
  }
}
