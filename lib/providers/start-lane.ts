import type { SqlClient } from "../db/sql-client";
import type { ProviderName } from "./provider-error";

/**
 * The in-process queue in front of a provider's database pacing. Only the caller at the head
 * of the lane asks PostgreSQL for a start; everyone else waits here in memory, so a process
 * never spends more than one pool connection (and one round trip at a time) per provider on
 * pacing, however many workers it runs. Callers are served in arrival order.
 */
export interface StartLane {
  /** Resolves with a release function once this caller is at the head of the lane. */
  enter(signal?: AbortSignal): Promise<() => void>;
  /**
   * performance.now() before which the provider's next start will surely be refused, learnt
   * from the last grant; lets the next caller sleep instead of asking too early.
   */
  notBefore: number;
}

interface Waiter {
  resolve: (release: () => void) => void;
}

function createLane(): StartLane {
  const queue: Waiter[] = [];
  let busy = false;

  const release = () => {
    const next = queue.shift();
    if (next) next.resolve(release);
    else busy = false;
  };

  return {
    notBefore: 0,
    enter(signal) {
      signal?.throwIfAborted();
      if (!busy) {
        busy = true;
        return Promise.resolve(once(release));
      }

      return new Promise((resolve, reject) => {
        const waiter: Waiter = {
          resolve: (next) => {
            signal?.removeEventListener("abort", onAbort);
            resolve(once(next));
          },
        };
        const onAbort = () => {
          const index = queue.indexOf(waiter);
          if (index >= 0) queue.splice(index, 1);
          reject(signal?.reason as Error);
        };
        signal?.addEventListener("abort", onAbort, { once: true });
        queue.push(waiter);
      });
    },
  };
}

function once(release: () => void): () => void {
  let done = false;

  return () => {
    if (done) return;
    done = true;
    release();
  };
}

const lanes = new WeakMap<SqlClient, Map<ProviderName, StartLane>>();

/**
 * The lane for one provider on one database client. Keyed by client, so two pools in one
 * process (as tests use to stand in for two runner processes) still meet only in PostgreSQL.
 */
export function startLane(db: SqlClient, provider: ProviderName): StartLane {
  let byProvider = lanes.get(db);
  if (!byProvider) {
    byProvider = new Map();
    lanes.set(db, byProvider);
  }
  let lane = byProvider.get(provider);
  if (!lane) {
    lane = createLane();
    byProvider.set(provider, lane);
  }

  return lane;
}
