/** Manual sync and re-summarise failures, by the books API's codes (docs/error-codes.md). */
export const explainBooksError: Explain = (error) => {
  if (error.code === "no_books_connection")
    return {
      what: "This channel does not post its sales to the books yet.",
      next: "open the channel's Order settings, choose the QuickBooks connection it posts to, then sync again.",
    };
  if (error.code === "connection_in_test_mode")
    return {
      what: "The books connection is in test mode, so nothing is sent to QuickBooks.",
      next: "switch the books connection to shadow (to preview) or live on its Connections page, then try again.",
    };
  if (error.code === "posting_in_progress")
    return {
      what: "This summary is being posted to the books right now.",
      next: "wait a minute for that posting to finish, then press Re-summarise again.",
    };
  if (error.code === "summary_not_found")
    return {
      what: "This summary no longer exists — it was probably re-summarised a moment ago.",
      next: "reload the list to see the current summary.",
    };
  if (error.code === "connection_not_found")
    return {
      what: "That connection no longer exists.",
      next: "reload the page and pick another connection.",
    };
  if (error.code === "range_too_long")
    return {
      what: "A manual sync covers at most four months at a time.",
      next: "pick a shorter range (split a long period into batches of up to four months), then press Sync again.",
    };
  if (error.code === "range_reversed")
    return {
      what: "The end date is before the start date.",
      next: "swap the two dates, then press Sync again.",
    };
  if (error.code === "range_missing" || error.code === "date_invalid")
    return {
      what: "The period to sync is not complete.",
      next: "choose a preset, or fill in both the start and the end date, then press Sync again.",
    };
  if (error.status === 403)
    return {
      what: "Only an admin or the owner can post to the books.",
      next: "ask an admin of this account to run it, or to give you the admin role.",
    };
  return undefined;
};

import type { Explain } from "../ErrorBox.tsx";
