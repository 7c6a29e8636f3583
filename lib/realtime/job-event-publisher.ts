import http from "node:http";
import https from "node:https";

import Pusher from "pusher";

import { config } from "../config";
import { logger, type Logger } from "../logger";
import { ADMIN_CHANNEL, userChannel } from "../auth/policy";
import { boundEvent, JOB_EVENT_NAME, type JobEventPayload } from "./job-event";

/** The part of the pusher client the publisher uses; tests pass a fake. */
export interface BatchTrigger {
  triggerBatch(events: Pusher.BatchEvent[]): Promise<unknown>;
}

export interface PublisherStats {
  sent: number;
  dropped: number;
  failed: number;
  queued: number;
}

export interface JobEventSink {
  /** Queues an event for its owner's channel and the admin channel; never waits, never throws. */
  publish(createdById: string, event: JobEventPayload): void;
  /** Waits until everything queued so far was sent or given up on (tests, shutdown). */
  flush(): Promise<void>;
  stats(): PublisherStats;
}

interface Options {
  /** Events kept while Soketi is slow; beyond this new events are dropped and counted. */
  maxQueue?: number;
  /** triggerBatch calls in flight at once. */
  maxInFlight?: number;
  /**
   * How long an event may wait for others to share its batch. 0 sends what one turn of the
   * event loop published.
   */
  lingerMs?: number;
  log?: Logger;
}

// Pusher accepts at most 10 events per batch call; each job event goes to two channels.
const EVENTS_PER_BATCH = 5;

/**
 * Fire-and-forget delivery of job events to Soketi: a bounded queue drained in batches, a few
 * requests in flight, drops counted. A slow or absent Soketi costs a job nothing; browsers
 * recover by refetching, because the database, not the event stream, is the truth.
 */
export class JobEventPublisher implements JobEventSink {
  private readonly queue: { createdById: string; event: JobEventPayload; queuedAt: number }[] = [];
  private inFlight = 0;
  private timer: { cancel(): void; immediate: boolean } | undefined;
  private readonly counts = { sent: 0, dropped: 0, failed: 0 };
  private waiters: (() => void)[] = [];
  private readonly maxQueue: number;
  private readonly maxInFlight: number;
  private readonly lingerMs: number;
  private readonly log: Logger;

  constructor(
    private readonly client: BatchTrigger,
    options: Options = {},
  ) {
    this.maxQueue = options.maxQueue ?? 2_000;
    this.maxInFlight = options.maxInFlight ?? 2;
    this.lingerMs = options.lingerMs ?? 0;
    this.log = options.log ?? logger.child({ component: "job-events" });
  }

  publish(createdById: string, event: JobEventPayload): void {
    if (this.queue.length >= this.maxQueue) {
      this.counts.dropped += 1;
      if (this.counts.dropped % 1000 === 1) {
        this.log.warn({ dropped: this.counts.dropped }, "job event queue full; dropping events");
      }

      return;
    }
    this.queue.push({ createdById, event: boundEvent(event), queuedAt: performance.now() });
    // A full batch goes out on the next turn; a partial one waits up to lingerMs for company.
    // Each call is a new connection to Soketi (it closes them after answering), so fewer,
    // fuller calls cost both sides less.
    if (this.queue.length >= EVENTS_PER_BATCH) this.schedule(0);
    else this.schedule(this.lingerMs);
  }

  flush(): Promise<void> {
    if (this.queue.length === 0 && this.inFlight === 0 && !this.timer) return Promise.resolve();
    const settled = new Promise<void>((resolve) => this.waiters.push(resolve));
    // Someone is waiting: partial batches stop lingering.
    this.schedule(0);

    return settled;
  }

  stats(): PublisherStats {
    return { ...this.counts, queued: this.queue.length };
  }

  /** Pumps after ms, unless a pump is already due as soon. */
  private schedule(ms: number): void {
    if (this.timer && (ms > 0 || this.timer.immediate)) return;
    this.timer?.cancel();
    const fire = () => {
      this.timer = undefined;
      this.pump();
    };
    if (ms <= 0) {
      const immediate = setImmediate(fire);
      this.timer = { cancel: () => clearImmediate(immediate), immediate: true };
    } else {
      const timeout = setTimeout(fire, ms);
      this.timer = { cancel: () => clearTimeout(timeout), immediate: false };
    }
  }

  private pump(): void {
    const now = performance.now();
    const hurry = this.waiters.length > 0;
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      const waited = now - (this.queue[0]?.queuedAt ?? now);
      if (this.queue.length < EVENTS_PER_BATCH && waited < this.lingerMs && !hurry) {
        this.schedule(this.lingerMs - waited);
        break;
      }
      const taken = this.queue.splice(0, EVENTS_PER_BATCH);
      const batch = taken.flatMap(({ createdById, event }) =>
        [userChannel(createdById), ADMIN_CHANNEL].map((channel) => ({
          channel,
          name: JOB_EVENT_NAME,
          data: event,
        })),
      );
      this.inFlight += 1;
      this.client
        .triggerBatch(batch)
        .then(() => {
          this.counts.sent += taken.length;
        })
        .catch((err: unknown) => {
          this.counts.failed += taken.length;
          this.log.debug({ err, events: taken.length }, "job events not delivered");
        })
        .finally(() => {
          this.inFlight -= 1;
          this.pump();
        });
    }
    this.settleWaiters();
  }

  private settleWaiters(): void {
    if (this.queue.length > 0 || this.inFlight > 0 || this.timer) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}

/** Counts what it is given and sends nothing: for a process without Soketi settings. */
export class NullJobEventSink implements JobEventSink {
  private dropped = 0;

  publish(): void {
    this.dropped += 1;
  }

  flush(): Promise<void> {
    return Promise.resolve();
  }

  stats(): PublisherStats {
    return { sent: 0, dropped: this.dropped, failed: 0, queued: 0 };
  }
}

/** A publisher for this process's Soketi settings, or a null sink when they are missing. */
export function createJobEventSink(log?: Logger): JobEventSink {
  const c = config();
  if (!c.PUSHER_APP_ID || !c.PUSHER_KEY || !c.PUSHER_SECRET) return new NullJobEventSink();

  // Keep-alive: one TCP connection carries many small batches; a short timeout keeps a hung
  // Soketi from holding the in-flight slots for long.
  const agent = c.PUSHER_USE_TLS
    ? new https.Agent({ keepAlive: true, maxSockets: 4 })
    : new http.Agent({ keepAlive: true, maxSockets: 4 });
  const client = new Pusher({
    appId: c.PUSHER_APP_ID,
    key: c.PUSHER_KEY,
    secret: c.PUSHER_SECRET,
    host: c.PUSHER_HOST,
    port: String(c.PUSHER_PORT),
    useTLS: c.PUSHER_USE_TLS,
    timeout: 2_000,
    agent,
  });

  // 10 ms of linger: invisible on a progress bar, and a busy process sends a fifth as many calls.
  return new JobEventPublisher(client, { log, lingerMs: 10 });
}

const globalForEvents = globalThis as unknown as { roadieJobEvents?: JobEventSink };

/** The process-wide job event sink. */
export function jobEvents(): JobEventSink {
  globalForEvents.roadieJobEvents ??= createJobEventSink();

  return globalForEvents.roadieJobEvents;
}
