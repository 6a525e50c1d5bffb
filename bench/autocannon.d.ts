// autocannon ships no types; only the part of its programmatic API that the bench uses is declared here.
declare module 'autocannon' {
  interface Options {
    url: string;
    connections?: number;
    /** Seconds. */
    duration?: number;
    workers?: number;
    headers?: Record<string, string>;
    timeout?: number;
    /** Requests sent in turn by each connection (path relative to `url`). */
    requests?: Array<{ method?: string; path: string; headers?: Record<string, string> }>;
  }

  interface Histogramme {
    mean: number;
    p50: number;
    p90: number;
    p97_5: number;
    p99: number;
    max: number;
    total: number;
  }

  interface Resultat {
    url: string;
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    resets: number;
    latency: Histogramme;
    requests: Histogramme & { sent: number };
    throughput: Histogramme;
    statusCodeStats: Record<string, { count: number }>;
  }

  function autocannon(options: Options): Promise<Resultat>;
  export default autocannon;
  export type { Options, Resultat };
}
