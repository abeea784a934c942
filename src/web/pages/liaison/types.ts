export type { Dashboard, PairFigures, RfiFigures } from '../../../domain/liaison/dashboard-types.ts';
// Shapes of the liaison API answers the page reads (docs/liaison.md, docs/api-contract.md).
export type RfiState = 'open' | 'answered' | 'overdue' | 'closed';
export type Priority = 'routine' | 'priority' | 'urgent';
export type Lang = 'en' | 'ru' | 'tg' | 'fa' | 'ps';

export interface ChannelItem {
  id: string;
  ref: string;
  title: string;
  kind: 'post_to_post' | 'blo' | 'headquarters';
  pairKey: string;
  members: { state: string; unitRef: string }[];
  messages: number;
  lastAt: string | null;
  openRfis: number;
  overdueRfis: number;
}

export interface RfiStatus {
  state: RfiState;
  deadline: string;
  priority: Priority;
  answeredAt: string | null;
  closedAt: string | null;
  responseHours: number | null;
  answeredOnTime: boolean | null;
  overdue: boolean;
}

export interface RenderedField {
  key: string;
  label: string;
  value: string;
  display: string;
  transliterated: boolean;
}

export interface HistoryItem {
  id: string;
  kind: 'message' | 'rfi' | 'answer' | 'close';
  ownerState: string;
  ours: boolean;
  sentAt: string;
  author: { name: string; unitRef: string | null };
  replyTo: string | null;
  rendered: { title: string | null; text: string | null; fields: RenderedField[]; freeText: { text: string; lang: Lang; untranslated: true } | null };
  rfi: RfiStatus | null;
}

export interface Contact {
  state: string;
  unitRef: string;
  name: string;
  position: string;
  phone: string | null;
  radio: string | null;
  languages: Lang[];
}

export interface ChannelView {
  id: string;
  version: number;
  title: string;
  pairKey: string;
  ownerState: string;
  procedures: string;
  contacts: Contact[];
  counterpartContacts: Contact[];
  openRequests: HistoryItem[];
  history: HistoryItem[];
  abilities: { write: boolean; manage: boolean };
}

export interface TemplateView {
  id: string;
  rfi: boolean;
  title: string;
  text: string;
  fields: { key: string; kind: string; required: boolean; label: string }[];
}

