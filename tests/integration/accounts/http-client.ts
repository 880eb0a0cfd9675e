// A minimal cookie-keeping HTTP client for tests that talk to the built portal like a browser
// without JavaScript would: form posts from the portal's own origin, redirects not followed.

export class PortalClient {
  readonly cookies = new Map<string, string>();

  constructor(
    readonly baseUrl: string,
    readonly origin: string = baseUrl,
    readonly extraHeaders: Record<string, string> = {},
  ) {}

  private keep(response: Response) {
    for (const header of response.headers.getSetCookie()) {
      const [pair, ...attributes] = header.split(";").map((part) => part.trim());
      const [name, ...rest] = pair.split("=");
      const value = rest.join("=");
      const expired = attributes.some((a) => /^expires=/i.test(a) && new Date(a.slice(8)).getTime() < Date.now());
      if (!value || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  cookieHeader() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  async get(path: string, headers: Record<string, string> = {}) {
    return this.keep(
      await fetch(new URL(path, this.baseUrl), {
        redirect: "manual",
        headers: { ...this.extraHeaders, ...(this.cookies.size ? { Cookie: this.cookieHeader() } : {}), ...headers },
      }),
    );
  }

  async post(path: string, form: Record<string, string>, headers: Record<string, string> = {}) {
    return this.keep(
      await fetch(new URL(path, this.baseUrl), {
        method: "POST",
        redirect: "manual",
        body: new URLSearchParams(form),
        headers: {
          Origin: this.origin,
          "Content-Type": "application/x-www-form-urlencoded",
          ...this.extraHeaders,
          ...(this.cookies.size ? { Cookie: this.cookieHeader() } : {}),
          ...headers,
        },
      }),
    );
  }
}

/** A form posted as a browser of the portal's origin would, with the session cookie when given; redirects not followed. */
export function postForm(baseUrl: string, path: string, fields: [string, string][] | Record<string, string>, cookie?: string) {
  return fetch(`${baseUrl}${path}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    redirect: "manual",
    headers: { Origin: baseUrl, "Content-Type": "application/x-www-form-urlencoded", ...(cookie ? { Cookie: cookie } : {}) },
  });
}

/** The text of a page without its markup, to look for what a person reads. */
export async function textOf(response: Response) {
  const html = await response.text();
  return html
    .replace(/<script[\s\S]*?<\/script>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
}
