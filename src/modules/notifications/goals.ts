import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { notFound } from "../../lib/errors.ts";
import { getConnection } from "../connections/index.ts";
import { metricValue } from "./goal-progress.ts";
import { periodBounds } from "./periods.ts";
import type { NotificationInput } from "./record.ts";
import { type GoalMetric, type GoalPeriod, goals } from "./schema.ts";

export type Goal = typeof goals.$inferSelect;
export type GoalInput = {
  name: string;
  metric: GoalMetric;
  period: GoalPeriod;
  amount: number;
  connectionId?: string | null | undefined;
};

export async function createGoal(db: Db, accountId: string, input: GoalInput): Promise<Goal> {
  if (input.connectionId) await getConnection(db, accountId, input.connectionId);
  const [row] = await db
    .insert(goals)
    .values({ accountId, ...input, connectionId: input.connectionId ?? null })
    .returning();
  return row!;
}

export async function getGoal(db: Db, accountId: string, id: string): Promise<Goal> {
  const [row] = await db
    .select()
    .from(goals)
    .where(and(eq(goals.accountId, accountId), eq(goals.id, id)));
  if (!row) throw notFound("goal");
  return row;
}

export async function listGoals(db: Db, accountId: string): Promise<Goal[]> {
  return db.select().from(goals).where(eq(goals.accountId, accountId)).orderBy(desc(goals.createdAt));
}

export async function updateGoal(
  db: Db,
  accountId: string,
  id: string,
  input: Partial<GoalInput>,
): Promise<Goal> {
  const current = await getGoal(db, accountId, id);
  if (input.connectionId) await getConnection(db, accountId, input.connectionId);
  // An empty patch is a no-op; Drizzle refuses an update with nothing to set.
  if (Object.values(input).every((v) => v === undefined)) return current;
  const [row] = await db
    .update(goals)
    .set(input)
    .where(and(eq(goals.accountId, accountId), eq(goals.id, id)))
    .returning();
  return row!;
}

export async function deleteGoal(db: Db, accountId: string, id: string): Promise<void> {
  await getGoal(db, accountId, id);
  await db.delete(goals).where(and(eq(goals.accountId, accountId), eq(goals.id, id)));
}

async function historyValue(db: Db, goal: Goal, now: Date): Promise<number> {
  const range = periodBounds(goal.period, now);
  return metricValue(db, goal.accountId, goal.metric, range, goal.connectionId, { historyOnly: true });
}

export async function goalProgress(db: Db, goal: Goal, now = new Date()) {
  const range = periodBounds(goal.period, now);
  const value = await metricValue(db, goal.accountId, goal.metric, range, goal.connectionId);
  return {
    periodStart: range.start.toISOString(),
    periodEnd: range.end.toISOString(),
    value,
    amount: goal.amount,
    percent: goal.amount > 0 ? Math.min(100, Math.round((value / goal.amount) * 1000) / 10) : 100,
    achieved: value >= goal.amount,
  };
}

/**
 * Goals of these accounts reached in their current period. The dedupe key carries the period
 * start, so a goal is announced once per period however often it is checked. A goal that history
 * alone already reached (a backfill's orders, sync/history.ts) was reached before the hub was
 * watching: no news order crossed it, so it is not announced this period.
 */
export async function achievedGoals(
  db: Db,
  accountIds: string[],
  now = new Date(),
): Promise<NotificationInput[]> {
  if (accountIds.length === 0) return [];
  const out: NotificationInput[] = [];
  for (const goal of await db.select().from(goals).where(inArray(goals.accountId, accountIds))) {
    const p = await goalProgress(db, goal, now);
    if (!p.achieved) continue;
    if (goal.amount > 0 && (await historyValue(db, goal, now)) >= goal.amount) continue;
    out.push({
      accountId: goal.accountId,
      type: "goal_achieved",
      vars: {
        goal: { name: goal.name, amount: goal.amount, metric: goal.metric, period: goal.period },
        progress: p.value,
      },
      connectionId: goal.connectionId,
      subject: goal.id,
      dedupeKey: `goal:${goal.id}:${p.periodStart}`,
    });
  }
  return out;
}
