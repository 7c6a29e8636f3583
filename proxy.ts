import { NextResponse, type NextRequest } from "next/server";

/**
 * Answers a path whose percent-escapes do not decode (`/api/jobs/%E0%A4%A`) with a 400 in the
 * API's error shape. Next.js decodes dynamic segments itself and would answer such a path with
 * a bare 500 before any route handler or page could see it.
 */
export function proxy(request: NextRequest) {
  try {
    decodeURIComponent(request.nextUrl.pathname);
  } catch {
    const error = {
      code: "bad_request",
      message: "The path holds a malformed percent-escape (such as %E0 without its bytes).",
      field: "path",
    };

    return NextResponse.json({ error }, { status: 400 });
  }

  return NextResponse.next();
}

// Only paths with a percent sign can hold a malformed escape; every other request skips this.
export const config = { matcher: "/(.*%.*)" };
