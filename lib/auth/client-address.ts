import { isIP } from "node:net";

/**
 * The address a request came from, for rate-limit keys and the demo's loopback rule.
 *
 * Next's server fills `x-forwarded-for` with the socket's remote address, but only when the
 * request did not bring the header itself (it assigns with `??=`), and it never appends. So the
 * right-most entry is the address seen by the nearest hop that wrote the header: Next itself
 * when the client sent none, or a reverse proxy in front of Roadie (which appends the address
 * it saw). A client talking to Next directly can still put any value there; callers that grant
 * something on the strength of the address must not rely on it alone (see demo-sign-in.ts).
 */
export function clientAddress(request: Request): string | null {
  const header = request.headers.get("x-forwarded-for");
  if (!header) return null;
  const last = header.split(",").at(-1)?.trim() ?? "";

  return normalizeAddress(last);
}

/** Strips IPv6 brackets, a zone and the IPv4-mapped prefix; null when it is not an address. */
export function normalizeAddress(raw: string): string | null {
  let address = raw
    .trim()
    .replace(/^\[(.*)\]$/, "$1")
    .replace(/%.*$/, "");
  if (/^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(address)) address = address.slice(7);

  return isIP(address) ? address.toLowerCase() : null;
}

/** 127.0.0.0/8 and ::1 (after normalizeAddress). */
export function isLoopbackAddress(address: string | null): boolean {
  if (!address) return false;

  return address === "::1" || (isIP(address) === 4 && address.startsWith("127."));
}

/** A Host header naming this machine: localhost, 127.x.y.z or [::1], with any port. */
export function isLoopbackHost(host: string | null): boolean {
  if (!host) return false;
  const name = host.trim().toLowerCase().replace(/:\d+$/, "");
  if (name === "localhost" || name.endsWith(".localhost")) return true;

  return isLoopbackAddress(normalizeAddress(name));
}
