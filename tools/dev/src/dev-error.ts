/** A problem the person running `npm start` can fix; its message is printed as is. */
export class DevError extends Error {
  override readonly name = 'DevError';
}
