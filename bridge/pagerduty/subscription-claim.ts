// Who may create the bridge's webhook subscription right now. Two replicas starting together would otherwise
// both find no subscription and both create one (two deliveries of every event, one secret lost): a lease
// (db/claim-lease.ts) that a replica dying mid-way loses when it runs out.
import {
  claimLease,
  leaseHeldByOther,
  releaseLease,
} from "../db/claim-lease.ts";
import type { BridgeDb } from "../db/database.ts";

const CLAIM_KEY = "pagerduty_webhook_subscription_claim";

/** True when `by` now holds the claim until `now + leaseMs`. */
export function claimSubscriptionCreation(
  db: BridgeDb,
  by: string,
  now: Date,
  leaseMs: number,
): Promise<boolean> {
  return claimLease(db, CLAIM_KEY, by, now, leaseMs);
}

export function releaseSubscriptionCreation(
  db: BridgeDb,
  by: string,
): Promise<void> {
  return releaseLease(db, CLAIM_KEY, by);
}

/** Whether a replica other than `by` holds a live claim (it is creating the subscription right now). */
export function creationClaimedByOther(
  db: BridgeDb,
  by: string,
  now: Date,
): Promise<boolean> {
  return leaseHeldByOther(db, CLAIM_KEY, by, now);
}
