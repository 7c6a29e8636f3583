import { AppError } from "@/lib/http/errors";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/**
 * Any /api path no route file claims: a 404 in the API's error shape instead of Next's HTML
 * page, so scripts get an answer they can read. Routes that exist always match first.
 */
const unknownRoute = route<{ path: string[] }>("public", async ({ request }) => {
  const { pathname } = new URL(request.url);
  throw new AppError("not_found", `No API route at ${pathname.slice(0, 200)}.`);
});

export const GET = unknownRoute;
export const POST = unknownRoute;
export const PUT = unknownRoute;
export const PATCH = unknownRoute;
export const DELETE = unknownRoute;
// Next.js would otherwise answer OPTIONS itself, listing every method above as allowed.
export const OPTIONS = unknownRoute;
