export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  readStdin(): string;
}

export interface CliCommand {
  name: string;
  usage: string;
  summary: string;
  /** Returns the exit code; throws UsageError for exit code 2. */
  run(args: string[], io: CliIo): number | Promise<number>;
}
