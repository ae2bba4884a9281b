/** Keeps docs/benchmarks.md current: each benchmark owns one section, replaced whole when it runs again. */
import fs from 'node:fs';
import path from 'node:path';

const DOC = path.resolve(__dirname, '..', '..', 'docs', 'benchmarks.md');
const HEADER = `# Benchmarks

Figures printed by the benchmark scripts (\`npm run bench\` runs them all) on a 2-core machine. Each section
says the command that produced it; running that command again replaces the section.
`;

export function recordBenchmark(id: string, body: string): void {
  const start = `<!-- bench:${id} -->`;
  const end = `<!-- /bench:${id} -->`;
  const section = `${start}\n${body.trim()}\n${end}`;
  const current = fs.existsSync(DOC) ? fs.readFileSync(DOC, 'utf8') : HEADER;
  const pattern = new RegExp(`${escape(start)}[\\s\\S]*?${escape(end)}`);
  const next = pattern.test(current)
    ? current.replace(pattern, section)
    : `${current.trimEnd()}\n\n${section}\n`;
  fs.writeFileSync(DOC, next);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function markdownTable(headers: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}
