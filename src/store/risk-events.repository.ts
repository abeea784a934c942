/**
 * Published events as the risk model reads them. Placeholder until the events branch (kind
 * `event`) is merged: no events.
 */
import type { RiskEvent } from '../domain/risk/model.ts';
import type { Executor } from './transaction.ts';

export async function listRiskEvents(_db: Executor, _since: string): Promise<RiskEvent[]> {
  return [];
}

export async function findRiskEvent(_db: Executor, _id: string): Promise<RiskEvent | null> {
  return null;
}

export async function riskEventTimes(_db: Executor, _since: string): Promise<{ times: Map<string, number[]>; first: number | null }> {
  return { times: new Map(), first: null };
}
