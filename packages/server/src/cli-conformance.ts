/**
 * `motcua-server conformance URL --key KEY --agency CODE`: runs the conformance kit against a deployment and prints
 * its pass/fail table; exit code 0 when every check passes, 1 when one fails, 2 for a usage error.
 * @module
 */
import { formatConformance, runConformance } from './conformance.js';

export async function conformanceCommand(args: readonly string[], usage: string): Promise<number> {
  const values = new Map<string, string>();
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--key' || a === '--agency') {
      values.set(a, args[i + 1] ?? '');
      i++;
    } else if (a.startsWith('--')) {
      process.stderr.write(`conformance: unknown option ${a}\n${usage}\n`);
      return 2;
    } else rest.push(a);
  }
  const url = rest[0];
  const key = values.get('--key') || process.env.MOTCUA_KEY;
  const agency = values.get('--agency');
  if (rest.length !== 1 || !url || !/^https?:\/\/[^\s]+$/.test(url) || !key || !agency) {
    process.stderr.write(`conformance: give URL (http:// or https://), --key KEY (or MOTCUA_KEY) and --agency CODE\n${usage}\n`);
    return 2;
  }
  process.stdout.write(`Kiểm tra tích hợp (conformance) ${url}, đơn vị ${agency}\n`);
  const checks = await runConformance({ url, key, agency });
  process.stdout.write(`${formatConformance(checks)}\n`);
  return checks.every((c) => c.ok) ? 0 : 1;
}
