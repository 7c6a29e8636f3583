/** Priorities users choose from, lowest first. */
export const JOB_PRIORITIES = ["low", "normal", "high", "urgent"] as const;

export type JobPriority = (typeof JOB_PRIORITIES)[number];

// pg-boss fetches higher numbers first; gaps leave room for finer levels later.
const BOSS_PRIORITY: Record<JobPriority, number> = { low: -10, normal: 0, high: 10, urgent: 20 };

/** The pg-boss priority number for a user's priority. */
export const bossPriorityOf = (priority: JobPriority): number => BOSS_PRIORITY[priority];
