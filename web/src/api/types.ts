import type { components, operations } from "./schema.d.ts";

/**
 * Names for the API shapes the dashboard reads, every one derived from the generated schema.d.ts
 * (an operation's success body or a part of it), so a change to the API shows up as a type error.
 */

/** The problem+json body every refusal carries (docs/error-codes.md). */
export type Problem = components["schemas"]["Problem"];

type Success<R> = R extends { 200: { content: { "application/json": infer B } } }
  ? B
  : R extends { 201: { content: { "application/json": infer B } } }
    ? B
    : R extends { 202: { content: { "application/json": infer B } } }
      ? B
      : never;
/** The JSON success body of an operation, by its operationId. */
export type Ok<Id extends keyof operations> = Success<operations[Id]["responses"]>;
/** One row of a listing's `items`. */
export type Item<L> = L extends { items: (infer I)[] } ? I : never;
/** The JSON request body of an operation. */
export type Body<Id extends keyof operations> = operations[Id] extends {
  requestBody?: { content: { "application/json": infer B } };
}
  ? B
  : never;

export type Me = Ok<"getMe">;

export type Connection = Item<Ok<"listConnections">>;
export type ConnectionDetail = Ok<"getConnection">;
export type Mode = Connection["mode"];
export type Onboarding = NonNullable<ConnectionDetail["onboarding"]>;
export type PendingQueue = Ok<"getConnectionPending">;
export type Pending = PendingQueue;
export type ShadowPreview = Item<Ok<"listConnectionPreviews">>;
export type ModeChange = Item<Ok<"listConnectionModeChanges">>;
export type SyncHealth = Item<Ok<"getSyncHealth">>;
export type SyncStall = NonNullable<SyncHealth["stall"]>;

export type Feed = Item<Ok<"listFeeds">>;
export type FeedRun = Item<Ok<"listFeedRuns">>;
export type FeedExecution = FeedRun;
export type FeedExecutionDetail = Ok<"getFeedRun">;
export type SyncIssue = Item<Ok<"listSyncIssues">>;
export type SyncLogRow = Item<Ok<"listSyncLog">>;

export type ProductRow = Item<Ok<"listProducts">>;
export type ProductDetail = Ok<"getProduct">;
export type Warehouse = Item<Ok<"listWarehouses">>;

export type OrderRow = Item<Ok<"listOrders">>;
export type OrderDetail = Ok<"getOrder">;
export type SalesReport = Ok<"getSalesReport">;
export type SalesDay = Item<SalesReport>;

export type OrderSettings = Ok<"getOrderSettings">;
export type OrderPostings = Ok<"listOrderPostings">;
export type SummarySale = Item<Ok<"listBooksSummaries">>;
export type BooksSyncResult = Ok<"syncBooks">;
export type PostingOutcomes = BooksSyncResult["outcomes"];
export type SyncPreset = NonNullable<Body<"syncBooks">["preset"]>;
export type BooksSyncProgress = Ok<"getBooksSyncProgress">;

export type PlannerPage = Ok<"getPlanningReport">;
export type PlannerRow = Item<PlannerPage>;
export type PlanStatus = PlannerRow["status"];
export type PlanSettings = Ok<"getPlanningSettings">;

export type Goal = Item<Ok<"listGoals">>;
export type GoalMetric = Goal["metric"];
export type GoalProgress = Ok<"getGoalProgress">;

export type NotificationRow = Item<Ok<"listNotifications">>;
export type Notification = NotificationRow;
export type NotificationDetail = Ok<"getNotification">;
export type NotificationTypeInfo = Item<Ok<"listNotificationTypes">>;
export type NotificationSettingsView = Ok<"getNotificationSettings">;
export type NotificationSettings = Pick<NotificationSettingsView, "types" | "connections">;

export type AlertEvent = Item<Ok<"listCustomAlertEvents">>;
export type CustomAlert = Item<Ok<"listCustomAlerts">>;
export type AlertPreview = Ok<"previewCustomAlert">;

/** A feed's kind as its routes take it (the feed list answers it as a plain string). */
export type FeedKind = operations["updateFeed"]["parameters"]["path"]["kind"];

/** The query parameters an operation takes. */
export type QueryOf<Id extends keyof operations> = NonNullable<operations[Id]["parameters"]["query"]>;

/** An event a custom alert can watch, as its routes take it (the events list answers plain strings). */
export type AlertEventType = Body<"createCustomAlert">["eventType"];
