export type SimProvider = "musicbrainz" | "lastfm" | "spotify";

/**
 * A fault injected at run time. `count` limits it to the next N matching requests (default:
 * until reset). Kinds: latency (ms added), status (answer with that HTTP status, or the
 * provider's own error for 503/429), timeout (never answer), rate_limited (the provider's real
 * rate-limit answer), token_expired (Spotify: every issued token expires now), down (connection
 * refused-like: the socket is destroyed).
 */
export interface Fault {
  provider: SimProvider;
  kind: "latency" | "status" | "timeout" | "rate_limited" | "token_expired" | "down";
  ms?: number;
  status?: number;
  count?: number;
}

export class FaultBook {
  private faults: Fault[] = [];

  add(fault: Fault): void {
    this.faults.push({ ...fault });
  }

  clear(): void {
    this.faults = [];
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  /** Extra latency for this request (latency faults do not consume counts of others). */
  latency(provider: SimProvider): number {
    return this.faults
      .filter((f) => f.provider === provider && f.kind === "latency")
      .reduce((sum, f) => sum + (f.ms ?? 0), 0);
  }

  /** The first non-latency fault for the provider, consuming one of its count. */
  take(provider: SimProvider): Fault | undefined {
    const fault = this.faults.find((f) => f.provider === provider && f.kind !== "latency");
    if (!fault) return undefined;
    if (fault.count !== undefined) {
      fault.count -= 1;
      if (fault.count <= 0) this.faults = this.faults.filter((f) => f !== fault);
    }

    return { ...fault };
  }
}
