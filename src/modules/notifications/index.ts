// The notifications module's public surface: everything outside the module imports this file, never one behind it.
export { NOTIFY_CONSUMER } from "./consumer.ts";
export { createMailTransports, type MailTransports } from "./email-sender.ts";
export { registerNotificationJobs } from "./jobs.ts";
export { notificationsModule } from "./module.ts";
export { notifyOnce, startNotifier } from "./notifier.ts";
export { recordNotification } from "./record.ts";
export { registerNotificationRoutes } from "./routes.ts";
export { renderForDelivery, renderLenient, TEMPLATE_LIMITS } from "./templates.ts";
export { postWebhook } from "./webhook-sender.ts";
