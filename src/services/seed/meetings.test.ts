import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../server/testing/databases.ts';
import { startTestNode, type TestNode } from '../../server/testing/test-node.ts';
import { loadScenario } from '../../store/seed/scenarios.ts';
import { meetingFigures } from '../cooperation/meeting-figures.ts';
import { seedEvents } from './events.ts';
import { seedMeetings } from './meetings.ts';

describe.each(await testDialects())('seeded half year of BLO meetings and a joint operation (%s)', (dialect) => {
  let node: TestNode;
  beforeAll(async () => {
    node = await startTestNode(dialect);
    await seedEvents(node.ctx, loadScenario('tj-af'));
  }, 180_000);
  afterAll(async () => node?.close());

  it('past and upcoming meetings, items closed on time, late and open, one operation with reports; seeding again adds nothing', { timeout: 120_000 }, async () => {
    const first = await seedMeetings(node.ctx);
    expect(first.meetings).toBeGreaterThan(20);
    const commander = await node.as('tj.commander');
    const meetings = (await commander.get('/api/meetings')).body.items as { startsAt: string; status: string; minutes: string | null }[];
    const now = Date.now();
    expect(meetings.filter((m) => Date.parse(m.startsAt) > now).length).toBeGreaterThanOrEqual(4);
    expect(meetings.filter((m) => m.status === 'held' && m.minutes).length).toBeGreaterThan(15);
    const actions = (await commander.get('/api/actions')).body.items as { status: string; overdue: boolean }[];
    expect(actions.some((a) => a.status === 'done')).toBe(true);
    expect(actions.some((a) => a.status === 'open' && a.overdue)).toBe(true);
    const figures = await meetingFigures(node.ctx, { from: new Date(now - 200 * 86_400_000).toISOString(), to: new Date(now).toISOString() });
    const pair = figures['AF-TJ']!;
    expect(pair.meetingsHeld).toBeGreaterThan(15);
    expect(pair.actionItemsClosedOnTime).toBeGreaterThan(0);
    expect(pair.actionItemsClosedOnTime).toBeLessThan(pair.actionItemsDue);
    expect(pair.jointOperations).toBe(1);

    // af.liaison sees its own BLO's meetings and the operation it takes part in (or at least the meetings).
    const afMeetings = (await (await node.as('af.liaison')).get('/api/meetings')).body.items;
    expect(afMeetings.length).toBeGreaterThan(5);
    const ops = (await commander.get('/api/operations')).body.items as { id: string }[];
    expect(ops).toHaveLength(1);
    const op = (await commander.get(`/api/operations/${ops[0]!.id}`)).body;
    expect(op.reports.filter((r: { kind: string }) => r.kind === 'daily')).toHaveLength(7);
    const aar = op.reports.find((r: { kind: string }) => r.kind === 'after_action');
    expect(aar.figures.events).toBeGreaterThan(0);
    expect(aar.figures).toEqual(op.figures);

    expect(await seedMeetings(node.ctx)).toEqual({ meetings: 0, actions: 0 });
  });
});
