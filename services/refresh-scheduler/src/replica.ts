import { hostname } from 'node:os';

/** Who holds a lease: unique per process, readable in the schedule table and the timeline. */
export const REPLICA_ID = `${hostname()}:${process.pid}`;
