/**
 * Picks what a run was asked for by name (e2e scenarios, `npm test` stages). Asking for a name that does not
 * exist is an error, never an empty run that passes: a misspelt name must not look like a green run.
 */
export type Selection<T> = { ok: true; selected: T[] } | { ok: false; message: string };

export function selectByName<T extends { name: string }>(
  all: readonly T[],
  names: readonly string[],
  what: string,
): Selection<T> {
  if (all.length === 0) return { ok: false, message: `there is no ${what} to run` };
  if (names.length === 0) return { ok: true, selected: [...all] };
  const unknown = names.filter((name) => !all.some((item) => item.name === name));
  if (unknown.length > 0) {
    const known = all.map((item) => `  ${item.name}`).join('\n');
    return {
      ok: false,
      message: `no ${what} named ${unknown.map((name) => `"${name}"`).join(', ')}; the ${what}s are:\n${known}`,
    };
  }
  return { ok: true, selected: all.filter((item) => names.includes(item.name)) };
}
