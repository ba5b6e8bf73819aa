// What an integrator writes with openapi-typescript's types and openapi-fetch: .ci/run
// compiles it (tsc --strict) beside the types generated from the committed document, so
// a contract change that breaks these calls fails CI.
import createClient from "openapi-fetch";
import type { components, paths } from "./thidua";

type PublicAward = components["schemas"]["PublicAward"];

export async function awardsOfRound(baseUrl: string, roundId: string): Promise<string[]> {
  const client = createClient<paths>({ baseUrl });
  const names: string[] = [];
  let cursor: string | undefined;
  do {
    const { data, error } = await client.GET("/api/v1/public/awards", {
      params: { query: { round_id: roundId, limit: 200, cursor } },
    });
    if (error) throw new Error(`${error.status} ${error.title}`);
    data.items.forEach((award: PublicAward) => names.push(`${award.nominee_name}: ${award.decision_number ?? "-"}`));
    cursor = data.next_cursor ?? undefined;
  } while (cursor);
  return names;
}

export async function submit(baseUrl: string, username: string, password: string, nominationId: string) {
  const anonymous = createClient<paths>({ baseUrl });
  const login = await anonymous.POST("/api/v1/auth/token", { body: { username, password } });
  if (login.error) throw new Error(login.error.detail ?? login.error.title);
  const client = createClient<paths>({
    baseUrl,
    headers: { Authorization: `Bearer ${login.data.access_token}` },
  });
  const current = await client.GET("/api/v1/nominations/{id}", { params: { path: { id: nominationId } } });
  if (current.error) throw new Error(current.error.title);
  const etag = current.response.headers.get("ETag") ?? `"${current.data.version}"`;
  const submitted = await client.POST("/api/v1/nominations/{id}/submit", {
    params: { path: { id: nominationId }, header: { "If-Match": etag } },
    body: { comment: "Đề nghị Sở Khoa học và Công nghệ tổng hợp." },
  });
  if (submitted.error) throw new Error(submitted.error.title);
  return submitted.data.status;
}
