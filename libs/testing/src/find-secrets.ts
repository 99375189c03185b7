export interface SecretFinding {
  /** The secret, masked: its first 4 characters and its length. */
  secret: string;
  /** The offending line. */
  line: string;
}

/**
 * Lines that contain any of `secrets` — verbatim, URL-encoded (both `encodeURIComponent` and
 * form encoding), or base64/base64url-encoded (also when embedded at any byte offset inside a
 * longer base64 value, e.g. an HTTP Basic header). Empty secrets are ignored.
 */
export function findSecrets(lines: string[], secrets: string[]): SecretFinding[] {
  const needles = secrets
    .filter((secret) => secret.length > 0)
    .map((secret) => ({ masked: maskSecret(secret), forms: encodedForms(secret) }));
  const findings: SecretFinding[] = [];
  for (const line of lines) {
    for (const needle of needles) {
      if (needle.forms.some((form) => line.includes(form))) {
        findings.push({ secret: needle.masked, line });
      }
    }
  }
  return findings;
}

/** `abcd…(32 chars)`: enough to recognise which secret leaked without leaking it again. */
export function maskSecret(secret: string): string {
  return `${secret.slice(0, 4)}…(${secret.length} chars)`;
}

function encodedForms(secret: string): string[] {
  const forms = new Set<string>([
    secret,
    encodeURIComponent(secret),
    new URLSearchParams({ s: secret }).toString().slice(2),
    ...base64Forms(secret),
  ]);
  // Very short fragments would match by accident; the verbatim form always stays.
  return [...forms].filter((form) => form === secret || form.length >= 4);
}

/**
 * The base64 and base64url text that encodes `secret` wherever it starts inside a longer byte
 * string: for each of the 3 possible alignments, the characters that depend only on the
 * secret's own bytes.
 */
function base64Forms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const forms: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const padded = Buffer.concat([Buffer.alloc(offset), bytes]);
    const encoded = padded.toString('base64');
    const lead = offset === 0 ? 0 : offset === 1 ? 2 : 3;
    const totalBits = padded.length * 8;
    // characters fully determined by known bits (those before the end of the secret)
    const fullChars = Math.floor(totalBits / 6);
    const exact = encoded.slice(lead, fullChars);
    if (offset === 0) forms.push(encoded); // the whole value, with padding
    if (exact.length > 0) {
      forms.push(exact, exact.replace(/\+/g, '-').replace(/\//g, '_'));
    }
  }
  return forms;
}
