/**
 * The bell and the centre read the same notifications: when one marks something read, it tells
 * the other through this window event instead of waiting for the next poll.
 */
const EVENT = "stockwire:notifications-changed";

export function notificationsChanged(): void {
  window.dispatchEvent(new Event(EVENT));
}

export function onNotificationsChanged(listener: () => void): () => void {
  window.addEventListener(EVENT, listener);
  return () => window.removeEventListener(EVENT, listener);
}
