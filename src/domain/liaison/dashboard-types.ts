/**
 * The shape of the co-operation dashboard answer (GET /api/cooperation/dashboard), shared by the
 * service that builds it and the web page that draws it, so the two cannot drift apart.
 */
export interface RfiFigures {
  sent: number;
  answered: number;
  medianHours: number | null;
  p90Hours: number | null;
  /** Share of the period's RFIs answered by their deadline (of those whose deadline passed or were answered). */
  answeredOnTimeShare: number | null;
  open: number;
  overdue: number;
}

/** BLO meetings, action items and joint operations of one border pair (services/cooperation/meeting-figures.ts). */
export interface PairMeetingFigures {
  meetingsHeld: number;
  actionItemsDue: number;
  actionItemsClosedOnTime: number;
  jointOperations: number;
}

export interface PairFigures {
  pairKey: string;
  channels: number;
  months: { month: string; sent: number; received: number }[];
  /** Requests we sent, answered by the counterpart (their response times). */
  ourRequests: RfiFigures;
  /** Requests the counterpart sent, answered by us (our response times). */
  theirRequests: RfiFigures;
  perChannel: { channelId: string; title: string; counterpartUnits: string[]; ourRequests: RfiFigures; theirRequests: RfiFigures }[];
  /** Merged from the meetings figure source; null when the pair had none in the period. */
  meetings?: PairMeetingFigures | null;
  /** Other figure sources, merged under their name. */
  [source: string]: unknown;
}

// A type alias, not an interface: the route's answer schema wants an object with an index signature.
export type Dashboard = {
  from: string;
  to: string;
  state: string;
  sources: string[];
  pairs: PairFigures[];
};
