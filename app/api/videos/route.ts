import { createVideoBody, listVideosQuery } from "@/lib/library/video-dto";
import { videosApi } from "@/lib/library/library-api";
import { allowOnly } from "@/lib/http/allow-only";
import { parseInput, readJson, searchParamsOf } from "@/lib/http/parse";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";
export const { PUT, PATCH, DELETE, OPTIONS } = allowOnly("GET", "POST");

/** Videos, newest first, by title search or artist. */
export const GET = route("user", async ({ request }) => {
  const query = parseInput(listVideosQuery, searchParamsOf(request));

  return Response.json(await videosApi.list(query));
});

/** Adds a wanted video to the library. */
export const POST = route("user", async ({ request }) => {
  const body = parseInput(createVideoBody, await readJson(request));

  return Response.json({ video: await videosApi.create(body) }, { status: 201 });
});
