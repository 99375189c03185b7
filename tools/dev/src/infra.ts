/** A backing server dev mode uses: found in the environment, on localhost, or started by it. */
export interface Infra {
  url: string;
  /** Where it came from, for the banner: "DATABASE_URL", "localhost:5432", "embedded, …". */
  origin: string;
  /** Stops it if dev mode started it; a no-op otherwise. */
  stop(): Promise<void>;
}
