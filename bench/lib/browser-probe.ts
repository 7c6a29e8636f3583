// What a benchmark watches inside the page, stamped with Date.now() (the runner stamps with it
// too; same machine, same clock): every progress bar's aria-valuenow as the DOM takes it, every
// `job` event as the page's WebSocket receives it, and bare reference events from a second
// pusher-js client. installProbe runs in the page, before the app's own scripts.

/** A progress bar's value as the DOM showed it. */
export interface DomRecord {
  label: string;
  value: number;
  t: number;
  /** The bar arrived with a new node (a card rendered) rather than an attribute change. */
  added: boolean;
}

/** A job event as it came off the app's socket. */
export interface WireRecord {
  jobId: string;
  kind: string;
  progress: number;
  seq: number;
  t: number;
}

/** A bare reference event: published at sentAt, received at t. */
export interface ReferenceRecord {
  sentAt: number;
  t: number;
}

export interface ProbeRecords {
  dom: DomRecord[];
  wire: WireRecord[];
  reference: ReferenceRecord[];
  subscriptions: number;
}

/** Runs in the page (serialized by Playwright's addInitScript): it may use nothing from here. */
export function installProbe(): void {
  const records: ProbeRecords = { dom: [], wire: [], reference: [], subscriptions: 0 };
  Object.assign(window, { benchProbe: records });
  const prefix = "Progress of ";
  const noteBar = (el: Element, added: boolean, t: number) => {
    const label = el.getAttribute("aria-label") ?? "";
    if (!label.startsWith(prefix)) return;
    const value = Number(el.getAttribute("aria-valuenow"));
    records.dom.push({ label: label.slice(prefix.length), value, t, added });
  };
  const observer = new MutationObserver((mutations) => {
    const t = Date.now();
    for (const m of mutations) {
      if (m.type === "attributes" && m.target instanceof Element) noteBar(m.target, false, t);
      for (const node of Array.from(m.addedNodes)) {
        if (!(node instanceof Element)) continue;
        if (node.getAttribute("role") === "progressbar") noteBar(node, true, t);
        for (const bar of Array.from(node.querySelectorAll('[role="progressbar"]'))) {
          noteBar(bar, true, t);
        }
      }
    }
  });
  const observe = () =>
    observer.observe(document.documentElement, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ["aria-valuenow"],
    });
  if (document.documentElement) observe();
  else document.addEventListener("DOMContentLoaded", observe);

  // One more listener on each socket the page opens: it sees frames as they arrive.
  const Native = window.WebSocket;
  const onFrame = (event: MessageEvent) => {
    const t = Date.now();
    if (typeof event.data !== "string") return;
    const frame = JSON.parse(event.data) as { event?: string; data?: string };
    if (frame.event === "pusher_internal:subscription_succeeded") records.subscriptions += 1;
    if (frame.event !== "job" || typeof frame.data !== "string") return;
    const { jobId, kind, progress, seq } = JSON.parse(frame.data) as Omit<WireRecord, "t">;
    records.wire.push({ jobId, kind, progress, seq, t });
  };
  class ProbedWebSocket extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      this.addEventListener("message", onFrame);
    }
  }
  window.WebSocket = ProbedWebSocket;
}

/** Runs in the page after pusher-js's browser build was added: subscribes the reference client. */
export function startReferenceClient(options: { key: string; port: number }): Promise<void> {
  type Channel = { bind(event: string, fn: (data: { sentAt: number }) => void): void };
  type Client = new (
    key: string,
    options: Record<string, unknown>,
  ) => { subscribe(channel: string): Channel };
  const { Pusher, benchProbe } = window as unknown as { Pusher: Client; benchProbe: ProbeRecords };
  const client = new Pusher(options.key, {
    cluster: "",
    wsHost: "127.0.0.1",
    wsPort: options.port,
    forceTLS: false,
    enabledTransports: ["ws"],
    disableStats: true,
  });
  const channel = client.subscribe("bench-reference");
  channel.bind("ping", (data) => benchProbe.reference.push({ sentAt: data.sentAt, t: Date.now() }));

  return new Promise((resolve) => channel.bind("pusher:subscription_succeeded", () => resolve()));
}
