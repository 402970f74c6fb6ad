import type { CliCommand } from '../command';
import { checkCommand } from './check';
import { cronCommand } from './cron';
import { placeCommand } from './place';
import { simulateCommand } from './simulate';
import { explainCommand } from './explain';

/** Every CLI subcommand; each lives in its own module. */
export const commands: CliCommand[] = [checkCommand, placeCommand, simulateCommand, cronCommand, explainCommand];
