import ipaddr from 'ipaddr.js';

export interface AddressPolicy {
  /** Accept 127.0.0.0/8 and ::1 (dev mode only: the sandbox and local test servers live there). */
  allowLoopback: boolean;
}

export type AddressVerdict = { allowed: true } | { allowed: false; range: string };

/**
 * Whether a server may connect to this IP address: only public unicast addresses, never private,
 * link-local (cloud metadata), unique-local, carrier-grade NAT, multicast, reserved or
 * unspecified ones; loopback only when the policy allows it. IPv6 forms that embed an IPv4
 * address (mapped, translated, NAT64, 6to4) are judged by the embedded address.
 */
export function judgeAddress(address: string, policy: AddressPolicy): AddressVerdict {
  if (!ipaddr.isValid(address)) return { allowed: false, range: 'invalid' };
  const parsed = ipaddr.parse(address);
  const embedded = parsed.kind() === 'ipv6' ? embeddedIPv4(parsed as ipaddr.IPv6) : null;
  if (embedded) return judgeAddress(embedded.toString(), policy);
  const range = parsed.range();
  if (range === 'unicast') return { allowed: true };
  if (range === 'loopback' && policy.allowLoopback) return { allowed: true };
  return { allowed: false, range };
}

function embeddedIPv4(v6: ipaddr.IPv6): ipaddr.IPv4 | null {
  const range = v6.range();
  const bytes = v6.toByteArray();
  if (range === 'ipv4Mapped' || range === 'rfc6145' || range === 'rfc6052') {
    return new ipaddr.IPv4(bytes.slice(12, 16));
  }
  if (range === '6to4') return new ipaddr.IPv4(bytes.slice(2, 6));
  return null;
}
