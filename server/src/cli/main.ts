import { commands } from './commands';
import { UsageError } from './io';
import type { CliIo } from './command';

function usage(): string {
  return ['Usage: workload-lens <command> [options]', '', 'Commands:', ...commands.map((c) => `  ${c.usage}\n      ${c.summary}`)].join('\n');
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    (name ? io.out : io.err)(usage());
    return name ? 0 : 2;
  }
  if (name === '--version') {
    io.out('0.1.0');
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`workload-lens: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`workload-lens ${name}: ${error.message}\nUsage: workload-lens ${command.usage}`);
      return 2;
    }
    io.err(`workload-lens ${name}: internal error: ${(error as Error)?.stack ?? error}`);
    return 3;
  }
}
