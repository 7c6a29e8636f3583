import type { PgBoss, Queue } from "pg-boss";

import type { JobDefinition, QueuePolicyOptions } from "./job-definition";

const COMPARED: (keyof QueuePolicyOptions)[] = [
  "retryLimit",
  "retryDelay",
  "retryBackoff",
  "retryDelayMax",
  "expireInSeconds",
  "heartbeatSeconds",
  "retentionSeconds",
  "deleteAfterSeconds",
];

export interface QueueDrift {
  queue: string;
  option: string;
  inDatabase: unknown;
  inCode: unknown;
}

/** The options a definition gives its pg-boss queue. */
export function queueOptionsOf(definition: JobDefinition): Queue {
  return { name: definition.type, policy: definition.policy, notify: true, ...definition.queue };
}

/**
 * Creates missing queues and reports every option where an existing queue differs from the
 * code. The runner refuses to start on any drift: two runners working one queue with different
 * retry or expiry rules would make failures depend on which runner took the job.
 */
export async function syncQueues(boss: PgBoss, definitions: readonly JobDefinition[]) {
  const drift: QueueDrift[] = [];
  const created: string[] = [];

  for (const definition of definitions) {
    const wanted = queueOptionsOf(definition);
    const existing = await boss.getQueue(definition.type);
    if (!existing) {
      await boss.createQueue(definition.type, wanted);
      created.push(definition.type);
      continue;
    }
    drift.push(...compareQueue(existing, wanted));
  }

  return { created, drift };
}

export function compareQueue(existing: Queue, wanted: Queue): QueueDrift[] {
  const options: (keyof Queue)[] = [...COMPARED, "policy"];

  return options
    .filter((option) => (existing[option] ?? null) !== (wanted[option] ?? null))
    .map((option) => ({
      queue: wanted.name,
      option,
      inDatabase: existing[option] ?? null,
      inCode: wanted[option] ?? null,
    }));
}
