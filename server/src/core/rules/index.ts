// Every rule module registers itself on import; diagnostics.ts imports this file once.
import './schema';
import './cron';
import './api';
import './lint';
import './versions';
