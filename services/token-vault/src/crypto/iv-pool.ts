import { randomFillSync } from 'node:crypto';

const POOL_BYTES = 4096;

/**
 * Random IVs cut from a buffer filled 4 KiB at a time. Each `randomBytes` call costs a system call
 * (OpenSSL checks the pid), three per sealed credential; IVs are not secret, only never reused, so
 * they can come from a pool (each byte handed out once). Data keys do not: they are drawn fresh,
 * so no future key ever sits in memory before it is used.
 */
export class IvPool {
  private pool = Buffer.alloc(0);
  private used = 0;

  take(bytes: number): Buffer {
    if (bytes > POOL_BYTES) throw new RangeError(`an IV of ${bytes} bytes`);
    if (this.used + bytes > this.pool.length) {
      this.pool = randomFillSync(Buffer.allocUnsafeSlow(POOL_BYTES));
      this.used = 0;
    }
    const iv = Buffer.from(this.pool.subarray(this.used, this.used + bytes));
    this.used += bytes;
    return iv;
  }
}
