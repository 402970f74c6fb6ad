import type { CliCommand } from '../command';
import { checkCommand } from './check';
import { placeCommand } from './place';
import { simulateCommand } from './simulate';

/** Every CLI subcommand; each lives in its own module. */
export const commands: CliCommand[] = [checkCommand, placeCommand, simulateCommand];
