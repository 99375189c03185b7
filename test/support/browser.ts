/**
 * A minimal browser for OAuth flows: follows redirects one by one, keeps cookies per origin, and
 * stops when it leaves the system (the product's redirectUrl), returning where it landed.
 */
export class FlowBrowser {
  private readonly jar = new Map<string, Map<string, string>>();
  readonly visited: string[] = [];

  constructor(private readonly stopAt: (url: URL) => boolean) {}

  async open(
    url: string,
    maxHops = 10,
  ): Promise<{ finalUrl: string; status: number; body: string }> {
    let current = url;
    for (let hop = 0; hop < maxHops; hop += 1) {
      const target = new URL(current);
      if (this.stopAt(target)) return { finalUrl: current, status: 0, body: '' };
      this.visited.push(current);
      const res = await fetch(current, { redirect: 'manual', headers: this.cookieHeader(target) });
      this.store(target, res.headers.getSetCookie());
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        current = new URL(location, current).toString();
        continue;
      }
      return { finalUrl: current, status: res.status, body: await res.text() };
    }
    throw new Error(`too many redirects from ${url}`);
  }

  cookieHeaderFor(url: string): Record<string, string> {
    return this.cookieHeader(new URL(url));
  }

  remember(url: string, setCookies: string[]): void {
    this.store(new URL(url), setCookies);
  }

  clearCookies(): void {
    this.jar.clear();
  }

  private cookieHeader(url: URL): Record<string, string> {
    const cookies = this.jar.get(url.host);
    if (!cookies || cookies.size === 0) return {};
    return { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
  }

  private store(url: URL, setCookies: string[]): void {
    for (const header of setCookies) {
      const [pair] = header.split(';');
      const eq = pair.indexOf('=');
      if (eq < 1) continue;
      const cookies = this.jar.get(url.host) ?? new Map<string, string>();
      cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
      this.jar.set(url.host, cookies);
    }
  }
}

/** Adds the sandbox's consent shortcut to its authorize URL. */
export function withConsent(authorizeUrl: string, user: string, action = 'approve'): string {
  const url = new URL(authorizeUrl);
  url.searchParams.set('sandbox_user', user);
  url.searchParams.set('sandbox_action', action);
  return url.toString();
}
