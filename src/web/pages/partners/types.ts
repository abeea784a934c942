/** Shapes of the partners API (docs/api-contract.md) as the pages use them. */
export interface Place {
  type: 'unit' | 'section';
  id: string;
  ref: string | null;
}
export interface Initiative {
  id: string;
  ref: string;
  partner: string;
  title: string;
  stateCode: string;
  beneficiaries: string[];
  places: Place[];
  start: string;
  end: string | null;
  budget: number | null;
  currency: string | null;
  status: 'planned' | 'ongoing' | 'completed' | 'suspended' | 'cancelled';
  outputs: string[];
  illustrative: boolean;
  ownerState: string;
  can: { update: boolean };
}
export interface Equipment {
  id: string;
  ref: string;
  partner: string;
  kind: string;
  quantity: number;
  condition: string;
  stateCode: string;
  place: Place | null;
}
export interface PartnerRow {
  partner: string;
  states: string[];
  initiatives: number;
  ongoing: number;
  budget: Record<string, number>;
  trainings: number;
  trainees: number;
  equipment: Record<string, number>;
}
export interface Gap {
  rule: string;
  kind: string;
  scope: string;
  stateCode: string;
  place: { type: string; id: string | null; ref: string | null; name: string } | null;
}
export interface RowProblem {
  sheet: string;
  row: number;
  code: string;
  field: string | null;
  message: string;
}
export interface ImportReport {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: RowProblem[];
}
export interface Indicator {
  id: string;
  unit: string;
  value: number;
  byMonth: { month: string; value: number }[];
  target: { perMonth: number; direction: 'up' | 'down' } | null;
  source: string;
}
export interface Action {
  id: string;
  text: string;
  owner: string;
  deadline: string | null;
  status: string;
  evidence: { text: string; url: string | null; indicator: string | null; at: string }[];
}
export interface Recommendation {
  id: string;
  ref: string;
  meeting: string;
  meetingDate: string;
  kind: string;
  title: Record<string, string>;
  text: string;
  status: string;
  actions: Action[];
  late: string[];
}
