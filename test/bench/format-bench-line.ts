/** The summary line: `bench:` then every figure as `name=value`, in the order given. */
export function formatBenchLine(
  figures: Readonly<Record<string, number>>,
): string {
  return `bench: ${
    Object.entries(figures).map(([name, value]) => `${name}=${value}`).join(
      " ",
    )
  }`;
}
