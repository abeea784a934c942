import type { Role, Subject } from './roles.ts';

/** Actions that are allowed by role alone (marking checks come on top, in access.ts). */
export const ACTIONS = [
  'registry:read',
  'registry:write',
  'users:read',
  'users:write',
  'audit:read',
  'stream:read',
  'alerts:read',
  'alerts:write',
  'alerts:lower_marking',
  'alerts:import',
  'screening:run',
  'screening:decide',
  'screening:review',
  'screening:history',
  'hit_reports:read',
  'hit_reports:write',
  'hit_reports:answer',
  'federation:admin',
  'tokens:manage-own',
  'events:read',
  'events:report',
  'events:validate',
  'events:publish',
  'events:close',
  'events:triage',
  'events:attach',
  'seizures:write',
  'seizures:export',
  'warnings:read',
  'warnings:write',
  'warnings:import',
  'gauges:write',
  'gauges:report',
  'damage:write',
  'assessments:read',
  'assessments:override',
  'trade:read',
  'trade:write',
  'trade:analyse',
  'liaison:read',
  'liaison:write',
  'liaison:manage',
  'cooperation:read',
  'meetings:read',
  'meetings:write',
  'meetings:oversee',
  'actions:update',
  'operations:read',
  'operations:write',
  'operations:report',
  'trade:configure',
  'partners:read',
  'partners:write',
  'recommendations:write',
] as const;
export type Action = (typeof ACTIONS)[number];

const EVERY_ROLE: readonly Role[] = [
  'reporter', 'validator', 'analyst', 'liaison_officer', 'customs_officer', 'commander',
  'partner_observer', 'administrator',
];

