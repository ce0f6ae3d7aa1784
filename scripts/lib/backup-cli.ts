/**
 * The command line shared by db:backup and db:restore: exactly one backup file as the positional
 * argument, plus the script's own options. A bad command line prints the reason and the usage line,
 * then exits with status 2.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";

type Options = NonNullable<ParseArgsConfig["options"]>;

export function parseBackupFileArgs<const O extends Options>(options: O, text: { usage: string; noFile: string }) {
  let parsed;
  try {
    parsed = parseArgs({ options, allowPositionals: true, strict: true });
  } catch (error) {
    usageError(error instanceof Error ? error.message : String(error), text.usage);
  }
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length) usageError(file ? `One backup file only (got ${parsed.positionals.length}).` : text.noFile, text.usage);
  return { file, values: parsed.values };
}

function usageError(reason: string, usage: string): never {
  console.error(reason);
  console.error(usage);
  process.exit(2);
}
