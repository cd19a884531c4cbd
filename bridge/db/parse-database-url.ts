/** Where a `DATABASE_URL` points: `sqlite:<path>`, a plain path, `:memory:` or `postgres(ql)://…`. */
export function parseDatabaseUrl(
  url: string,
): { dialect: "sqlite"; path: string } | {
  dialect: "postgres";
  connectionString: string;
} {
  if (/^postgres(ql)?:\/\//i.test(url)) {
    return { dialect: "postgres", connectionString: url };
  }
  const path = url.startsWith("sqlite:") ? url.slice("sqlite:".length) : url;
  return { dialect: "sqlite", path: path === "" ? ":memory:" : path };
}
