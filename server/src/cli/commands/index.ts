import type { CliCommand } from '../command';
import { checkCommand } from './check';

/** Every CLI subcommand; each lives in its own module. */
export const commands: CliCommand[] = [checkCommand];