/** The one table of who may do what. Tests walk it as a matrix. */
export const PERMISSIONS: Record<Action, readonly Role[]> = {
  'registry:read': EVERY_ROLE,
  'registry:write': ['administrator'],
  'users:read': ['administrator'],
  'users:write': ['administrator'],
  'audit:read': ['administrator', 'commander'],
  'stream:read': EVERY_ROLE,
  // Alerts hold personal data: partner observers never see them.
  'alerts:read': ['reporter', 'validator', 'analyst', 'liaison_officer', 'customs_officer', 'commander', 'administrator'],
  'alerts:write': ['validator', 'analyst', 'liaison_officer', 'commander'],
  // Lowering a TLP or widening releasability lets more people read it: a senior judgement.
  // Which records: only the owning agency's (alert.policy.ts).
  'alerts:lower_marking': ['validator', 'commander'],
  'alerts:import': ['analyst', 'administrator'],
  'screening:run': ['reporter', 'validator', 'analyst', 'liaison_officer', 'customs_officer', 'commander'],
  'screening:decide': ['reporter', 'validator', 'customs_officer', 'commander'],
  // Listing and undoing false-positive decisions (of their own agency: see false-positive.policy.ts).
  'screening:review': ['validator', 'commander'],
  // Past screenings (personal data): desk officers see their unit's, validators and commanders
  // their agency's (screening.service.ts#screeningHistory).
  'screening:history': ['reporter', 'validator', 'customs_officer', 'commander'],
  // Hit reports to an alert's owner and its answers (hit-report.policy.ts: only the two sides).
  'hit_reports:read': ['reporter', 'validator', 'analyst', 'liaison_officer', 'customs_officer', 'commander'],
  // Filing one: whoever may confirm the hit, on their own or their desk's screening.
  'hit_reports:write': ['reporter', 'validator', 'customs_officer', 'commander'],
  // Answering one: the alert owner's writers.
  'hit_reports:answer': ['validator', 'analyst', 'liaison_officer', 'commander'],
  // Peers and sharing agreements decide what leaves the node: administrators only.
  'federation:admin': ['administrator'],
  // Everyone may list, create and revoke their own API tokens; others' tokens need users:write.
  'tokens:manage-own': EVERY_ROLE,
  // Events: everyone reads what the marking and the workflow let them (events.policy.ts:
  // partner observers and other states see only published, releasable events).
  'events:read': EVERY_ROLE,
  'events:report': ['reporter', 'validator', 'analyst', 'liaison_officer', 'customs_officer', 'commander'],
  // Validate or return a submitted report: a validator of the owning agency, never its author.
  'events:validate': ['validator', 'commander'],
  // Publish a validated event (and correct a published one): the owning agency's validators.
  'events:publish': ['validator', 'commander'],
  // Close (resolved / did not happen): the author or the owning agency's validators.
  'events:close': ['reporter', 'validator', 'commander'],
  // The community reports queue: convert into an event or dismiss.
  'events:triage': ['validator', 'commander', 'reporter'],
  // Photos and documents on an event: its author or the owning agency's validators (events.policy.ts).
  'events:attach': ['reporter', 'validator', 'analyst', 'liaison_officer', 'customs_officer', 'commander'],
  // Seizures on an event: anyone of the owning agency who reports.
  'seizures:write': ['reporter', 'validator', 'analyst', 'liaison_officer', 'customs_officer', 'commander'],
  // Seizure statistics without personal data (for UNODC / WCO returns).
  'seizures:export': ['analyst', 'commander', 'validator', 'partner_observer', 'administrator'],
  // Hazard warnings are public-safety information (TLP:CLEAR by default): everyone reads them.
  'warnings:read': EVERY_ROLE,
  // Issuing, updating and cancelling warnings: the officers who also write alerts.
  'warnings:write': ['validator', 'analyst', 'liaison_officer', 'commander'],
  // CAP from other systems (national hydromet, civil protection, the other bank's agencies).
  'warnings:import': ['validator', 'analyst', 'liaison_officer', 'commander'],
  // Gauge stations and their thresholds.
  'gauges:write': ['analyst', 'commander'],
  // Water levels: read at the posts by hand, or sent by a station with an API token.
  'gauges:report': ['reporter', 'validator', 'analyst', 'commander'],
  // Damage and needs reports, resources on hand: posts and liaison officers report them.
  'damage:write': ['reporter', 'validator', 'analyst', 'liaison_officer', 'commander'],
  // Section threat levels (docs/risk-model.md): the common picture, partners included.
  'assessments:read': EVERY_ROLE,
  // Overruling the computed level, with a reason and an expiry: analysts and commanders.
  'assessments:override': ['analyst', 'commander'],
  // Trade (declarations, transits, crossings): customs work them; analysts, liaison officers,
  // commanders and administrators read. Commercial data: partner observers and field reporters do not.
  'trade:read': ['customs_officer', 'analyst', 'liaison_officer', 'commander', 'administrator'],
  'trade:write': ['customs_officer'],
  // Selectivity rules and their hit rates: the risk analysts and commanders read them.
  'trade:analyse': ['analyst', 'commander'],
  // Liaison channels (docs/liaison.md): only the units in a channel, on both sides, see it
  // (liaison.policy.ts). Posts (reporters) talk to the post across the river; HQ analysts read.
  'liaison:read': ['reporter', 'validator', 'analyst', 'liaison_officer', 'commander'],
  'liaison:write': ['reporter', 'validator', 'liaison_officer', 'commander'],
  // Agreed procedures and counterpart contacts of a channel: its owning side's liaison officers and commanders.
  'liaison:manage': ['liaison_officer', 'commander'],
  // The co-operation dashboard: figures per border pair, no message content.
  'cooperation:read': ['validator', 'analyst', 'liaison_officer', 'commander'],
  // BLO meetings and joint operations (docs/meetings.md): on top of the role, only the
  // participating units' people see one (meetings.policy.ts). Partner observers do not.
  'meetings:read': ['reporter', 'validator', 'analyst', 'liaison_officer', 'customs_officer', 'commander', 'administrator'],
  // Scheduling, minutes, decisions and action items: liaison officers and commanders.
  'meetings:write': ['liaison_officer', 'commander'],
  // Commanders see the meetings of every unit of their agency that takes part.
  'meetings:oversee': ['commander'],
  // Closing or dropping an action item: whoever works at the side that answers for it.
  'actions:update': ['reporter', 'validator', 'analyst', 'liaison_officer', 'customs_officer', 'commander'],
  'operations:read': ['reporter', 'validator', 'analyst', 'liaison_officer', 'customs_officer', 'commander', 'administrator'],
  'operations:write': ['liaison_officer', 'commander'],
  // Daily and after-action reports of a joint operation.
  'operations:report': ['validator', 'liaison_officer', 'commander'],
  // Editing the selectivity rules and the border markets: the customs risk analyst, and the
  // node administrator who sets up markets (docs/trade.md, "Rules and markets editor").
  'trade:configure': ['analyst', 'administrator'],
  // Partners' 3W, the gaps, the recommendations tracker and the progress report: everyone reads
  // (partner observers are its first audience; the figures are aggregates, never persons).
  'partners:read': EVERY_ROLE,
  // Initiatives, trainings and equipment (by hand or from a partner's sheet): the liaison
  // officers and commanders who coordinate with donors, and analysts who keep the figures.
  'partners:write': ['liaison_officer', 'analyst', 'commander'],
  // Recommendations and their actions, status and evidence: commanders and liaison officers,
  // who report to the senior officials' meetings.
  'recommendations:write': ['liaison_officer', 'commander'],
};

export function can(subject: Pick<Subject, 'roles'>, action: Action): boolean {
  const allowed = PERMISSIONS[action];
  return subject.roles.some((role) => allowed.includes(role));
}
