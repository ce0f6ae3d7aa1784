/**
 * An outgoing e-mail's statuses, in the order the outbox filter offers them. Pure: the page's filter
 * schema runs in the browser too (imported from a .server module it was empty there, and the page
 * never became interactive). The outbox model checks them against the schema's type.
 */
export const OUTBOX_STATUSES = ["pending", "sending", "sent", "failed"] as const;
